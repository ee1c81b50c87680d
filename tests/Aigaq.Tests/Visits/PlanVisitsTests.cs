using System.Net;
using Aigaq.Access;
using Aigaq.Rules;
using Aigaq.Tests.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Visits;

/// <summary>
/// Planning visits by risk (issue 17, item 2): the plan ranks a facility with injuries recorded, alerts and a report above a
/// quiet one and says why, factor by factor, with the rule pack's weights; a year's plan reads the window before the year
/// begins; a monitor plans their region only; bad year or region is named; only monitors and analysts read it.
/// </summary>
public abstract class PlanVisitsTests(HostFixture fixture)
{
    private const string Url = "/api/v1/visits/plan";

    private AigaqHost Host => fixture.Host;

    private static VisitPlanRules Rules => RulePackCatalog.LoadEmbedded().All[^1].VisitPlanning;

    /// <summary>Detentions at a facility in the last minutes (registered within the pack's 15 minutes, so that no other alert is raised), with injuries recorded at the medical examination of the first <paramref name="injured"/>.</summary>
    private async Task<List<Guid>> HeldAsync(Aigaq.Facilities.Facility facility, int detentions, int injured)
    {
        var ids = new List<Guid>();
        var officer = await Host.UserAsync(Roles.Officer, region: facility.Region);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, region: facility.Region, facility: facility.Id);
        for (var i = 0; i < detentions; i++)
        {
            var id = (await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-5 - i))).Id();
            ids.Add(id);
            if (i < injured)
            {
                await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), Requests.Event("medicalExamination", Host.Now.AddMinutes(-1), ("injuriesFound", true))))
                    .ExpectAsync(HttpStatusCode.Created);
            }
        }

        return ids;
    }

    [Fact]
    public async Task A_facility_with_injuries_ranks_above_a_quiet_one_with_the_reasons_and_the_monitor_sees_their_region_only()
    {
        var loud = await Host.FacilityAsync("KZ-75", name: "ИВС УП Алмалинского района");
        var quiet = await Host.FacilityAsync("KZ-75", name: "ИВС Алатау");
        var elsewhere = await Host.FacilityAsync("KZ-71", name: "ИВС Сарыарка");
        var loudIds = await HeldAsync(loud, detentions: 3, injured: 2);
        await HeldAsync(quiet, detentions: 2, injured: 0);
        await HeldAsync(elsewhere, detentions: 1, injured: 1);
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        await monitor.ReceiveAsync(CaseScenario.Report(Host.Now.AddDays(-2)).With("facilityId", loud.Id.ToString()));

        var plan = await (await monitor.Client.GetAsync($"{Url}?year=2027")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("KZ-75", plan.Str("region"));
        var rules = Rules;
        Assert.Equal(rules.WindowDays, (Host.Now - plan["from"]!.GetValue<DateTimeOffset>()).TotalDays);
        Assert.Equal(Host.Now, plan["to"]!.GetValue<DateTimeOffset>());
        Assert.Equal(
            ["alertsPer100Detentions", "injuriesRecorded", "clocksExceeded", "reportsAlleging", "daysSinceLastVisit", "openRecommendations", "repeatedRecommendations", "accessDenials"],
            plan["factors"].Objects().Select(f => f.Str("code")));
        // (Other tests of the class add facilities of their own to the same register.)
        string[] ours = [loud.Id.ToString(), quiet.Id.ToString(), elsewhere.Id.ToString()];
        var facilities = plan["facilities"].Objects().Where(f => ours.Contains(f.Str("id"))).ToList();
        Assert.Equal([loud.Id.ToString(), quiet.Id.ToString()], facilities.Select(f => f.Str("id")));
        Assert.Equal(1, facilities[0]["rank"]!.GetValue<int>());
        Assert.True(facilities[1]["rank"]!.GetValue<int>() > 1);

        // The reasons, each from the register and weighed by the pack: two injuries, two alerts of three detentions (a rate
        // over at least the pack's minimum of detentions), one report naming the place; the score is their sum.
        var reasons = facilities[0]["reasons"].Objects().ToDictionary(r => r.Str("factor"));
        Assert.Equal(["alertsPer100Detentions", "daysSinceLastVisit", "injuriesRecorded", "reportsAlleging"], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2m, reasons["injuriesRecorded"]["value"]!.GetValue<decimal>());
        Assert.Equal(2m * rules.Weights["injuriesRecorded"], reasons["injuriesRecorded"]["contribution"]!.GetValue<decimal>());
        Assert.Equal(1m, reasons["reportsAlleging"]["value"]!.GetValue<decimal>());
        var rate = reasons["alertsPer100Detentions"];
        var raised = await Host.WithDbAsync(db => db.Set<Aigaq.Alerts.Alert>()
            .Where(a => a.DetentionId != null && loudIds.Contains(a.DetentionId.Value)).Select(a => a.Code).ToListAsync());
        var counted = raised.Count(rules.RateAlertCodes.Contains);
        Assert.True(counted >= 2, string.Join(", ", raised));
        Assert.Equal((counted, 3), (rate["count"]!.GetValue<int>(), rate["of"]!.GetValue<int>()));
        Assert.Equal(Math.Round(100m * counted / Math.Max(3, rules.RateMinDetentions), 2), rate["value"]!.GetValue<decimal>());
        var score = reasons.Values.Sum(r => r["contribution"]!.GetValue<decimal>());
        Assert.True(score > 0);
        Assert.Equal(score, facilities[0]["score"]!.GetValue<decimal>());
        Assert.Equal(rules.RegularVisits(score), facilities[0]["regularVisits"]!.GetValue<int>());
        // The quiet place was never visited: the pack's cap of days since the last visit is its only reason.
        var neverVisited = rules.LastVisitCapDays * rules.Weights["daysSinceLastVisit"];
        Assert.Equal(neverVisited, facilities[1]["score"]!.GetValue<decimal>());
        Assert.Equal(["daysSinceLastVisit"], facilities[1]["reasons"].Objects().Select(r => r.Str("factor")));
        Assert.Equal(rules.RegularVisits(neverVisited), facilities[1]["regularVisits"]!.GetValue<int>());
        Assert.Equal(plan["facilities"].Objects().Sum(f => f["regularVisits"]!.GetValue<int>()), plan["regularVisits"]!.GetValue<int>());

        // This year's plan reads the window that ended when the year began: none of it is there.
        var thisYear = await (await monitor.Client.GetAsync($"{Url}?year=2026")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(thisYear["facilities"].Objects(), f => Assert.All(f["reasons"].Objects(), r => Assert.Equal("daysSinceLastVisit", r.Str("factor"))));

        // Not another region's plan for a monitor of KZ-75; an analyst without a region plans the country or any region.
        await (await monitor.Client.GetAsync($"{Url}?year=2027&region=KZ-71")).ExpectProblemAsync(HttpStatusCode.Forbidden, "region");
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var national = await (await analyst.Client.GetAsync($"{Url}?year=2027")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            [loud.Id.ToString(), elsewhere.Id.ToString(), quiet.Id.ToString()],
            national["facilities"].Objects().Select(f => f.Str("id")).Where(ours.Contains));
        var karaganda = await (await analyst.Client.GetAsync($"{Url}?year=2027&region=KZ-71")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([elsewhere.Id.ToString()], karaganda["facilities"].Objects().Select(f => f.Str("id")).Where(ours.Contains));
        Assert.All(karaganda["facilities"].Objects(), f => Assert.Equal("KZ-71", f.Str("region")));
    }

    [Fact]
    public async Task Only_monitors_and_analysts_read_the_plan_and_a_bad_year_or_region_is_named()
    {
        var facility = await Host.FacilityAsync();
        foreach (var role in Roles.All)
        {
            var user = await Host.UserAsync(role, facility: role == Roles.CustodyOfficer ? facility.Id : null);
            var response = await user.Client.GetAsync($"{Url}?year=2026");
            if (role is Roles.Monitor or Roles.Analyst)
            {
                await response.ExpectAsync(HttpStatusCode.OK);
            }
            else
            {
                await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
            }
        }

        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        foreach (var year in new[] { "abc", "1999", "2028", "2026.5" })
        {
            await (await analyst.Client.GetAsync($"{Url}?year={year}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "year");
        }

        await (await analyst.Client.GetAsync($"{Url}?year=2026&region=KZ-99")).ExpectProblemAsync(HttpStatusCode.BadRequest, "region");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous().GetAsync($"{Url}?year=2026")).StatusCode);

        // A monitor with no region reads no visits, nor the country's plan.
        var unplaced = await Host.UserAsync(Roles.Monitor, region: null);
        await (await unplaced.Client.GetAsync($"{Url}?year=2026")).ExpectProblemAsync(HttpStatusCode.Forbidden, "region");
    }
}

public sealed class PlanVisitsOnSqlite(SqliteHost fixture) : PlanVisitsTests(fixture), IClassFixture<SqliteHost>;

public sealed class PlanVisitsOnPostgres(PostgresHost fixture) : PlanVisitsTests(fixture), IClassFixture<PostgresHost>;
