using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Protection;

/// <summary>
/// The lists the protection pages read (issue 15, item 10): the protected persons a user may read, newest first by keyset,
/// with their levels now and their open alerts and never an identity; and the identity requests waiting for the custodians
/// of a region. Each list is logged; police roles and users without the permission are refused.
/// </summary>
public abstract class ProtectionListsTests(HostFixture fixture)
{
    private const string Passphrase = "хранитель тайны личности";

    private AigaqHost Host => fixture.Host;

    /// <summary>Two custodians of <paramref name="region"/>; each test keeps to a region of its own, so that the other's persons are not in its lists.</summary>
    private async Task<(TestUser A, TestUser B)> CustodiansAsync(string region)
    {
        var pair = new List<TestUser>();
        for (var i = 0; i < 2; i++)
        {
            var officer = await Host.UserAsync(Roles.ProtectionOfficer, region);
            await (await officer.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = Passphrase })).ExpectAsync(HttpStatusCode.Created);
            pair.Add(officer);
        }

        return (pair[0], pair[1]);
    }

    private static JsonObject Person(string lastName, string risk = "high") => new()
    {
        ["identity"] = new JsonObject
        {
            ["person"] = new JsonObject { ["lastName"] = lastName, ["firstName"] = "Асқар", ["birthDate"] = "1988-04-12" },
            ["phone"] = "+77015550011",
        },
        ["role"] = "witness",
        ["disclosure"] = "anonymous",
        ["risk"] = risk,
    };

    private static long SeqOf(string pseudonym) => long.Parse(pseudonym[2..^1], CultureInfo.InvariantCulture);

    private static async Task<JsonArray> ItemsAsync(TestUser user, string url) =>
        (await (await user.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();

    [Fact]
    public async Task Protected_persons_are_listed_to_their_readers_newest_first_with_their_levels_now_and_open_alerts_never_the_identity()
    {
        var (officer, _) = await CustodiansAsync("KZ-11");
        var first = await (await officer.Client.PostJsonAsync("/api/v1/protected-persons", Person("Жұмабаев"))).ExpectAsync(HttpStatusCode.Created);
        var second = await (await officer.Client.PostJsonAsync("/api/v1/protected-persons", Person("Оспанов", "medium"))).ExpectAsync(HttpStatusCode.Created);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, "KZ-11");
        var theirs = await (await prosecutor.Client.PostJsonAsync("/api/v1/protected-persons", Person("Сейітов", "low"))).ExpectAsync(HttpStatusCode.Created);

        // The first person's risk is lowered, and a reprisal against the second raises an open alert.
        await (await officer.Client.PostJsonAsync($"/api/v1/protected-persons/{first.Id()}/changes", new JsonObject { ["risk"] = "low", ["reason"] = "Переехал" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync("/api/v1/reprisals", new JsonObject
        {
            ["protectedPersonId"] = second.Str("id"),
            ["occurredAt"] = Requests.Instant(Host.Now.AddDays(-1)),
            ["type"] = "threat",
            ["perpetrator"] = new JsonObject { ["agency"] = "police" },
            ["description"] = "Угрозы по телефону",
            ["source"] = "person",
            ["reliability"] = "credible",
        })).ExpectAsync(HttpStatusCode.Created);

        // The region's protection officer reads all three, newest first; the prosecutor only the one they registered.
        var all = await (await officer.Client.GetAsync("/api/v1/protected-persons")).ExpectAsync(HttpStatusCode.OK);
        var items = all["items"]!.AsArray();
        Assert.Equal([theirs.Str("pseudonym"), second.Str("pseudonym"), first.Str("pseudonym")], items.Select(i => i.Str("pseudonym")));
        Assert.Null(all["next"]);
        Assert.Equal("low", items[2].Str("risk"));
        Assert.Equal("medium", items[1].Str("risk"));
        Assert.Equal(1, items[1]!["openAlerts"]!.GetValue<int>());
        Assert.Equal(0, items[2]!["openAlerts"]!.GetValue<int>());
        foreach (var secret in new[] { "Жұмабаев", "Оспанов", "Асқар", "+77015550011", "1988" })
        {
            Assert.DoesNotContain(secret, all.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Equal([theirs.Str("pseudonym")], (await ItemsAsync(prosecutor, "/api/v1/protected-persons")).Select(i => i.Str("pseudonym")));

        // The page below a cursor continues after it; a cursor the list never gave is named.
        Assert.Equal(
            [second.Str("pseudonym"), first.Str("pseudonym")],
            (await ItemsAsync(officer, $"/api/v1/protected-persons?cursor={SeqOf(theirs.Str("pseudonym"))}")).Select(i => i.Str("pseudonym")));
        await (await officer.Client.GetAsync("/api/v1/protected-persons?cursor=abc")).ExpectProblemAsync(HttpStatusCode.BadRequest, "cursor");

        // Another region's officer and one without a region read none; police and the anonymous are refused.
        Assert.Empty(await ItemsAsync(await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-71"), "/api/v1/protected-persons"));
        Assert.Empty(await ItemsAsync(await Host.UserAsync(Roles.ProtectionOfficer, region: null), "/api/v1/protected-persons"));
        await (await (await Host.UserAsync(Roles.Officer)).Client.GetAsync("/api/v1/protected-persons")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Host.UserAsync(Roles.Investigator)).Client.GetAsync("/api/v1/protected-persons")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous().GetAsync("/api/v1/protected-persons")).StatusCode);

        var logged = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(e => e.UserId == officer.Id && e.Action == "protected.list").Select(e => e.Resource).ToListAsync());
        Assert.Contains("3 records", logged);
    }

    [Fact]
    public async Task Identity_requests_wait_in_the_list_of_the_regions_custodians_until_decided()
    {
        var (a, b) = await CustodiansAsync("KZ-75");
        var person = await (await a.Client.PostJsonAsync("/api/v1/protected-persons", Person("Нұрланов"))).ExpectAsync(HttpStatusCode.Created);
        var asked = await (await a.Client.PostJsonAsync($"/api/v1/protected-persons/{person.Id()}/identity-requests", new JsonObject { ["reason"] = "Вызов на допрос" }))
            .ExpectAsync(HttpStatusCode.Created);

        // The other custodian sees it waiting for them; the requester sees it as theirs; the reason is read on the request only.
        var forB = Assert.Single(await ItemsAsync(b, "/api/v1/identity-requests"), i => i.Str("id") == asked.Str("id"));
        Assert.Equal(person.Str("pseudonym"), forB.Str("pseudonym"));
        Assert.False(forB!["mine"]!.GetValue<bool>());
        Assert.False(forB["decidedByMe"]!.GetValue<bool>());
        Assert.Equal(0, forB["granted"]!.GetValue<int>());
        Assert.DoesNotContain("допрос", forB.ToJsonString(), StringComparison.Ordinal);
        Assert.True(Assert.Single(await ItemsAsync(a, "/api/v1/identity-requests"), i => i.Str("id") == asked.Str("id"))!["mine"]!.GetValue<bool>());

        // Another region's custodian sees nothing of it; who may ask but holds no key, and police, are refused.
        Assert.DoesNotContain(await ItemsAsync(await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-71"), "/api/v1/identity-requests"), i => i.Str("id") == asked.Str("id"));
        await (await (await Host.UserAsync(Roles.Prosecutor)).Client.GetAsync("/api/v1/identity-requests")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Host.UserAsync(Roles.Officer)).Client.GetAsync("/api/v1/identity-requests")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // Decided, it waits no more.
        await (await b.Client.PostJsonAsync($"/api/v1/identity-requests/{asked.Str("id")}/decide", new JsonObject { ["decision"] = "denied", ["reason"] = "Нет оснований" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(await ItemsAsync(b, "/api/v1/identity-requests"), i => i.Str("id") == asked.Str("id"));
        Assert.True(await Host.WithDbAsync(db => db.Set<AccessLogEntry>().AnyAsync(e => e.UserId == b.Id && e.Action == "identity.request.pending")));
    }
}

public sealed class ProtectionListsOnSqlite(SqliteHost fixture) : ProtectionListsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ProtectionListsOnPostgres(PostgresHost fixture) : ProtectionListsTests(fixture), IClassFixture<PostgresHost>;
