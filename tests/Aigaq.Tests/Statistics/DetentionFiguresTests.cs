using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Facilities;

namespace Aigaq.Tests.Statistics;

/// <summary>
/// Detention statistics from the register (issue 14, item 7): detentions of a year by region, agency and facility, each
/// fault counted once per detention, month by month, published with small counts suppressed.
/// </summary>
public abstract class DetentionFiguresTests(HostFixture fixture)
{
    private const string Region = "KZ-61";

    private AigaqHost Host => fixture.Host;

    private static readonly TimeSpan Almaty = TimeSpan.FromHours(5);

    /// <summary>
    /// Five detentions in a region (each test its own), hand-counted (the host's clock stands at Monday 2 March 2026, 15:00 in Almaty):
    /// in a police cell A, d1 on time and without fault; d2 of 10 February registered on 2 March (late); d5 of Sunday
    /// 1 March 08:00 registered late, its protocol drawn 31 hours after detention (a clock exceeded). In a penitentiary
    /// facility B, d3 of Sunday 1 March 12:00 registered late, questioned that Sunday at 13:00 without a defender and at
    /// 23:00 with one (two weekend actions, one at night, one without a defender: one detention each); d4 on time, with
    /// injuries recorded at the medical examination.
    /// </summary>
    private async Task<(Facility A, Facility B, Guid[] Ids)> DetentionsAsync(string region = Region)
    {
        var a = await Host.FacilityAsync(region, name: "ИВС А " + Guid.NewGuid().ToString("N")[..4]);
        var b = await Host.FacilityAsync(region, name: "СИЗО Б " + Guid.NewGuid().ToString("N")[..4], type: FacilityType.PretrialDetention, agency: Agency.Penitentiary);
        var officer = await Host.UserAsync(Roles.Officer, region: region);
        var custodyA = await Host.UserAsync(Roles.CustodyOfficer, region: region, facility: a.Id);
        var custodyB = await Host.UserAsync(Roles.CustodyOfficer, region: region, facility: b.Id);
        var now = Host.Now;
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 15, 0, 0, Almaty), now);

        async Task<Guid> HeldAsync(Guid facility, DateTimeOffset detainedAt) => (await Host.RegisterAsync(officer, facility, detainedAt)).Id();
        async Task EventAsync(TestUser custody, Guid id, JsonObject e) =>
            await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), e)).ExpectAsync(HttpStatusCode.Created);

        var d1 = await HeldAsync(a.Id, now.AddMinutes(-5));
        var d2 = await HeldAsync(a.Id, new DateTimeOffset(2026, 2, 10, 12, 0, 0, Almaty));
        var d5 = await HeldAsync(a.Id, new DateTimeOffset(2026, 3, 1, 8, 0, 0, Almaty));
        await EventAsync(custodyA, d5, Requests.Event("protocolDrawn", now.AddMinutes(-1), ("protocolNumber", "П-17")));
        var d3 = await HeldAsync(b.Id, new DateTimeOffset(2026, 3, 1, 12, 0, 0, Almaty));
        await EventAsync(custodyB, d3, Requests.Event("investigativeActionStarted", new DateTimeOffset(2026, 3, 1, 13, 0, 0, Almaty), ("action", "допрос"), ("defenderPresent", false)));
        await EventAsync(custodyB, d3, Requests.Event("investigativeActionStarted", new DateTimeOffset(2026, 3, 1, 23, 0, 0, Almaty), ("action", "допрос"), ("defenderPresent", true)));
        var d4 = await HeldAsync(b.Id, now.AddMinutes(-10));
        await EventAsync(custodyB, d4, Requests.Event("medicalExamination", now.AddMinutes(-5), ("injuriesFound", true)));
        return (a, b, [d1, d2, d3, d4, d5]);
    }

    [Fact]
    public async Task Detention_figures_count_each_fault_once_per_detention_by_region_agency_facility_and_month()
    {
        var (a, b, _) = await DetentionsAsync();
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        var figures = await (await analyst.Client.GetAsync($"/api/v1/statistics/detentions?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([5, 3, 1, 1, 1, 1, 1], Counts(figures["total"]!.AsObject()));
        var byFacility = figures["byFacility"]!.AsArray().Objects().ToDictionary(r => r.Str("key"));
        Assert.Equal([3, 2, 1, 0, 0, 0, 0], Counts(byFacility[a.Id.ToString()]));
        Assert.Equal([2, 1, 0, 1, 1, 1, 1], Counts(byFacility[b.Id.ToString()]));
        Assert.Equal(b.Name, byFacility[b.Id.ToString()].Str("name"));
        var byAgency = figures["byAgency"]!.AsArray().Objects().ToDictionary(r => r.Str("key"));
        Assert.Equal([3, 2, 1, 0, 0, 0, 0], Counts(byAgency["Police"]));
        Assert.Equal([2, 1, 0, 1, 1, 1, 1], Counts(byAgency["Penitentiary"]));
        Assert.Empty(figures["byRegion"]!.AsArray());

        // All regions: the region's row is its total; another year has none of them.
        var national = await (await analyst.Client.GetAsync("/api/v1/statistics/detentions?year=2026")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([5, 3, 1, 1, 1, 1, 1], Counts(national["byRegion"]!.AsArray().Objects().Single(r => r.Str("key") == Region)));
        var before = await (await analyst.Client.GetAsync($"/api/v1/statistics/detentions?year=2025&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], Counts(before["total"]!.AsObject()));

        // Month by month, by the local month of detention.
        var trends = await (await analyst.Client.GetAsync($"/api/v1/statistics/trends?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        var months = trends["months"]!.AsArray().Objects().ToList();
        Assert.Equal(Enumerable.Range(1, 12), months.Select(m => m["month"]!.GetValue<int>()));
        int[] Month(int m) => [.. new[] { "received", "detentions", "registeredLate", "clocksExceeded" }.Select(f => months[m - 1][f]!.GetValue<int>())];
        Assert.Equal([0, 1, 1, 0], Month(2));
        // The injuries recorded in March were received as a report of ill-treatment at once.
        Assert.Equal([1, 4, 2, 1], Month(3));
        Assert.Equal([0, 0, 0, 0], Month(1));
    }

    [Fact]
    public async Task Published_detention_figures_show_small_counts_as_suppressed_never_as_zero_and_name_nobody()
    {
        const string region = "KZ-62";
        await DetentionsAsync(region);

        var page = await Host.Anonymous().GetStringAsync($"/statistics?year=2026&region={region}&culture=en");

        // The table beside the chart: every fault of the five detentions is 1 to 4, so "<5", and no share is given.
        Assert.Equal(
            [["Registered late", "<5", "—"], ["Legal clocks exceeded", "<5", "—"], ["Investigative actions at night", "<5", "—"],
             ["Investigative actions at weekends", "<5", "—"], ["Investigative actions without a defender", "<5", "—"], ["Injuries recorded", "<5", "—"]],
            Csv.TableRows(page, "detention-table"));
        Assert.Contains("5 detentions in 2026", page, StringComparison.Ordinal);

        // The chart's figures: no value (so no bar, least of all a zero one) and the mark in its place.
        var chart = JsonNode.Parse(System.Text.RegularExpressions.Regex.Match(page, "<script type=\"application/json\" id=\"detention-data\">(.*?)</script>").Groups[1].Value)!;
        var series = chart["datasets"]![0]!;
        Assert.All(series["values"]!.AsArray(), v => Assert.Null(v));
        Assert.All(series["marks"]!.AsArray(), m => Assert.Equal("<5", m!.GetValue<string>()));

        // A region's months, agencies and facilities are not published: the country's, on another page, less the other
        // regions' would give its small counts away.
        Assert.Contains("id=\"region-figures-note\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"trend-table\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"detentions-by-agency\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"detentions-by-facility\"", page, StringComparison.Ordinal);
        var country = await Host.Anonymous().GetStringAsync("/statistics?year=2026&culture=en");
        Assert.Contains("id=\"trend-table\"", country, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"detentions-by-facility\"", country, StringComparison.Ordinal);

        // The export: numbers alone, what is not published in its own column; nothing personal.
        var csv = Csv.Parse(await Host.Anonymous().GetStringAsync("/api/v1/statistics/detentions.csv?year=2026&culture=en"));
        var row = csv.Rows.Single(r => r["Grouped by"] == "Region" && r["Region code"] == region);
        Assert.Equal("5", row["Detentions"]);
        Assert.Equal("", row["Registered late"]);
        Assert.Equal("<5", row.Shown("Registered late"));
        Assert.Equal("<5", row.Shown("Injuries recorded"));
        var text = await Host.Anonymous().GetStringAsync("/api/v1/statistics/detentions.csv?year=2026&culture=en");
        Assert.DoesNotContain("Ахметов", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ахметов", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/statistics/detentions?year=1999", "year")]
    [InlineData("/api/v1/statistics/detentions?region=KZ-00", "region")]
    [InlineData("/api/v1/statistics/trends?year=3000", "year")]
    [InlineData("/api/v1/statistics/trends?region=XX", "region")]
    [InlineData("/api/v1/statistics/detentions.csv?year=1999", "year")]
    public async Task A_bad_filter_is_named(string url, string field)
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        await (await analyst.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/v1/statistics/detentions?year=2026")]
    [InlineData("/api/v1/statistics/trends?year=2026")]
    public async Task Detention_figures_and_trends_are_for_those_who_may_view_statistics(string url)
    {
        var officer = await Host.UserAsync(Roles.Officer, region: Region);

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous().GetAsync(url)).StatusCode);
        await (await (await Host.UserAsync(Roles.Analyst, region: null)).Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
    }

    private static int[] Counts(JsonObject row) =>
        [.. new[] { "detentions", "registeredLate", "clocksExceeded", "nightActions", "weekendActions", "withoutDefender", "injuries" }
            .Select(f => row[f]!.GetValue<int>())];
}

public sealed class DetentionFiguresOnSqlite(SqliteHost fixture) : DetentionFiguresTests(fixture), IClassFixture<SqliteHost>;

public sealed class DetentionFiguresOnPostgres(PostgresHost fixture) : DetentionFiguresTests(fixture), IClassFixture<PostgresHost>;
