using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Protection;
using Aigaq.Tests.Protection;
using Aigaq.TransparencyLog;
using Aigaq.Visits.Interviews;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Visits;

/// <summary>
/// Private interviews (issue 17, item 7): recorded under a code with the person's consent, after the team's approval and
/// arrival; an allegation opens a torture report from the visit, linked back; a reprisal risk of medium or high makes the
/// person a protected person with a follow-up contact, so that a missed contact and a later reprisal are seen by the
/// protection area as for anyone it protects. Bad input is named and writes nothing.
/// </summary>
public abstract class InterviewTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private static JsonObject Interview(string code, bool allegation, string risk, DateTimeOffset? at = null, DateTimeOffset? followUpBy = null, params string[] flags) => new()
    {
        ["code"] = code,
        ["consent"] = true,
        ["private"] = true,
        ["allegation"] = allegation,
        ["reprisalRisk"] = risk,
        ["at"] = at is { } a ? Requests.Instant(a) : null,
        ["followUpBy"] = followUpBy is { } f ? Requests.Instant(f) : null,
        ["vulnerabilities"] = new JsonArray([.. flags.Select(f => (JsonNode)f)]),
    };

    private static JsonObject With(JsonObject body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    [Fact]
    public async Task An_interview_under_a_code_opens_a_report_for_an_allegation_and_protects_a_person_at_risk_whose_reprisal_is_then_seen()
    {
        for (var i = 0; i < 2; i++)
        {
            var custodian = await Host.UserAsync(Roles.ProtectionOfficer);
            await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель тайны личности" }))
                .ExpectAsync(HttpStatusCode.Created);
        }

        var place = await Host.FacilityAsync(region: "KZ-47", name: "ИВС УП г. Актау");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-47");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-47");
        var elsewhere = await Host.UserAsync(Roles.Monitor, region: "KZ-55");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-47");
        var protection = await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-47");
        var t0 = Host.Now;
        var visit = await (await monitor.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = place.Id.ToString(),
            ["plannedFor"] = Requests.Instant(t0.AddHours(-2)),
            ["kind"] = "regular",
            ["announced"] = false,
            ["team"] = new JsonArray(
                new JsonObject { ["name"] = "Айгүл Сейтқалиева", ["role"] = "lead", ["sex"] = "female" },
                new JsonObject { ["name"] = "Ержан Байжанов", ["role"] = "psychologist", ["sex"] = "male" }),
        })).ExpectAsync(HttpStatusCode.Created);
        var id = visit.Str("id");
        var url = $"/api/v1/visits/{id}/interviews";
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        var first = Interview("A-01", allegation: true, "high", t0.AddMinutes(-30), t0.AddDays(7), "minor", "foreignNational");

        // The arrival comes first; then bad input is named, and nothing of it is written.
        await (await monitor.Client.PostJsonAsync(url, first)).ExpectProblemAsync(HttpStatusCode.Conflict, "arrival");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(t0.AddHours(-1)) }))
            .ExpectAsync(HttpStatusCode.Created);
        foreach (var (body, field) in new (JsonObject, string)[]
        {
            (With(first, "consent", false), "consent"),
            (With(first, "consent", null), "consent"),
            (With(first, "code", "Омаров"), "code"),
            (With(first, "code", "Tulegenov"), "code"),
            (With(first, "vulnerabilities", new JsonArray("minor", "gambler")), "vulnerabilities[1]"),
            (With(first, "at", Requests.Instant(t0.AddHours(-1.5))), "at"),
            (With(first, "followUpBy", Requests.Instant(t0.AddDays(365))), "followUpBy"),
            // A moment at the calendar's end is named, not a 500 from the follow-up window's arithmetic.
            (With(With(With(first, "reprisalRisk", "high"), "at", "9999-12-31T00:00:00Z"), "followUpBy", "9999-12-31T12:00:00Z"), "at"),
            (With(With(first, "reprisalRisk", "low"), "followUpBy", Requests.Instant(t0.AddDays(7))), "followUpBy"),
        })
        {
            await (await monitor.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync(url, first)).StatusCode);
        await (await elsewhere.Client.PostJsonAsync(url, first)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync(url)).StatusCode);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<VisitInterview>().CountAsync()));
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<Report>().CountAsync(r => r.Source == ReportSource.MonitoringVisit)));
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<ProtectedPerson>().CountAsync(p => p.Role == ProtectedRole.Interviewee)));

        // An allegation and a high risk: a report and a protected person, once for a key sent twice.
        var key = Guid.NewGuid().ToString("N");
        var made = await (await monitor.Client.PostJsonAsync(url, first, key)).ExpectAsync(HttpStatusCode.Created);
        var again = await (await monitor.Client.PostJsonAsync(url, first, key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(made.Str("id"), again.Str("id"));
        await (await monitor.Client.PostJsonAsync(url, Interview("A-01", false, "low"))).ExpectProblemAsync(HttpStatusCode.Conflict, "code");
        var medium = await (await monitor.Client.PostJsonAsync(url, Interview("B-02", allegation: false, "medium", t0.AddMinutes(-20)))).ExpectAsync(HttpStatusCode.Created);
        var low = await (await monitor.Client.PostJsonAsync(url, Interview("C-03", allegation: false, "low", flags: "woman"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Null(medium["reportId"]);
        Assert.Null(low["protectedPersonId"]);

        var reportId = Guid.Parse(made.Str("reportId"));
        var report = await Host.WithDbAsync(db => db.Set<Report>().AsNoTracking().Include(r => r.Victims).Include(r => r.Alleged).SingleAsync(r => r.Id == reportId));
        Assert.Equal(made.Str("reportNumber"), report.Number);
        Assert.Equal((ReportSource.MonitoringVisit, "KZ-47", place.Id), (report.Source, report.Region, report.FacilityId));
        Assert.Contains(visit.Str("number"), report.Narrative, StringComparison.Ordinal);
        Assert.DoesNotContain("A-01", report.Narrative, StringComparison.Ordinal);
        // In kk, ru and en, each naming the visit.
        foreach (var said in new[] { "Мониторинг тобы бару кезінде", "Мониторинговая группа при посещении", "A monitoring team on a visit (" + visit.Str("number") + ") heard an allegation" })
        {
            Assert.Contains(said, report.Narrative, StringComparison.Ordinal);
        }

        Assert.Empty(report.Victims);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<Report>().CountAsync(r => r.Source == ReportSource.MonitoringVisit)));

        var personId = Guid.Parse(made.Str("protectedPersonId"));
        var persons = await Host.WithDbAsync(db => db.Set<ProtectedPerson>().AsNoTracking().Where(p => p.Role == ProtectedRole.Interviewee).ToListAsync());
        Assert.Equal(2, persons.Count);
        var person = persons.Single(p => p.Id == personId);
        Assert.Equal((RiskLevel.High, Disclosure.Anonymous, "KZ-47", (Guid?)reportId, made.Str("pseudonym")), (person.Risk, person.Disclosure, person.Region, person.ReportId, person.Pseudonym));
        Assert.Null(person.IinIndex);
        Assert.DoesNotContain("A-01", person.Identity, StringComparison.Ordinal);
        var contacts = await Host.WithDbAsync(db => db.Set<FollowUpContact>().AsNoTracking().Where(c => c.PersonId == personId || c.PersonId == Guid.Parse(medium.Str("protectedPersonId"))).ToListAsync());
        Assert.Equal(t0.AddDays(7), contacts.Single(c => c.PersonId == personId).NextContactBy);
        // No date given: the pack's 14 days from the interview.
        Assert.Equal(t0.AddMinutes(-20).AddDays(14), contacts.Single(c => c.PersonId != personId).NextContactBy);

        // The visit's interviews: codes, flags, the report by number, the person by pseudonym; the read is logged.
        var listed = await monitor.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var items = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!.AsArray().Select(x => x!.AsObject()).ToList();
        Assert.Equal(["A-01", "B-02", "C-03"], items.Select(x => x.Str("code")));
        Assert.Equal(["minor", "foreignNational"], items[0]["vulnerabilities"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(report.Number, items[0].Str("reportNumber"));
        Assert.Equal(person.Pseudonym, items[0].Str("pseudonym"));
        Assert.Equal("medium", items[1].Str("reprisalRisk"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit.interviews.read" && e.Resource == id)));
        // The pseudonym is shown to whoever the protection area lets read the person (here the monitor who registered them),
        // each shown a protected.read; another monitor of the region reads the visit's interviews without it, and reads no person.
        var protectedIds = items.Where(x => x["protectedPersonId"] is not null).Select(x => x.Str("protectedPersonId")).ToList();
        Assert.Equal(2, protectedIds.Count);
        var read = await Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .Where(e => e.Action == "protected.read" && e.UserId == monitor.User.Id).Select(e => e.Resource).ToListAsync());
        Assert.Equal(protectedIds.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
        var other = JsonNode.Parse(await approver.Client.GetStringAsync(url))!.AsArray().Select(x => x!.AsObject()).ToList();
        Assert.Equal(["A-01", "B-02", "C-03"], other.Select(x => x.Str("code")));
        Assert.All(other, x => Assert.Null(x["pseudonym"]));
        Assert.All(other, x => Assert.Null(x["protectedPersonId"]));
        Assert.Equal(report.Number, other[0].Str("reportNumber"));
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "protected.read" && e.UserId == approver.User.Id)));
        var page = await approver.Client.GetStringAsync($"/visits/{id}");
        Assert.Contains("data-code=\"A-01\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Pseudonym, page, StringComparison.Ordinal);
        Assert.Contains(person.Pseudonym, await monitor.Client.GetStringAsync($"/visits/{id}"), StringComparison.Ordinal);

        // The protection area follows the person as anyone it protects: a missed contact is due, a reprisal is reported.
        await Host.ProtectionScanAsync(t0.AddDays(8));
        var reprisal = await (await protection.Client.PostJsonAsync("/api/v1/reprisals", new JsonObject
        {
            ["protectedPersonId"] = personId.ToString(),
            ["occurredAt"] = Requests.Instant(t0),
            ["type"] = "threat",
            ["perpetrator"] = new JsonObject { ["agency"] = "police" },
            ["description"] = "После беседы с мониторинговой группой сотрудник ИВС пригрозил помещением в карцер",
            ["source"] = "monitor",
            ["reliability"] = "credible",
        })).ExpectAsync(HttpStatusCode.Created);
        var seen = await (await protection.Client.GetAsync($"/api/v1/protected-persons/{personId}")).ExpectAsync(HttpStatusCode.OK);
        var codes = seen["alerts"].Objects().Select(a => a.Str("code")).ToList();
        Assert.Contains(AlertCodes.FollowUpContactDue, codes);
        Assert.Contains(AlertCodes.ReprisalReported, codes);
        Assert.Contains(seen["reprisals"].Objects(), r => r.Str("id") == reprisal.Str("id"));

        // One log entry per interview, the code only as its digest.
        var entries = await Host.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Kind == InterviewLedger.Interviewed).ToListAsync());
        Assert.Equal(3, entries.Count);
        Assert.DoesNotContain(entries, e => e.Entry.Contains("A-01", StringComparison.Ordinal));
    }
}

public sealed class InterviewsOnSqlite(SqliteHost fixture) : InterviewTests(fixture), IClassFixture<SqliteHost>;

public sealed class InterviewsOnPostgres(PostgresHost fixture) : InterviewTests(fixture), IClassFixture<PostgresHost>;
