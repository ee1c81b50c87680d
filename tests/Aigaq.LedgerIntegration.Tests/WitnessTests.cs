using System.Net;
using System.Text;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Aigaq.Witness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>An <c>aigaq witness</c> host on a real port, on a state directory that outlives it.</summary>
internal sealed class WitnessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WitnessServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }
    public WitnessStore Store => _app.Services.GetRequiredService<WitnessStore>();
    public NoteVerifier Key => Store.Key.Verifier;

    /// <summary>
    /// A witness of the log of <paramref name="store"/>: the log key is made first (the app makes the same file on first
    /// start), so that the witness can trust it; its state is in the store's directory.
    /// </summary>
    public static async Task<WitnessServer> ForLogOfAsync(TestDatabase store)
    {
        NoteVerifier logKey;
        using (var signer = LedgerKeys.LoadOrCreate(Path.Combine(store.DataDir, "keys", LedgerKeys.FileName), "aigaq.local/log"))
        {
            logKey = signer.Verifier;
        }

        var witness = await StartAsync(Path.Combine(store.DataDir, "witness"), logKey.VerifierKey);
        witness.LogKey = logKey;
        return witness;
    }

    /// <summary>The log key this witness was started for by <see cref="ForLogOfAsync"/>.</summary>
    public NoteVerifier? LogKey { get; private set; }

    /// <summary>The app's settings that list this witness as its <paramref name="slot"/>-th.</summary>
    public Dictionary<string, string?> Settings(int slot = 0) => new()
    {
        [$"Aigaq:Ledger:Witnesses:{slot}:Url"] = Url.ToString(),
        [$"Aigaq:Ledger:Witnesses:{slot}:Key"] = Key.VerifierKey,
    };

    public static async Task<WitnessServer> StartAsync(string dir, params string[] logKeys)
    {
        var app = WitnessHost.Build("witness.example/w1", dir, logKeys, ["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WitnessServer(app, new Uri(address + "/"));
    }

    public async Task<HttpResponseMessage> PostAsync(HttpClient http, string body) =>
        await http.PostAsync(new Uri(Url, "add-checkpoint"), new StringContent(body, Encoding.UTF8, "text/plain"));

    public async ValueTask DisposeAsync()
    {
        var store = Store;
        await _app.StopAsync();
        await _app.DisposeAsync();
        store.Dispose();
    }
}

public sealed class WitnessTests : IDisposable
{
    private const string Origin = "example.kz/aigaq-test";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aigaq-witness-" + Guid.NewGuid().ToString("N"));
    private readonly NoteSigner _log = NoteSigner.Generate(Origin);
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _log.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Cosigns_a_consistent_sequence_by_the_protocol_and_keeps_the_state()
    {
        await using var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey);
        var tree = new MemoryTree();
        long old = 0;
        foreach (var size in new long[] { 1, 3, 3, 8, 21 })
        {
            tree.Grow(size);
            var request = tree.Request(_log, old);
            using var res = await witness.PostAsync(_http, request.Format());
            var body = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == HttpStatusCode.OK, body);
            Assert.StartsWith("\u2014 witness.example/w1 ", body, StringComparison.Ordinal);
            var verified = TlogWitness.VerifyResponse(request.Note, body, witness.Key);
            Assert.NotNull(verified.Timestamp);
            old = size;
        }

        var stored = witness.Store.Latest(Origin);
        Assert.NotNull(stored);
        var checkpoint = Checkpoint.Verify(stored, _log.Verifier, [witness.Key], witnessQuorum: 1);
        Assert.Equal(21, checkpoint.Size);
        Assert.Empty(witness.Store.EvidenceDirectories());
    }

    [Fact]
    public async Task A_stale_old_size_gets_409_text_x_tlog_size_with_the_latest_size()
    {
        await using var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey);
        var tree = MemoryTree.WithSize(5);
        using (var first = await witness.PostAsync(_http, tree.Request(_log, 0).Format()))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        tree.Grow(9);
        using var res = await witness.PostAsync(_http, tree.Request(_log, 0).Format());
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("text/x.tlog.size", res.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5\n", await res.Content.ReadAsStringAsync());

        using var retry = await witness.PostAsync(_http, tree.Request(_log, 5).Format());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_fork_with_409_and_keeps_both_checkpoints_as_evidence()
    {
        await using var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey);
        var honest = MemoryTree.WithSize(6);
        using (var first = await witness.PostAsync(_http, honest.Request(_log, 0).Format()))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var forked = MemoryTree.WithSize(6, salt: "rewritten-");
        using var res = await witness.PostAsync(_http, forked.Request(_log, 6).Format());
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("6\n", await res.Content.ReadAsStringAsync());

        var evidence = Assert.Single(witness.Store.EvidenceDirectories());
        Assert.Contains("-fork-", Path.GetFileName(evidence), StringComparison.Ordinal);
        Assert.True(AddCheckpointRequest.TryParse(await File.ReadAllTextAsync(Path.Combine(evidence, "submitted.request")), out var submitted, out _));
        Assert.Equal(forked.Root(), submitted.Checkpoint.RootHash.ToArray());
        var cosigned = SignedNote.Parse(await File.ReadAllTextAsync(Path.Combine(evidence, "cosigned.checkpoint")));
        Assert.Equal(honest.Root(), Checkpoint.Verify(cosigned, _log.Verifier, [witness.Key], 1).RootHash.ToArray());

        // The state did not move: the honest checkpoint is still the latest.
        Assert.Equal(honest.Root(), Checkpoint.Parse(witness.Store.Latest(Origin)!.Text).RootHash.ToArray());
    }

    [Fact]
    public async Task A_bad_consistency_proof_gets_422_and_is_kept_as_evidence()
    {
        await using var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey);
        var honest = MemoryTree.WithSize(4);
        using (var first = await witness.PostAsync(_http, honest.Request(_log, 0).Format()))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var rewritten = MemoryTree.WithSize(10, salt: "other-");
        using var res = await witness.PostAsync(_http, rewritten.Request(_log, 4).Format());
        Assert.Equal((HttpStatusCode)422, res.StatusCode);
        Assert.Contains("-bad-proof-", Path.GetFileName(Assert.Single(witness.Store.EvidenceDirectories())), StringComparison.Ordinal);
        Assert.Equal(4, Checkpoint.Parse(witness.Store.Latest(Origin)!.Text).Size);
    }

    [Fact]
    public async Task Malformed_unknown_and_unsigned_requests_get_400_404_403_and_change_nothing()
    {
        await using var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey);
        var tree = MemoryTree.WithSize(3);
        using var other = NoteSigner.Generate("example.kz/other");
        using var impostor = NoteSigner.Generate(Origin);
        using (var res = await witness.PostAsync(_http, "old 0\nnonsense"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        }

        using (var res = await witness.PostAsync(_http, new AddCheckpointRequest(4, [], new Checkpoint(Origin, 3, tree.Root()).Sign(_log)).Format()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        }

        using (var res = await witness.PostAsync(_http, tree.Request(other, 0).Format()))
        {
            Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        }

        using (var res = await witness.PostAsync(_http, tree.Request(impostor, 0).Format()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        }

        using (var res = await witness.PostAsync(_http, "old 0\n\n" + new string('x', WitnessHost.MaxBody)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        }

        Assert.Null(witness.Store.Latest(Origin));
        Assert.Empty(witness.Store.EvidenceDirectories());
    }

    [Fact]
    public async Task Survives_a_restart_with_its_key_and_state()
    {
        var tree = MemoryTree.WithSize(7);
        string vkey;
        await using (var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey))
        {
            vkey = witness.Key.VerifierKey;
            using var res = await witness.PostAsync(_http, tree.Request(_log, 0).Format());
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        }

        await using (var again = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey))
        {
            Assert.Equal(vkey, again.Key.VerifierKey);
            tree.Grow(12);
            using (var stale = await again.PostAsync(_http, tree.Request(_log, 0).Format()))
            {
                Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
                Assert.Equal("7\n", await stale.Content.ReadAsStringAsync());
            }

            using var ok = await again.PostAsync(_http, tree.Request(_log, 7).Format());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }

    [Fact]
    public async Task Two_witnesses_cannot_share_a_state_directory()
    {
        await using var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey));
        Assert.Contains("Another witness", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_requests_from_the_same_old_size_advance_the_state_exactly_once()
    {
        await using var witness = await WitnessServer.StartAsync(_dir, _log.Verifier.VerifierKey);
        var bodies = Enumerable.Range(1, 12).Select(n => MemoryTree.WithSize(n).Request(_log, 0).Format()).ToList();
        var responses = await Task.WhenAll(bodies.Select(b => witness.PostAsync(_http, b)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK) + 1;
        Assert.Equal(winner, Checkpoint.Parse(witness.Store.Latest(Origin)!.Text).Size);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }
}
