using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Facilities;
using Aigaq.TransparencyLog;
using Aigaq.Visits;
using Aigaq.Visits.Headcounts;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Visits;

/// <summary>
/// The headcount against the register (issue 17, item 5): the people a team finds held are compared with the register as it
/// stood at the moment of the count. A person held here off the register, or registered as held elsewhere, raises
/// UnregisteredDetainee and opens a torture report; a person the register had here and the team did not find raises
/// RegisteredButAbsent on the detention; a person on the way here is not expected yet; a registration made after the count
/// does not count.
/// </summary>
public abstract class HeadcountTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private static JsonObject Found(string lastName, string firstName, string? birthDate = null) => new()
    {
        ["lastName"] = lastName,
        ["firstName"] = firstName,
        ["birthDate"] = birthDate,
    };

    [Fact]
    public async Task A_headcount_names_who_is_held_off_the_register_with_a_report_and_who_is_registered_but_absent()
    {
        var here = await Host.FacilityAsync(region: "KZ-55", name: "ИВС УП г. Павлодара", type: FacilityType.PoliceHoldingCell);
        var there = await Host.FacilityAsync(region: "KZ-55", name: "ИВС УП г. Экибастуза");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-55");
        var custodyHere = await Host.UserAsync(Roles.CustodyOfficer, region: "KZ-55", facility: here.Id);
        var custodyThere = await Host.UserAsync(Roles.CustodyOfficer, region: "KZ-55", facility: there.Id);
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-55");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-55");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-55");
        var t0 = Host.Now;

        async Task<Guid> HeldAsync(Guid facility, TestUser? custody, string lastName, string firstName)
        {
            var id = (await Host.RegisterAsync(officer, facility, t0.AddHours(-3), b => b.With("person.lastName", lastName).With("person.firstName", firstName))).Id();
            if (custody is not null)
            {
                await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), Requests.Event("arrivedAtFacility", t0.AddHours(-2)))).ExpectAsync(HttpStatusCode.Created);
            }

            return id;
        }

        var omarov = await HeldAsync(here.Id, custodyHere, "Омаров", "Ерлан");
        var absent = await HeldAsync(here.Id, custodyHere, "Серикбаев", "Данияр");
        await HeldAsync(here.Id, null, "Тулегенов", "Асхат");
        var elsewhere = await HeldAsync(there.Id, custodyThere, "Жаксылыков", "Марат");
        await HeldAsync(there.Id, custodyThere, "Абенов", "Серик");

        var visit = await (await monitor.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = here.Id.ToString(),
            ["plannedFor"] = Requests.Instant(t0.AddHours(-1)),
            ["kind"] = "special",
            ["announced"] = false,
            ["team"] = new JsonArray(
                new JsonObject { ["name"] = "Айгүл Сейтқалиева", ["role"] = "lead", ["sex"] = "female" },
                new JsonObject { ["name"] = "Ержан Байжанов", ["role"] = "doctor", ["sex"] = "male" }),
        })).ExpectAsync(HttpStatusCode.Created);
        var id = visit.Str("id");
        var url = $"/api/v1/visits/{id}/headcount";
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(t0.AddMinutes(-30)) }))
            .ExpectAsync(HttpStatusCode.Created);

        // Registered a minute after the count: not in the register when the team counted.
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await HeldAsync(here.Id, custodyHere, "Байтасов", "Нурлан");
        // And Serikbaev's release recorded after the count, dated an hour before it: the register at the count had him held.
        await (await custodyHere.Client.PostJsonAsync(Scenario.EventsUrl(absent), Requests.Event("released", t0.AddHours(-1)))).ExpectAsync(HttpStatusCode.Created);

        // Bad input: nothing written.
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["at"] = Requests.Instant(t0), ["people"] = new JsonArray() }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "people");
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["at"] = Requests.Instant(t0), ["people"] = new JsonArray(new JsonObject { ["lastName"] = "Кенжебаев" }) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "people[0].firstName");
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["at"] = Requests.Instant(t0.AddMinutes(-40)), ["people"] = new JsonArray(Found("Кенжебаев", "Ардак")) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        // The same IIN on two lines is one person counted twice: the later line is named, and nothing is written.
        var twice = Aigaq.Tests.Detentions.IinTests.WithCheckDigit("94051740045");
        JsonObject WithIin(JsonObject person)
        {
            person["iin"] = twice;
            return person;
        }

        await (await monitor.Client.PostJsonAsync(url, new JsonObject
        {
            ["at"] = Requests.Instant(t0),
            ["people"] = new JsonArray(WithIin(Found("Кенжебаева", "Айнур")), Found("Кенжебаев", "Ардак"), WithIin(Found("Кенжебаева", "Айнура"))),
        })).ExpectProblemAsync(HttpStatusCode.BadRequest, "people[2].iin");
        var officerTries = await officer.Client.PostJsonAsync(url, new JsonObject { ["at"] = Requests.Instant(t0), ["people"] = new JsonArray(Found("Кенжебаев", "Ардак")) });
        Assert.Equal(HttpStatusCode.Forbidden, officerTries.StatusCode);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<VisitHeadcount>().CountAsync(h => h.VisitId == Guid.Parse(id))));

        // Omarov written in Latin letters as his papers spell it; Zhaksylykov is on the register at the other cell, and his
        // birth date says it is he. Abenov's namesake is held at the other cell, but with no birth date to say it is the
        // same man, the one found here is held off the register (review H1).
        var body = new JsonObject
        {
            ["at"] = Requests.Instant(t0),
            ["people"] = new JsonArray(Found("Omarov", "Erlan", "1994-05-17"), Found("Жаксылыков", "Марат", "1994-05-17"), Found("Кенжебаев", "Ардак", "1990-01-02"), Found("Байтасов", "Нурлан"),
                Found("Абенов", "Серик")),
        };
        var key = Guid.NewGuid().ToString("N");
        var counted = await (await monitor.Client.PostJsonAsync(url, body, key)).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(url, body, key)).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.Conflict, "people");
        Assert.Equal(1, counted["registered"]!.GetValue<int>());
        Assert.Equal(1, counted["registeredElsewhere"]!.GetValue<int>());
        Assert.Equal(3, counted["unregistered"]!.GetValue<int>());
        Assert.Equal(1, counted["absent"]!.GetValue<int>());

        var read = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
        var entries = read["headcount"]!["entries"].Objects().ToList();
        Assert.Equal(["registered", "registeredElsewhere", "unregistered", "unregistered", "unregistered", "absent"], entries.Select(e => e.Str("finding")));
        Assert.Equal(omarov.ToString(), entries[0].Str("detentionId"));
        Assert.Equal(elsewhere.ToString(), entries[1].Str("detentionId"));
        Assert.Null(entries[2]["detentionId"]);
        Assert.Null(entries[4]["detentionId"]);
        Assert.Equal(absent.ToString(), entries[5].Str("detentionId"));
        Assert.Null(entries[5]["lastName"]);

        // Each person held off the register opened a report from the visit, in the region, with the person as its victim.
        var reportIds = counted["reportIds"]!.AsArray().Select(r => Guid.Parse(r!.GetValue<string>())).ToList();
        Assert.Equal(4, reportIds.Count);
        var reports = await Host.WithDbAsync(db => db.Set<Report>().AsNoTracking().Include(r => r.Victims).Include(r => r.Alleged).Where(r => reportIds.Contains(r.Id)).ToListAsync());
        Assert.All(reports, r => Assert.Equal(ReportSource.MonitoringVisit, r.Source));
        Assert.All(reports, r => Assert.Equal("KZ-55", r.Region));
        Assert.All(reports, r => Assert.Equal(here.Id, r.FacilityId));
        Assert.All(reports, r => Assert.Contains(visit.Str("number"), r.Narrative, StringComparison.Ordinal));
        Assert.All(reports, r => Assert.Equal(Agency.Police, Assert.Single(r.Alleged).Agency));
        Assert.Equal(["Абенов", "Байтасов", "Жаксылыков", "Кенжебаев"], reports.Select(r => Assert.Single(r.Victims).LastName!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(reports, r => r.Narrative.Contains("Кенжебаев", StringComparison.Ordinal));
        Assert.Equal(elsewhere, reports.Single(r => r.Victims[0].LastName == "Жаксылыков").DetentionId);
        Assert.Null(reports.Single(r => r.Victims[0].LastName == "Абенов").DetentionId);

        // The alerts: four UnregisteredDetainee about the reports, one RegisteredButAbsent on the detention, critical.
        var alerts = read["alerts"].Objects().ToList();
        Assert.Equal(4, alerts.Count(a => a.Str("code") == AlertCodes.UnregisteredDetainee));
        var missing = Assert.Single(alerts, a => a.Str("code") == AlertCodes.RegisteredButAbsent);
        Assert.Equal(absent.ToString(), missing.Str("detentionId"));
        Assert.All(alerts, a => Assert.Equal("critical", a.Str("severity")));
        Assert.All(alerts, a => Assert.DoesNotContain("Кенжебаев", a.Str("detail") ?? "", StringComparison.Ordinal));
        var prosecutors = await (await prosecutor.Client.GetAsync("/api/v1/alerts?status=open&region=KZ-55")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(prosecutors["items"].Objects(), a => a.Str("code") == AlertCodes.UnregisteredDetainee);

        // One log entry for the count, none for anything refused.
        var headcount = Guid.Parse(read["headcount"].Str("id"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == VisitLedger.Headcount && e.RecordId == headcount)));
    }
}

public sealed class HeadcountOnSqlite(SqliteHost fixture) : HeadcountTests(fixture), IClassFixture<SqliteHost>;

public sealed class HeadcountOnPostgres(PostgresHost fixture) : HeadcountTests(fixture), IClassFixture<PostgresHost>;
