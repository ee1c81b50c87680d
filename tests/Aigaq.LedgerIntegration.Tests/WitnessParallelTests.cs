using System.Net;
using System.Net.Sockets;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>A witness that accepts connections and never answers: the TCP listener holds each one open and silent.</summary>
internal sealed class SilentWitness : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly SemaphoreSlim _accepted = new(0);

    /// <summary>The key the app is told this witness has (<c>witness.example/dead</c>); it never signs.</summary>
    private readonly NoteSigner _key = NoteSigner.Generate("witness.example/dead", NoteKeyType.Cosignature);

    /// <summary>The app's settings that list this witness as its <paramref name="slot"/>-th.</summary>
    public Dictionary<string, string?> Settings(int slot) => new()
    {
        [$"Aigaq:Ledger:Witnesses:{slot}:Url"] = Url.ToString(),
        [$"Aigaq:Ledger:Witnesses:{slot}:Key"] = _key.Verifier.VerifierKey,
    };

    public SilentWitness()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Waits until a request has come in (and is being ignored).</summary>
    public Task WaitForRequestAsync(CancellationToken ct) => _accepted.WaitAsync(ct);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                lock (_held)
                {
                    _held.Add(client);
                }

                _accepted.Release();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _accepted.Dispose();
        _key.Dispose();
    }
}

/// <summary>The dispatcher's loops: a witness that never answers delays no other, and its attempt is recorded when its own deadline passes.</summary>
public sealed class WitnessParallelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_healthy_witness_cosigns_while_a_dead_one_is_still_timing_out(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var healthy = await WitnessServer.ForLogOfAsync(store);
        using var silent = new SilentWitness();

        // The dead witness is listed first: a dispatcher that asks one witness after another would wait on it.
        await using var app = new LogNode(store, extra: new(silent.Settings(0).Concat(healthy.Settings(1))));
        using var officer = await app.OfficerAsync();
        await app.RegisterDetentionAsync(officer, 1);
        var size = await app.IntegrateAllAsync();

        // No deadline: the dead witness's request stays open for as long as the test runs.
        using var stop = new CancellationTokenSource();
        var loops = app.RunWitnessLoopsAsync(Timeout.InfiniteTimeSpan, stop.Token);

        await silent.WaitForRequestAsync(CancellationToken.None);
        var cosigned = await WaitForAsync(app, db => db.Set<LedgerCosignature>().AnyAsync(c => c.Size == size && c.Witness == healthy.Key.Name));
        Assert.True(cosigned);

        // The dead witness's request is still open: no answer, no attempt recorded yet, its lease held.
        var deadAttempts = await app.WithDbAsync(db => db.Set<LedgerWitnessAttempt>().CountAsync(a => a.Witness == "witness.example/dead"));
        Assert.Equal(0, deadAttempts);
        var deadLease = await app.WithDbAsync(db => db.Set<LedgerWitness>().SingleAsync(w => w.Name == "witness.example/dead"));
        Assert.Equal(app.Node, deadLease.Node);
        Assert.NotNull(deadLease.LeaseUntil);
        var healthyAttempt = await app.WithDbAsync(db => db.Set<LedgerWitnessAttempt>().SingleAsync(a => a.Witness == healthy.Key.Name));
        Assert.Equal((200, "cosigned", size), (healthyAttempt.Status, healthyAttempt.Outcome, healthyAttempt.Size));

        await stop.CancelAsync();
        await loops;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_dead_witness_is_recorded_unreachable_when_its_own_deadline_passes(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        using var silent = new SilentWitness();
        await using var app = new LogNode(store, extra: silent.Settings(0));
        using var officer = await app.OfficerAsync();
        await app.RegisterDetentionAsync(officer, 1);
        var size = await app.IntegrateAllAsync();

        using var stop = new CancellationTokenSource();
        var loops = app.RunWitnessLoopsAsync(TimeSpan.FromMilliseconds(200), stop.Token);

        // The failed attempt is recorded first, then the witness is put off until its retry time.
        Assert.True(await WaitForAsync(app, db => db.Set<LedgerWitness>().AnyAsync(w => w.Name == "witness.example/dead" && w.RetryAt != null)));
        await stop.CancelAsync();
        await loops;

        var attempt = await app.WithDbAsync(db => db.Set<LedgerWitnessAttempt>().FirstAsync(a => a.Witness == "witness.example/dead"));
        Assert.Null(attempt.Status);
        Assert.StartsWith("unreachable:", attempt.Outcome, StringComparison.Ordinal);
        Assert.Equal(size, attempt.Size);
        var row = await app.WithDbAsync(db => db.Set<LedgerWitness>().SingleAsync(w => w.Name == "witness.example/dead"));
        Assert.Null(row.LeaseUntil);
        Assert.False(await app.WithDbAsync(db => db.Set<LedgerCosignature>().AnyAsync()));
    }

    /// <summary>Polls until the condition holds; gives up (false) only after a generous bound, which no assertion is about.</summary>
    private static async Task<bool> WaitForAsync(LogNode app, Func<Aigaq.Data.AigaqDb, Task<bool>> condition)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await app.WithDbAsync(condition))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
