using System.Net;
using System.Text.Json;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>The app's log and a real witness host on a real port: checkpoints are cosigned and the detention shows the bound.</summary>
public sealed class WitnessedLogTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Registrations_are_cosigned_by_a_witness_and_the_detention_shows_the_bound(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var witness = await WitnessServer.ForLogOfAsync(store);
        await using var app = new LogNode(store, extra: witness.Settings());
        using var officer = await app.OfficerAsync();
        using var http = app.CreateClient();

        // Before any witness has seen the log there is no cosigned checkpoint and no bound.
        var first = await app.RegisterDetentionAsync(officer, 1);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/log/checkpoints/cosigned")).StatusCode);
        var unwitnessed = await LogOf(officer, first);
        Assert.True(unwitnessed.TryGetProperty("index", out _));
        Assert.False(unwitnessed.TryGetProperty("witnessedBy", out _));

        var size1 = await app.IntegrateAllAsync();
        Assert.Equal(1, await app.DispatchOnceAsync());
        Assert.Equal(0, await app.DispatchOnceAsync()); // nothing new to cosign

        // The next checkpoint goes with a consistency proof from the size the witness holds.
        var second = await app.RegisterDetentionAsync(officer, 2);
        var size2 = await app.IntegrateAllAsync();
        Assert.True(size2 > size1);
        Assert.Equal(1, await app.DispatchOnceAsync());

        var cosigned = SignedNote.Parse(await http.GetStringAsync("/api/v1/log/checkpoints/cosigned"));
        var checkpoint = Checkpoint.Verify(cosigned, witness.LogKey!, [witness.Key], witnessQuorum: 1);
        Assert.Equal(size2, checkpoint.Size);
        Assert.Equal(size2, Checkpoint.Parse(witness.Store.Latest("aigaq.local/log")!.Text).Size);

        // The first registration is bounded by the first cosigned checkpoint, the second by the second.
        var log1 = await LogOf(officer, first);
        var bound1 = log1.GetProperty("witnessedBy");
        Assert.Equal(size1, bound1.GetProperty("size").GetInt64());
        Assert.True(size1 > log1.GetProperty("index").GetInt64());
        Assert.Equal(witness.Key.Name, Assert.Single(bound1.GetProperty("witnesses").EnumerateArray()).GetString());
        var at = bound1.GetProperty("at").GetDateTimeOffset();
        var signedAt = await app.WithDbAsync(db => db.Set<LedgerCosignature>().Where(c => c.Size == size1).Select(c => c.SignedAt).SingleAsync());
        Assert.Equal(signedAt, at);
        Assert.Equal(size2, (await LogOf(officer, second)).GetProperty("witnessedBy").GetProperty("size").GetInt64());

        // A node that died after the witness cosigned but before storing: the log's record of the witness's
        // size is behind. The witness answers 409 with its size, the log retries from there and loses nothing.
        await app.WithDbAsync(db => db.Set<LedgerWitness>().ExecuteUpdateAsync(s => s.SetProperty(w => w.Size, 0L)));
        await app.RegisterDetentionAsync(officer, 3);
        var size3 = await app.IntegrateAllAsync();
        Assert.Equal(1, await app.DispatchOnceAsync());
        var attempts = await app.WithDbAsync(db => db.Set<LedgerWitnessAttempt>().AsNoTracking().Where(a => a.Size == size3).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([409, 200], attempts.Select(a => a.Status));
        Assert.Equal(size2, attempts[1].OldSize);
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<LedgerWitnessAttempt>().CountAsync()));
        Assert.Empty(witness.Store.EvidenceDirectories());
    }

    [Fact]
    public async Task A_witness_holding_a_forked_checkpoint_is_refused_loudly_and_nothing_is_stored()
    {
        await using var store = await TestDatabase.CreateAsync(postgres: false);
        using var signer = LedgerKeys.LoadOrCreate(Path.Combine(store.DataDir, "keys", LedgerKeys.FileName), "aigaq.local/log");
        await using var witness = await WitnessServer.StartAsync(Path.Combine(store.DataDir, "witness"), signer.Verifier.VerifierKey);
        await using var app = new LogNode(store, extra: witness.Settings());
        using var officer = await app.OfficerAsync();
        await app.RegisterDetentionAsync(officer, 1);
        var size = await app.IntegrateAllAsync();

        // The same log key signed another tree of the same size and the witness cosigned that one first.
        using (var toWitness = new HttpClient())
        {
            var other = MemoryTree.WithSize(size, salt: "forged-");
            using var res = await witness.PostAsync(toWitness, other.Request(signer, 0).Format());
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        }

        Assert.Equal(0, await app.DispatchOnceAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<LedgerCosignature>().CountAsync()));
        var attempts = await app.WithDbAsync(db => db.Set<LedgerWitnessAttempt>().AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([409, 409], attempts.Select(a => a.Status));
        Assert.StartsWith("conflict", attempts[1].Outcome, StringComparison.Ordinal);
        Assert.Contains("-fork-", Path.GetFileName(Assert.Single(witness.Store.EvidenceDirectories())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_node_does_not_send_to_a_witness_another_node_holds_and_takes_over_when_the_lease_runs_out(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var witness = await WitnessServer.ForLogOfAsync(store);
        await using var app = new LogNode(store, extra: witness.Settings());
        using var officer = await app.OfficerAsync();
        await app.RegisterDetentionAsync(officer, 1);
        await app.IntegrateAllAsync();
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(async db =>
        {
            db.Add(new LedgerWitness { Name = witness.Key.Name, Node = "node-b", LeaseUntil = now + WitnessDispatcher.Lease });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(0, await app.DispatchOnceAsync("node-a"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<LedgerWitnessAttempt>().CountAsync()));
        Assert.Null(witness.Store.Latest("aigaq.local/log"));

        // node-b died holding the lease; once it has run out node-a sends.
        var later = TestTime.At(now + WitnessDispatcher.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.DispatchOnceAsync("node-a", later));
        Assert.NotNull(witness.Store.Latest("aigaq.local/log"));
    }

    private static async Task<JsonElement> LogOf(HttpClient officer, Guid id)
    {
        var body = await officer.GetStringAsync($"/api/v1/detentions/{id}");
        return JsonDocument.Parse(body).RootElement.GetProperty("log").Clone();
    }
}
