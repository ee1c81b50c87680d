using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aigaq.Detentions;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

public sealed class LogTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Integrated_log_verifies_from_key_checkpoint_tiles_proofs_and_receipts(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await app.OfficerAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await app.RegisterDetentionAsync(officer, i));
        }

        await app.IntegrateAllAsync(maxBatch: 2);
        for (var i = 5; i < 8; i++)
        {
            ids.Add(await app.RegisterDetentionAsync(officer, i));
        }

        var size = await app.IntegrateAllAsync();
        // One facility; two accounts (admin, officer), each created, in its first state and given a token; eight
        // detentions and the eleven alerts they raised.
        Assert.Equal(26, size);

        using var http = app.CreateClient();
        var key = NoteVerifier.Parse((await http.GetStringAsync("/api/v1/log/key")).Trim());
        var checkpointResponse = await http.GetAsync("/log/checkpoint");
        Assert.Equal("text/plain", checkpointResponse.Content.Headers.ContentType?.MediaType);
        var checkpoint = Checkpoint.Verify(SignedNote.Parse(await checkpointResponse.Content.ReadAsStringAsync()), key);
        Assert.Equal(size, checkpoint.Size);
        Assert.Equal("aigaq.local/log", checkpoint.Origin);

        // The root, rebuilt from the served tiles.
        var tiles = new Dictionary<Tile, byte[]>();
        foreach (var tile in Tile.ForTreeSize(size))
        {
            var res = await http.GetAsync("/log/" + tile.Path);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.Equal(tile.IsPartial ? LedgerEndpoints.Short : LedgerEndpoints.Immutable, res.Headers.CacheControl?.ToString());
            tiles[tile] = await res.Content.ReadAsByteArrayAsync();
        }

        Assert.Equal(checkpoint.RootHash.ToArray(), MerkleProof.RootHash(new TileHashReader(size, t => tiles[t]), size));
        var bundle = EntryBundle.Decode(await http.GetByteArrayAsync($"/log/tile/entries/000.p/{size}"), (int)size);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/log/tile/0/000.p/200")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/log/tile/entries/000.p/200")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/log/tile/0/000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/log/tile/0/000.p/3")).StatusCode); // an older partial tile is a prefix

        // Each detention: inclusion proof and receipt.
        foreach (var id in ids)
        {
            var index = await app.LogIndexAsync(DetentionLedger.Registered, id);
            var leaf = MerkleHash.Leaf(bundle[(int)index]);
            Assert.Contains(id.ToString(), Encoding.UTF8.GetString(bundle[(int)index]), StringComparison.Ordinal);
            var proof = await http.GetFromJsonAsync<JsonElement>($"/api/v1/log/proof/inclusion?index={index}&size={size}");
            var hashes = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
            Assert.True(MerkleProof.VerifyInclusion(leaf, index, size, hashes, checkpoint.RootHash));
            var receipt = TlogProof.Parse(await http.GetStringAsync($"/api/v1/log/receipts/{index}"));
            Assert.Equal(size, receipt.Verify(leaf, key).Size);
        }

        // Consistency between every pair of successive checkpoints, by the API's proofs.
        var checkpoints = await app.WithDbAsync(db => db.Set<LedgerCheckpoint>().OrderBy(c => c.Size).ToListAsync());
        Assert.True(checkpoints.Count >= 4);
        for (var i = 1; i < checkpoints.Count; i++)
        {
            var (a, b) = (checkpoints[i - 1], checkpoints[i]);
            var proof = await http.GetFromJsonAsync<JsonElement>($"/api/v1/log/proof/consistency?from={a.Size}&to={b.Size}");
            var hashes = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
            Assert.True(MerkleProof.VerifyConsistency(a.Size, b.Size, hashes, Convert.FromBase64String(a.Root), Convert.FromBase64String(b.Root)));
            Checkpoint.Verify(SignedNote.Parse(b.Note), key);
        }

        // Refusals.
        await AssertProblemAsync(await http.GetAsync($"/api/v1/log/proof/inclusion?index=0&size={size + 1}"), "size");
        await AssertProblemAsync(await http.GetAsync("/api/v1/log/proof/inclusion?index=x&size=1"), "index");
        await AssertProblemAsync(await http.GetAsync("/api/v1/log/proof/consistency?from=5&to=2"), "from");
        await AssertProblemAsync(await http.GetAsync($"/api/v1/log/proof/consistency?from=1&to={size + 1}"), "to");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/log/receipts/{size}")).StatusCode);

        // The audit and the outside verifier both find that all holds, and the verifier remembers.
        Assert.Empty(await app.AuditAsync());
        var state = Path.Combine(store.DataDir, "verify-state");
        Assert.Empty(await LedgerVerify.RunAsync(http, http.BaseAddress!, null, state, TextWriter.Null, CancellationToken.None));
        Assert.Equal(checkpoint.ToNoteText(), SignedNote.Parse(await File.ReadAllTextAsync(state)).Text);
        await app.RegisterDetentionAsync(officer, 99);
        await app.IntegrateAllAsync();
        Assert.Empty(await LedgerVerify.RunAsync(http, http.BaseAddress!, key.VerifierKey, state, TextWriter.Null, CancellationToken.None));

        // The key file is private.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(app.Keys.KeyPath));
        }
    }

    [Fact]
    public async Task Writes_get_503_with_retry_after_while_too_many_entries_wait()
    {
        await using var store = await TestDatabase.CreateAsync(false);
        await using var app = new LogNode(store, extra: new() { ["Aigaq:Ledger:MaxPending"] = "2" });
        using var officer = await app.OfficerAsync();
        await app.RegisterDetentionAsync(officer, 1);
        await app.RegisterDetentionAsync(officer, 2);
        var pressure = app.Services.GetRequiredService<LedgerBackPressure>();
        await app.WithDbAsync(async db => { await pressure.RefreshAsync(db, CancellationToken.None); return 0; });
        Assert.Equal(11, pressure.Pending); // admin and officer (created, state, token each), facility, two detentions, two alerts

        var refused = await app.PostDetentionAsync(officer, 3);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/log/key")).StatusCode);

        await app.IntegrateAllAsync();
        await app.WithDbAsync(async db => { await pressure.RefreshAsync(db, CancellationToken.None); return 0; });
        Assert.Equal(0, pressure.Pending);
        await app.RegisterDetentionAsync(officer, 4);
    }

    [Fact]
    public async Task Empty_log_gets_a_signed_size_zero_checkpoint_and_no_receipts()
    {
        await using var store = await TestDatabase.CreateAsync(false);
        await using var app = new LogNode(store);
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/log/checkpoint")).StatusCode);
        Assert.Equal(0, await app.IntegrateAllAsync());
        var key = NoteVerifier.Parse((await http.GetStringAsync("/api/v1/log/key")).Trim());
        Assert.Equal(0, Checkpoint.Verify(SignedNote.Parse(await http.GetStringAsync("/log/checkpoint")), key).Size);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/log/receipts/0")).StatusCode);
        Assert.Empty(await app.AuditAsync());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage res, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var body = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"problem should name {field}");
    }
}
