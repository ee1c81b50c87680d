using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Protection;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Protection;

/// <summary>
/// Protection applications and measures, follow-up contacts and their alerts (issue 15, items 5 and 7): an application
/// is due within the rule pack's hours, decided once (then appealed, not replaced), its measures changed by new rows;
/// the scan raises ProtectionDecisionOverdue, FollowUpContactDue and ProtectionMeasureReviewDue once each and not when the
/// decision, the contact or the review came in time; only the region's protection officer writes; nothing is written
/// for bad input.
/// </summary>
public abstract class ProtectionApplicationsTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private ProtectionMeasureRules Pack(DateTimeOffset at) => Host.Services.GetRequiredService<RulePackCatalog>().At(at).ProtectionMeasures;

    private static DateTimeOffset At(JsonNode? node, string name) => DateTimeOffset.Parse(node.Str(name), CultureInfo.InvariantCulture);

    /// <summary>A protection officer of KZ-75 and a person of the region; custodians' keys are made once per host.</summary>
    private async Task<(TestUser Officer, JsonObject Person)> PersonAsync()
    {
        if (await Host.CountAsync<CustodianKey>() < 2)
        {
            for (var i = 0; i < 2; i++)
            {
                var custodian = await Host.UserAsync(Roles.ProtectionOfficer);
                await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель тайны личности" }))
                    .ExpectAsync(HttpStatusCode.Created);
            }
        }

        var officer = await Host.UserAsync(Roles.ProtectionOfficer);
        var person = await (await officer.Client.PostJsonAsync("/api/v1/protected-persons", new JsonObject
        {
            ["identity"] = new JsonObject { ["person"] = new JsonObject { ["lastName"] = "Сәрсенбаев", ["firstName"] = "Ерлан", ["birthDate"] = "1986-05-17" } },
            ["role"] = "complainant",
            ["disclosure"] = "confidential",
            ["risk"] = "high",
        })).ExpectAsync(HttpStatusCode.Created);
        return (officer, person);
    }

    private JsonObject Application(DateTimeOffset receivedAt, params string[] measures) => new()
    {
        ["receivedAt"] = receivedAt,
        ["measures"] = new JsonArray([.. measures.Select(m => (JsonNode)m)]),
        ["decidingBody"] = new JsonObject { ["kind"] = "court", ["name"] = "Алмалинский районный суд, следственный судья Ахметов" },
    };

    private static JsonObject Grant(string reason, params JsonObject[] measures) =>
        new() { ["decision"] = "granted", ["reason"] = reason, ["measures"] = new JsonArray([.. measures]) };

    private static JsonObject Measure(string code, DateTimeOffset? reviewBy = null) =>
        new() { ["code"] = code, ["implementingBody"] = "ДП г. Алматы", ["reviewBy"] = reviewBy };

    private Task<List<Alert>> AlertsAsync(string code, string personId) =>
        Host.WithDbAsync(db => db.Set<Alert>().Where(a => a.Code == code && a.Key.EndsWith(":" + personId)).ToListAsync());

    [Fact]
    public async Task An_application_is_due_within_the_packs_hours_decided_once_appealed_and_its_measures_changed_by_new_rows()
    {
        var (officer, person) = await PersonAsync();
        var personUrl = $"/api/v1/protected-persons/{person.Str("id")}";
        var receivedAt = Host.Now.AddHours(-2);
        var key = Guid.NewGuid().ToString("N");

        var filed = await (await officer.Client.PostJsonAsync($"{personUrl}/applications", Application(receivedAt, "personalGuard", "officialWarning"), key))
            .ExpectAsync(HttpStatusCode.Created);
        var retry = await (await officer.Client.PostJsonAsync($"{personUrl}/applications", Application(receivedAt, "personalGuard", "officialWarning"), key))
            .ExpectAsync(HttpStatusCode.Created);

        // The deadline is the server's, from the pack in force at receipt; a retry with the same key files nothing more.
        Assert.Equal(receivedAt.AddHours(Pack(receivedAt).DecisionWithinHours), At(filed, "decisionDueBy"));
        Assert.Equal("pending", filed.Str("status"));
        Assert.Equal(filed.Str("id"), retry.Str("id"));
        var id = filed.Str("id");
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<ProtectionApplication>().CountAsync(a => a.PersonId == Guid.Parse(person.Str("id")))));

        // Granted: one measure asked and one not asked, each in force with its implementing body and review date.
        var reviewBy = Host.Now.AddDays(30);
        var decided = await (await officer.Client.PostJsonAsync($"/api/v1/protection-applications/{id}/decide",
            Grant("угроза подтверждена", Measure("personalGuard", reviewBy), Measure("changeOfResidence")))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("granted", decided.Str("status"));
        var measures = decided["decisions"]!.Objects().Single()["measures"].Objects().ToList();
        Assert.Equal(["changeOfResidence", "personalGuard"], measures.Select(m => m.Str("code")).Order(StringComparer.Ordinal));
        var guard = measures.Single(m => m.Str("code") == "personalGuard");
        Assert.Equal(reviewBy, At(guard, "reviewBy"));

        // A second decision is refused and writes nothing: the decision is appealed instead.
        await (await officer.Client.PostJsonAsync($"/api/v1/protection-applications/{id}/decide", new JsonObject { ["decision"] = "refused", ["reason"] = "иначе" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<ProtectionDecision>().CountAsync(d => d.ApplicationId == Guid.Parse(id))));

        var appeal = await (await officer.Client.PostJsonAsync($"/api/v1/protection-applications/{id}/appeals",
            new JsonObject { ["filedAt"] = Host.Now, ["by"] = "protectedPerson", ["grounds"] = "охрана недостаточна" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, appeal["round"]!.GetValue<int>());
        await (await officer.Client.PostJsonAsync($"/api/v1/protection-applications/{id}/appeals",
            new JsonObject { ["filedAt"] = Host.Now, ["by"] = "defender", ["grounds"] = "ещё раз" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        var afterAppeal = await (await officer.Client.PostJsonAsync($"/api/v1/protection-appeals/{appeal.Str("id")}/decide",
            Grant("жалоба удовлетворена", Measure("safePlace")))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([0, 1], afterAppeal["decisions"].Objects().Select(d => d["round"]!.GetValue<int>()));
        await (await officer.Client.PostJsonAsync($"/api/v1/protection-appeals/{appeal.Str("id")}/decide",
            new JsonObject { ["decision"] = "refused", ["reason"] = "повторно" })).ExpectProblemAsync(HttpStatusCode.Conflict);

        // Changes are rows of their own: a review sets the next, an end closes the measure to further change.
        var measureUrl = $"/api/v1/protection-measures/{guard.Str("id")}/changes";
        var nextReview = Host.Now.AddDays(60);
        var reviewed = await (await officer.Client.PostJsonAsync(measureUrl, new JsonObject { ["kind"] = "reviewed", ["reviewBy"] = nextReview, ["reason"] = "угроза сохраняется" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(nextReview, At(reviewed, "reviewBy"));
        var ended = await (await officer.Client.PostJsonAsync(measureUrl, new JsonObject { ["kind"] = "ended", ["reason"] = "угроза миновала" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.True(ended["ended"]!.GetValue<bool>());
        await (await officer.Client.PostJsonAsync(measureUrl, new JsonObject { ["kind"] = "reviewed", ["reason"] = "после окончания" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        var stored = await Host.WithDbAsync(db => db.Set<ProtectionMeasure>().SingleAsync(m => m.Id == Guid.Parse(guard.Str("id"))));
        Assert.Equal(reviewBy, stored.ReviewBy);
        Assert.Null(stored.EndsAt);

        // The person's page and the application read the whole history, never a name of the person; each read is logged.
        var read = await (await officer.Client.GetAsync(personUrl)).ExpectAsync(HttpStatusCode.OK);
        var listed = read["applications"].Objects().Single();
        Assert.Equal("granted", listed.Str("status"));
        Assert.Equal(2, listed["decisions"].Objects().Count());
        Assert.Equal(["reviewed", "ended"], listed["decisions"].Objects().First()["measures"].Objects().Single(m => m.Str("code") == "personalGuard")["changes"]
            .Objects().Select(c => c.Str("kind")));
        Assert.DoesNotContain("Сәрсенбаев", read.ToJsonString(), StringComparison.Ordinal);
        await (await officer.Client.GetAsync($"/api/v1/protection-applications/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == officer.Id && e.Action == "protection.application.read" && e.Resource == id)));
    }

    [Fact]
    public async Task The_scan_raises_each_protection_alert_once_and_none_for_what_came_in_time()
    {
        var (officer, late) = await PersonAsync();
        var (_, timely) = await PersonAsync();
        var receivedAt = Host.Now.AddHours(-1);
        var due = receivedAt.AddHours(Pack(receivedAt).DecisionWithinHours);
        var lateApp = await (await officer.Client.PostJsonAsync($"/api/v1/protected-persons/{late.Str("id")}/applications", Application(receivedAt, "personalGuard")))
            .ExpectAsync(HttpStatusCode.Created);
        var timelyApp = await (await officer.Client.PostJsonAsync($"/api/v1/protected-persons/{timely.Str("id")}/applications", Application(receivedAt, "personalGuard")))
            .ExpectAsync(HttpStatusCode.Created);
        var reviewBy = due.AddDays(2);
        await (await officer.Client.PostJsonAsync($"/api/v1/protection-applications/{timelyApp.Str("id")}/decide",
            Grant("угроза подтверждена", Measure("personalGuard", reviewBy)))).ExpectAsync(HttpStatusCode.Created);

        // The late person was last reached a day ago and is due again tomorrow; the timely one was reached again since.
        // At 20:00 UTC, which is the next day in Almaty: the alert names the day as Almaty counts it.
        var nextContact = new DateTimeOffset(Host.Now.UtcDateTime.Date.AddDays(1).AddHours(20), TimeSpan.Zero);
        foreach (var p in new[] { late, timely })
        {
            await (await officer.Client.PostJsonAsync($"/api/v1/protected-persons/{p.Str("id")}/contacts", new JsonObject
            {
                ["at"] = Host.Now.AddDays(-1),
                ["channel"] = "phone",
                ["outcome"] = "жалуется на звонки",
                ["nextContactBy"] = nextContact,
            })).ExpectAsync(HttpStatusCode.Created);
        }

        await (await officer.Client.PostJsonAsync($"/api/v1/protected-persons/{timely.Str("id")}/contacts", new JsonObject { ["at"] = Host.Now, ["channel"] = "inPerson" }))
            .ExpectAsync(HttpStatusCode.Created);

        await Host.ProtectionScanAsync(due.AddMinutes(-1));
        Assert.Empty(await AlertsAsync(AlertCodes.ProtectionDecisionOverdue, late.Str("id")));
        await Host.ProtectionScanAsync(due.AddMinutes(1));
        await Host.ProtectionScanAsync(reviewBy.AddMinutes(1));
        await Host.ProtectionScanAsync(reviewBy.AddMinutes(2));

        var overdue = Assert.Single(await AlertsAsync(AlertCodes.ProtectionDecisionOverdue, late.Str("id")));
        Assert.Equal(due, overdue.DueAt);
        Assert.Equal($"{late.Str("pseudonym")} · court", overdue.Detail);
        Assert.Equal("KZ-75", overdue.Region);
        Assert.Empty(await AlertsAsync(AlertCodes.ProtectionDecisionOverdue, timely.Str("id")));
        var contact = Assert.Single(await AlertsAsync(AlertCodes.FollowUpContactDue, late.Str("id")));
        Assert.Equal(nextContact, contact.DueAt);
        var zone = Host.Services.GetRequiredService<Aigaq.Rules.RulePackCatalog>().At(nextContact).Zone;
        Assert.Equal($"{late.Str("pseudonym")} · {TimeZoneInfo.ConvertTime(nextContact, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", contact.Detail);
        Assert.Empty(await AlertsAsync(AlertCodes.FollowUpContactDue, timely.Str("id")));
        var review = Assert.Single(await AlertsAsync(AlertCodes.ProtectionMeasureReviewDue, timely.Str("id")));
        Assert.StartsWith(timely.Str("pseudonym"), review.Detail, StringComparison.Ordinal);
        Assert.True(AlertCodes.IsDiscreet(overdue.Code) && AlertCodes.IsDiscreet(contact.Code) && AlertCodes.IsDiscreet(review.Code));

        // They reach the person's page, with the pack's severity, and no name and no deciding body's name anywhere.
        var read = await (await officer.Client.GetAsync($"/api/v1/protected-persons/{late.Str("id")}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([AlertCodes.FollowUpContactDue, AlertCodes.ProtectionDecisionOverdue], read["alerts"].Codes());
        Assert.Equal(AlertSeverity.High, Host.Services.GetRequiredService<RulePackCatalog>().At(due).Alerts.Of(AlertCodes.ProtectionDecisionOverdue));
        Assert.DoesNotContain("Ахметов", read["alerts"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("звонки", read["alerts"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(lateApp.Str("id"), read["applications"].Objects().Single().Str("id"));
    }

    [Theory]
    [InlineData("application", "measures", "unknown")]
    [InlineData("application", "measures", "none")]
    [InlineData("application", "receivedAt", "future")]
    [InlineData("application", "decidingBody.kind", "unknown")]
    [InlineData("decide", "reason", "none")]
    [InlineData("decide", "decision", "unknown")]
    [InlineData("decide", "measures", "refusedWithMeasures")]
    [InlineData("decide", "measures[0].code", "unknown")]
    [InlineData("contact", "nextContactBy", "beforeContact")]
    [InlineData("contact", "channel", "none")]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_written(string endpoint, string field, string fault)
    {
        var (officer, person) = await PersonAsync();
        var application = await (await officer.Client.PostJsonAsync($"/api/v1/protected-persons/{person.Str("id")}/applications", Application(Host.Now, "personalGuard")))
            .ExpectAsync(HttpStatusCode.Created);
        var (url, body) = endpoint switch
        {
            "application" => ($"/api/v1/protected-persons/{person.Str("id")}/applications", Application(Host.Now, "personalGuard")),
            "decide" => ($"/api/v1/protection-applications/{application.Str("id")}/decide", Grant("угроза подтверждена", Measure("personalGuard"))),
            _ => ($"/api/v1/protected-persons/{person.Str("id")}/contacts", new JsonObject { ["at"] = Host.Now, ["channel"] = "phone", ["nextContactBy"] = Host.Now.AddDays(7) }),
        };
        switch (field, fault)
        {
            case ("measures", "unknown"):
                body["measures"] = new JsonArray("personalGuard", "flightToTheMoon");
                break;
            case ("measures", "none"):
                body["measures"] = new JsonArray();
                break;
            case ("receivedAt", _):
                body["receivedAt"] = Host.Now.AddHours(2);
                break;
            case ("decidingBody.kind", _):
                body["decidingBody"]!["kind"] = "police";
                break;
            case ("reason", _):
                body.Remove("reason");
                break;
            case ("decision", _):
                body["decision"] = "maybe";
                break;
            case ("measures", "refusedWithMeasures"):
                body["decision"] = "refused";
                break;
            case ("measures[0].code", _):
                body["measures"]![0]!["code"] = "flightToTheMoon";
                break;
            case ("nextContactBy", _):
                body["nextContactBy"] = Host.Now.AddDays(-1);
                break;
            default:
                body.Remove("channel");
                break;
        }

        var before = await CountsAsync();
        await (await officer.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await CountsAsync());
    }

    private Task<int[]> CountsAsync() => Host.WithDbAsync(async db => new[]
    {
        await db.Set<ProtectionApplication>().CountAsync(), await db.Set<ProtectionDecision>().CountAsync(), await db.Set<ProtectionMeasure>().CountAsync(),
        await db.Set<FollowUpContact>().CountAsync(), await db.Set<Aigaq.TransparencyLog.LedgerEntry>().CountAsync(e => e.Kind.StartsWith("protection.")),
    });

    [Fact]
    public async Task Only_the_regions_protection_officer_writes_and_others_are_refused_every_endpoint()
    {
        var (officer, person) = await PersonAsync();
        var personUrl = $"/api/v1/protected-persons/{person.Str("id")}";
        var application = await (await officer.Client.PostJsonAsync($"{personUrl}/applications", Application(Host.Now.AddHours(-1), "personalGuard")))
            .ExpectAsync(HttpStatusCode.Created);
        var appUrl = $"/api/v1/protection-applications/{application.Str("id")}";
        var decided = await (await officer.Client.PostJsonAsync($"{appUrl}/decide", Grant("угроза", Measure("personalGuard")))).ExpectAsync(HttpStatusCode.Created);
        var measure = decided["decisions"].Objects().Single()["measures"].Objects().Single().Str("id");
        var appeal = await (await officer.Client.PostJsonAsync($"{appUrl}/appeals", new JsonObject { ["filedAt"] = Host.Now, ["by"] = "defender", ["grounds"] = "мало" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await officer.Client.PostJsonAsync($"{personUrl}/contacts", new JsonObject { ["at"] = Host.Now, ["channel"] = "video" })).ExpectAsync(HttpStatusCode.Created);
        var contacts = JsonNode.Parse(await officer.Client.GetStringAsync($"{personUrl}/contacts"))!.AsArray();
        Assert.Equal("video", Assert.Single(contacts)!.Str("channel"));

        (string Url, JsonObject Body)[] writes =
        [
            ($"{personUrl}/applications", Application(Host.Now, "personalGuard")),
            ($"{appUrl}/decide", Grant("угроза", Measure("personalGuard"))),
            ($"{appUrl}/appeals", new JsonObject { ["filedAt"] = Host.Now, ["by"] = "defender", ["grounds"] = "мало" }),
            ($"/api/v1/protection-appeals/{appeal.Str("id")}/decide", Grant("угроза", Measure("safePlace"))),
            ($"/api/v1/protection-measures/{measure}/changes", new JsonObject { ["kind"] = "reviewed", ["reason"] = "проверено" }),
            ($"{personUrl}/contacts", new JsonObject { ["at"] = Host.Now, ["channel"] = "phone" }),
        ];
        string[] reads = [$"{personUrl}/contacts", appUrl];

        // Police roles and prosecutors may not write; a protection officer of another region, or of none, finds nothing.
        var before = await CountsAsync();
        var facility = await Host.FacilityAsync();
        foreach (var role in new[] { Roles.Officer, Roles.Investigator, Roles.CustodyOfficer, Roles.Prosecutor, Roles.SpecialProsecutor })
        {
            var user = await Host.UserAsync(role, facility: role == Roles.CustodyOfficer ? facility.Id : null);
            foreach (var (url, body) in writes)
            {
                await (await user.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.Forbidden);
            }
        }

        foreach (var region in new[] { "KZ-71", null })
        {
            var stranger = await Host.UserAsync(Roles.ProtectionOfficer, region: region);
            foreach (var (url, body) in writes)
            {
                await (await stranger.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.NotFound);
            }

            foreach (var url in reads)
            {
                await (await stranger.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.NotFound);
            }
        }

        var police = await Host.UserAsync(Roles.Officer);
        foreach (var url in reads)
        {
            await (await police.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await CountsAsync());
    }
}

public sealed class ProtectionApplicationsOnSqlite(SqliteHost fixture) : ProtectionApplicationsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ProtectionApplicationsOnPostgres(PostgresHost fixture) : ProtectionApplicationsTests(fixture), IClassFixture<PostgresHost>;

internal static class ProtectionScan
{
    /// <summary>One protection scan as the background service would run it at <paramref name="at"/>.</summary>
    public static Task<int> ProtectionScanAsync(this AigaqHost host, DateTimeOffset at) =>
        ProtectionScanner.ScanAsync(host.Services.GetRequiredService<IServiceScopeFactory>(), at, CancellationToken.None);
}

/// <summary>The pack's protection figures are checked when the catalog is built, so that a broken pack stops the start.</summary>
public sealed class ProtectionMeasureRulesTests
{
    private static readonly RulePack Pack = RulePackCatalog.LoadEmbedded().ById("kz-2024-03-01")!;

    [Theory]
    [InlineData("protectionMeasures.decisionWithinHours", 0, new[] { "personalGuard" })]
    [InlineData("protectionMeasures.measures", 24, new string[0])]
    [InlineData("protectionMeasures.measures", 24, new[] { "personalGuard", "personalGuard" })]
    [InlineData("protectionMeasures.measures", 24, new[] { "Personal guard" })]
    public void A_pack_with_bad_protection_figures_is_refused_naming_them(string field, double hours, string[] measures)
    {
        var broken = Pack with { ProtectionMeasures = Pack.ProtectionMeasures with { DecisionWithinHours = hours, Measures = measures } };

        var error = Assert.Throws<InvalidOperationException>(() => new RulePackCatalog([broken]));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
