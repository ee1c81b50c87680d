using System.Text;
using Aigaq.Detentions;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>Each kind of tampering of issue 3 item 7, done directly in the database, is caught and named.</summary>
public sealed class TamperTests
{
    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["detainedAt", "deleteDetention", "rewriteEntry", "swapEntries", "replaceTile"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_what_was_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await app.OfficerAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await app.RegisterDetentionAsync(officer, i));
        }

        var size = await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());
        var victim = ids[1];
        var index = await app.LogIndexAsync(DetentionLedger.Registered, victim);

        string[] expected;
        switch (tamper)
        {
            case "detainedAt":
                // Back-dating: the moment of detention moved by two hours.
                var moved = (await app.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == victim).Select(d => d.DetainedAt).SingleAsync())).AddHours(-2);
                await app.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == victim)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.DetainedAt, moved)));
                expected = [$"detention.registered {victim}: commitment mismatch: the stored detention differs from what log index {index} commits to"];
                break;
            case "deleteDetention":
                await app.WithDbAsync(async db =>
                {
                    await db.Database.OpenConnectionAsync();
                    await db.Database.ExecuteSqlRawAsync(postgres ? "SET session_replication_role = replica" : "PRAGMA foreign_keys=OFF");
                    return await db.Set<Detention>().Where(d => d.Id == victim).ExecuteDeleteAsync();
                });
                expected = [$"detention.registered {victim}: record missing: log index {index} commits"];
                break;
            case "rewriteEntry":
                // A careful forger rewrites the entry and its leaf hash together.
                await app.WithDbAsync(async db =>
                {
                    var e = await db.Set<LedgerEntry>().SingleAsync(x => x.Index == index);
                    var forged = e.Entry.Replace("\"recordedAt\":\"", "\"recordedAt\":\"1", StringComparison.Ordinal);
                    var leaf = Convert.ToBase64String(MerkleHash.Leaf(Encoding.UTF8.GetBytes(forged)));
                    return await db.Set<LedgerEntry>().Where(x => x.Index == index)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Entry, forged).SetProperty(x => x.LeafHash, leaf));
                });
                expected = [$"checkpoint {size}: its root differs", $"tile tile/0/000.p/{size}: hash {index} differs"];
                break;
            case "swapEntries":
                await app.WithDbAsync(async db =>
                {
                    await db.Set<LedgerEntry>().Where(x => x.Index == index).ExecuteUpdateAsync(s => s.SetProperty(x => x.Index, -5L));
                    await db.Set<LedgerEntry>().Where(x => x.Index == index + 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Index, index));
                    return await db.Set<LedgerEntry>().Where(x => x.Index == -5L).ExecuteUpdateAsync(s => s.SetProperty(x => x.Index, index + 1));
                });
                expected = [$"checkpoint {size}: its root differs", $"tile tile/0/000.p/{size}: hash {index} differs"];
                break;
            default:
                await ReplaceLeafAsync(app, index);
                expected = [$"tile tile/0/000.p/{size}: hash {index} differs"];
                break;
        }

        var failures = await app.AuditAsync();
        Assert.NotEmpty(failures);
        foreach (var e in expected)
        {
            Assert.Contains(failures, f => f.Contains(e, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_against_the_served_log_detects_a_replaced_tile(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await app.OfficerAsync();
        for (var i = 0; i < 3; i++)
        {
            await app.RegisterDetentionAsync(officer, i);
        }

        var size = await app.IntegrateAllAsync();
        using var http = app.CreateClient();
        var state = Path.Combine(store.DataDir, "state");
        Assert.Empty(await LedgerVerify.RunAsync(http, http.BaseAddress!, null, state, TextWriter.Null, CancellationToken.None));

        await ReplaceLeafAsync(app, 2);
        var failures = await LedgerVerify.RunAsync(http, http.BaseAddress!, null, state, TextWriter.Null, CancellationToken.None);
        Assert.Contains(failures, f => f.Contains($"tile tile/0/000.p/{size}: leaf hash 2", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("root rebuilt from the tiles differs", StringComparison.Ordinal));
    }

    /// <summary>
    /// An entry's columns against its own text: a commitment column swapped for another record's is named; an entry
    /// written with its members in another order, but stating its columns, still holds.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Audit_checks_an_entrys_text_against_its_columns(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await app.OfficerAsync();
        var first = await app.RegisterDetentionAsync(officer, 1);
        var second = await app.RegisterDetentionAsync(officer, 2);
        await app.IntegrateAllAsync();
        var index = await app.LogIndexAsync(DetentionLedger.Registered, first);
        var other = await app.WithDbAsync(db => db.Set<LedgerEntry>().Where(e => e.Kind == DetentionLedger.Registered && e.RecordId == second).Select(e => e.Commitment).SingleAsync());

        // Reordered members: valid, not what the writer makes, so the parse decides, and it holds.
        var entry = await app.WithDbAsync(db => db.Set<LedgerEntry>().Where(e => e.Index == index).Select(e => e.Entry).SingleAsync());
        var json = System.Text.Json.Nodes.JsonNode.Parse(entry)!.AsObject();
        var reordered = new System.Text.Json.Nodes.JsonObject
        {
            ["recordedAt"] = json["recordedAt"]!.GetValue<string>(),
            ["recordId"] = json["recordId"]!.GetValue<string>(),
            ["kind"] = json["kind"]!.GetValue<string>(),
            ["commitment"] = json["commitment"]!.GetValue<string>(),
        }.ToJsonString();
        await app.WithDbAsync(db => db.Set<LedgerEntry>().Where(e => e.Index == index).ExecuteUpdateAsync(s => s.SetProperty(e => e.Entry, reordered)));
        Assert.DoesNotContain(await app.AuditAsync(), f => f.Contains("differs from its columns", StringComparison.Ordinal));

        await app.WithDbAsync(db => db.Set<LedgerEntry>().Where(e => e.Index == index).ExecuteUpdateAsync(s => s.SetProperty(e => e.Entry, entry).SetProperty(e => e.Commitment, other)));
        Assert.Contains(await app.AuditAsync(), f => f.Contains(
            $"log index {index}: the entry's kind, recordId or commitment differs from its columns ({DetentionLedger.Registered} {first})", StringComparison.Ordinal));
    }

    private static Task<int> ReplaceLeafAsync(LogNode app, long index) => app.WithDbAsync(async db =>
    {
        var tile = await db.Set<LedgerTile>().SingleAsync(t => t.Level == 0 && t.Index == 0);
        var data = tile.Data.ToArray();
        data[(index * MerkleHash.Size) + 7] ^= 0x5a;
        return await db.Set<LedgerTile>().Where(t => t.Level == 0 && t.Index == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Data, data));
    });
}
