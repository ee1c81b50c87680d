using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aigaq.Ledger;
using Npgsql;
using Xunit.Abstractions;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Issue 3 item 7: the real <c>aigaq</c> process on PostgreSQL is killed hard (SIGKILL) while
/// registrations pour in, and restarted on the same database and keys. Every registration it
/// acknowledged with 201 is still there, <c>aigaq log audit</c> finds that all holds, and every
/// checkpoint a client saw, and the latest after the restart, is consistent with the next.
/// </summary>
public sealed class CrashTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const int Senders = 8;

    /// <summary>Acknowledged registrations before the kill; the kill comes while senders are still sending.</summary>
    private const int KillAfter = 150;

    private TestDatabase _store = null!;
    private readonly List<AigaqProcess> _processes = [];

    public async Task InitializeAsync() => _store = await TestDatabase.CreateEmptyAsync(postgres: true);

    public async Task DisposeAsync()
    {
        foreach (var p in _processes)
        {
            p.Dispose();
        }

        await _store.DisposeAsync();
    }

    private string[] Settings() => _store.Arguments();

    private async Task<(AigaqProcess Process, Uri Url)> ServeAsync()
    {
        var (process, url) = await AigaqProcess.ServeAsync(Settings());
        _processes.Add(process);
        return (process, url);
    }

    [Fact]
    public async Task Acknowledged_registrations_survive_a_hard_kill_and_the_log_stays_consistent()
    {
        await AigaqProcess.RunOkAsync(["db", "migrate", .. Settings()]);
        await AigaqProcess.RunOkAsync(["users", "add", "--email", "admin@crash.kz", "--role", "Administrator", "--password", "admin-password-1", .. Settings()]);
        await AigaqProcess.RunOkAsync(["users", "add", "--email", "officer@crash.kz", "--role", "Officer", "--region", "KZ-75", "--password", "officer-password-1", .. Settings()]);
        var adminToken = await AigaqProcess.RunOkAsync(["tokens", "issue", "--email", "admin@crash.kz", .. Settings()]);
        var officerToken = await AigaqProcess.RunOkAsync(["tokens", "issue", "--email", "officer@crash.kz", .. Settings()]);

        var (first, url) = await ServeAsync();
        Guid facility;
        using (var admin = Client(url, adminToken))
        {
            var res = await admin.PostAsJsonAsync("api/v1/facilities", new
            {
                name = "ИВС УП г. Алматы",
                type = "policeHoldingCell",
                region = "KZ-75",
                agency = "police",
                address = "Алматы, ул. Абая 1",
                acceptsMinors = false,
            });
            Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
            facility = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        // The load: senders register until the process dies; a reader keeps every checkpoint it sees.
        var acknowledged = new ConcurrentBag<Guid>();
        var refused = new ConcurrentBag<string>();
        var seen = new ConcurrentDictionary<string, byte>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        using var killing = new CancellationTokenSource();
        var counter = 0;
        var lost = 0;

        async Task SendAsync()
        {
            using var officer = Client(url, officerToken);
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref counter);
                HttpResponseMessage res;
                try
                {
                    res = await officer.PostAsJsonAsync("api/v1/detentions", Registration(n, facility));
                }
                catch (HttpRequestException)
                {
                    // The process is gone (or going): this one was never acknowledged.
                    if (killing.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref lost);
                        return;
                    }

                    throw;
                }

                using (res)
                {
                    var body = await res.Content.ReadAsStringAsync();
                    if (res.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
                    }
                    else if (res.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        refused.Add($"{(int)res.StatusCode}: {body}");
                    }
                }

                if (acknowledged.Count >= KillAfter && seen.Count >= 3)
                {
                    enough.TrySetResult();
                }
            }
        }

        async Task WatchAsync()
        {
            using var reader = Client(url, null);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Before the first checkpoint is signed there is none to see.
                    using var res = await reader.GetAsync("log/checkpoint");
                    if (res.StatusCode == HttpStatusCode.OK)
                    {
                        seen.TryAdd(await res.Content.ReadAsStringAsync(), 0);
                    }
                }
                catch (HttpRequestException)
                {
                    if (killing.IsCancellationRequested)
                    {
                        return;
                    }

                    throw;
                }
            }
        }

        var load = Enumerable.Range(0, Senders).Select(_ => Task.Run(SendAsync)).Append(Task.Run(WatchAsync)).ToList();
        var reached = await Task.WhenAny(enough.Task, Task.WhenAny(load), Task.Delay(AigaqProcess.Patience));
        if (reached != enough.Task)
        {
            stop.Cancel();
            await Task.WhenAll(load.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            Assert.Fail($"the load did not reach {KillAfter} registrations and 3 checkpoints: {acknowledged.Count}, {seen.Count}; " +
                $"{string.Join("; ", load.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!.Message))}\n{first.Output}");
        }

        // kill -9 while the senders are still sending.
        await killing.CancelAsync();
        await first.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.Empty(refused);
        var before = acknowledged.Count;
        Assert.True(before >= KillAfter);

        // Restart on the same database and keys, and wait until the log holds every sequenced entry.
        var (second, url2) = await ServeAsync();
        using var http = Client(url2, null);
        var key = NoteVerifier.Parse((await http.GetStringAsync("api/v1/log/key")).Trim());
        var sequenced = await SequencedAsync();
        var latest = await IntegratedAsync(http, key, sequenced);

        // Every acknowledged registration is readable through the API.
        using (var officer = Client(url2, officerToken))
        {
            foreach (var id in acknowledged)
            {
                using var res = await officer.GetAsync($"api/v1/detentions/{id}");
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"acknowledged registration {id}: {(int)res.StatusCode}");
            }
        }

        // The audit, as its own process, finds that all holds.
        var audit = await AigaqProcess.RunAsync(["log", "audit", .. Settings()]);
        Assert.True(audit.ExitCode == 0, $"aigaq log audit exited with {audit.ExitCode}:\n{audit.StandardOutput}\n{audit.Output}");

        // Every checkpoint seen during the load, and the latest, each consistent with the next.
        var checkpoints = seen.Keys.Select(note => Checkpoint.Verify(SignedNote.Parse(note), key)).Append(latest)
            .DistinctBy(c => c.Size).OrderBy(c => c.Size).ToList();
        Assert.True(checkpoints.Count >= 3);
        log.WriteLine($"{before} registrations acknowledged, {lost} in flight at the kill; {sequenced} entries sequenced; " +
            $"checkpoints {string.Join(", ", checkpoints.Select(c => c.Size))}");
        foreach (var c in seen.Keys.Select(note => Checkpoint.Verify(SignedNote.Parse(note), key)))
        {
            // Two checkpoints of one size must have one root.
            Assert.Equal(checkpoints.Single(x => x.Size == c.Size).RootHash.ToArray(), c.RootHash.ToArray());
        }

        for (var i = 1; i < checkpoints.Count; i++)
        {
            var (a, b) = (checkpoints[i - 1], checkpoints[i]);
            if (a.Size == 0)
            {
                continue;
            }

            var proof = await http.GetFromJsonAsync<JsonElement>($"api/v1/log/proof/consistency?from={a.Size}&to={b.Size}");
            var hashes = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
            Assert.True(MerkleProof.VerifyConsistency(a.Size, b.Size, hashes, a.RootHash, b.RootHash), $"checkpoint {a.Size} is not consistent with {b.Size}");
        }

        Assert.False(second.HasExited, second.Output);
    }

    /// <summary>How many entries the database has handed out indices for: what the log must come to hold.</summary>
    private async Task<long> SequencedAsync()
    {
        await using var connection = new NpgsqlConnection(_store.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT \"NextIndex\" FROM ledger_state WHERE \"Id\" = 1", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Waits for the restarted node's integrator to sign a checkpoint of at least that size.</summary>
    private static async Task<Checkpoint> IntegratedAsync(HttpClient http, NoteVerifier key, long size)
    {
        var deadline = DateTime.UtcNow + AigaqProcess.Patience;
        while (true)
        {
            using var res = await http.GetAsync("log/checkpoint");
            var checkpoint = res.StatusCode == HttpStatusCode.OK ? Checkpoint.Verify(SignedNote.Parse(await res.Content.ReadAsStringAsync()), key) : null;
            if (checkpoint is not null && checkpoint.Size >= size)
            {
                return checkpoint;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the restarted log holds {checkpoint?.Size} of {size} entries");
            }

            await Task.Delay(200);
        }
    }

    private static HttpClient Client(Uri url, string? token)
    {
        var c = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null)
        {
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return c;
    }

    private static object Registration(int n, Guid facility) => new
    {
        person = new { lastName = "Исаев" + n, firstName = "Нурлан", birthDate = "1990-04-01", language = "kk" },
        detainedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
        place = new { address = "Алматы, пр. Достык " + n },
        region = "KZ-75",
        agency = "police",
        officers = new[] { new { badge = "A" + n, name = "Серик Ахметов" } },
        grounds = new { kind = "suspicion", article = "188" },
        destination = new { facilityId = facility },
        contacts = Array.Empty<object>(),
    };
}
