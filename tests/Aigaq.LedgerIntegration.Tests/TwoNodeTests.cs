using System.Net.Http.Json;
using System.Text.Json;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Aigaq.LedgerIntegration.Tests;

public sealed class TwoNodeTests
{
    [Fact]
    public async Task Two_nodes_on_one_postgres_database_take_turns_and_checkpoints_stay_consistent()
    {
        await using var store = await TestDatabase.CreateAsync(postgres: true);
        await using var a = new LogNode(store, "node-a");
        await using var b = new LogNode(store, "node-b");
        using var officerA = await a.OfficerAsync();
        using var officerB = await b.OfficerAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        await a.RegisterDetentionAsync(officerA, 1);
        await b.RegisterDetentionAsync(officerB, 2);
        var first = await a.IntegrateOnceAsync(clock);
        Assert.True(first.Leader);
        // Per node: admin and officer (created, state, token each) and a facility; then two detentions and their alerts.
        Assert.Equal(18, first.TreeSize);
        await b.RegisterDetentionAsync(officerB, 3);
        var refused = await b.IntegrateOnceAsync(clock);
        Assert.False(refused.Leader);
        Assert.Equal(0, refused.Integrated);

        // node-a stops renewing; once its lease runs out node-b takes over from the stored tiles.
        clock.Advance(LedgerIntegrator.Lease + TimeSpan.FromSeconds(1));
        var takeover = await b.IntegrateOnceAsync(clock);
        Assert.True(takeover.Leader);
        Assert.Equal(await b.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync()), takeover.TreeSize); // everything stored
        Assert.False((await a.IntegrateOnceAsync(clock)).Leader);

        // Both nodes try to integrate all the time while both take registrations.
        var leaders = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        async Task LoopAsync(LogNode node)
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await node.IntegrateOnceAsync(clock);
                if (r.Integrated > 0)
                {
                    leaders.Add(node.Node);
                }

                await Task.Delay(5);
            }
        }

        var loops = new[] { LoopAsync(a), LoopAsync(b) };
        for (var i = 0; i < 10; i++)
        {
            await a.RegisterDetentionAsync(officerA, 100 + i);
            await b.RegisterDetentionAsync(officerB, 200 + i);
        }

        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        Assert.Equal(["node-b"], leaders.Distinct());
        var size = await b.IntegrateAllAsync();
        // Every registration, with its alerts, and the accounts and facilities of both nodes.
        Assert.Equal(23, await b.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == "detention.registered")));
        Assert.Equal(await b.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync()), size);

        // Every checkpoint either node serves is consistent with the next, and the audit holds.
        using var http = a.CreateClient();
        var checkpoints = await a.WithDbAsync(db => db.Set<LedgerCheckpoint>().OrderBy(c => c.Size).ToListAsync());
        var key = a.Keys.Verifier;
        Assert.Equal(key.VerifierKey, b.Keys.Verifier.VerifierKey);
        for (var i = 1; i < checkpoints.Count; i++)
        {
            var (x, y) = (checkpoints[i - 1], checkpoints[i]);
            Checkpoint.Verify(SignedNote.Parse(y.Note), key);
            var proof = await http.GetFromJsonAsync<JsonElement>($"/api/v1/log/proof/consistency?from={x.Size}&to={y.Size}");
            var hashes = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
            Assert.True(MerkleProof.VerifyConsistency(x.Size, y.Size, hashes, Convert.FromBase64String(x.Root), Convert.FromBase64String(y.Root)));
        }

        Assert.Empty(await b.AuditAsync());
    }
}
