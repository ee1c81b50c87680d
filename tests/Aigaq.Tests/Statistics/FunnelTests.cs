using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Statistics;
using Aigaq.Tests.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Statistics;

/// <summary>The funnel computed from the register itself (issue 4, item 8).</summary>
public abstract class FunnelTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    /// <summary>
    /// Enters a cohort of 2023 reports in a region: <paramref name="received"/> received, the first
    /// <paramref name="registered"/> registered, of those the first <paramref name="sent"/> sent to
    /// court and the first <paramref name="convicted"/> convicted.
    /// </summary>
    private async Task CohortAsync(string region, int received, int registered, int sent, int convicted, string agency = "penitentiary", int year = 2023)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: region);
        var start = new DateTimeOffset(year, 3, 1, 9, 0, 0, TimeSpan.FromHours(5));
        for (var i = 0; i < received; i++)
        {
            var receivedAt = start.AddDays(i);
            var report = await prosecutor.ReceiveAsync(CaseScenario.Report(receivedAt, region, agency));
            if (i >= registered)
            {
                continue;
            }

            // Every other one late: 30 hours after receipt, past the 24-hour deadline.
            var registeredAt = receivedAt.AddHours(i % 2 == 0 ? 5 : 30);
            var opened = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), registeredAt, 1));
            if (i >= sent)
            {
                continue;
            }

            var url = $"/api/v1/cases/{opened.Str("caseId")}/stages";
            await (await prosecutor.Client.PostJsonAsync(url, CaseScenario.Stage("suspectIdentified", registeredAt.AddDays(10)))).ExpectAsync(HttpStatusCode.Created);
            await (await prosecutor.Client.PostJsonAsync(url, CaseScenario.Stage("sentToCourt", registeredAt.AddDays(60)))).ExpectAsync(HttpStatusCode.Created);
            await (await prosecutor.Client.PostJsonAsync(url, CaseScenario.Stage("verdict", registeredAt.AddDays(120), ("outcome", i < convicted ? "convicted" : "acquitted"))))
                .ExpectAsync(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task The_funnel_counts_a_years_reports_and_how_far_they_got()
    {
        await CohortAsync("KZ-35", received: 9, registered: 6, sent: 3, convicted: 1);
        await CohortAsync("KZ-39", received: 2, registered: 1, sent: 0, convicted: 0);
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        var karaganda = await (await analyst.Client.GetAsync("/api/v1/statistics/funnel?year=2023&region=KZ-35")).ExpectAsync(HttpStatusCode.OK);
        var penitentiary = await (await analyst.Client.GetAsync("/api/v1/statistics/funnel?year=2023&agency=penitentiary")).ExpectAsync(HttpStatusCode.OK);
        var otherYear = await (await analyst.Client.GetAsync("/api/v1/statistics/funnel?year=2024&region=KZ-35")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((9, 6, 3, 1), Counts(karaganda));
        Assert.Equal(3.0 / 9, karaganda["courtShare"]!.GetValue<double>(), 6);
        Assert.Equal(3, karaganda["registeredInTime"]!.GetValue<int>());
        Assert.Equal((11, 7, 3, 1), Counts(penitentiary));
        Assert.Equal((0, 0, 0, 0), Counts(otherYear));
        Assert.Null(otherYear["courtShare"]);
    }

    [Fact]
    public async Task The_public_export_is_a_download_with_localised_headers_numbers_alone_and_what_is_not_published_in_its_own_column()
    {
        // A year of its own: what other tests enter in 2023 would change which counts are withheld.
        await CohortAsync("KZ-43", received: 6, registered: 2, sent: 0, convicted: 0, agency: "military", year: 2004);

        using var response = await Host.Anonymous().GetAsync("/api/v1/statistics/funnel.csv?year=2004&culture=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("aigaq-funnel-2004.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Csv.Parse(System.Text.Encoding.UTF8.GetString(bytes[3..]));

        Assert.Equal(
            ["Year", "Region code", "Region", "Agency", "Received", "Registered", "Sent to court", "Convicted", "Suspects identified", "Persons sent to court", "Persons convicted", "Not published"],
            csv.Header);
        var region = csv.Rows.Single(r => r["Region code"] == "KZ-43");
        Assert.Equal(["2004", "KZ-43", "Kyzylorda Region", "", "6", "", "0", "0", "0", "0", "0", "Registered: <5"], region.Values);
        var military = csv.Rows.Single(r => r["Agency"] == "Military");
        Assert.Equal(["2004", "", "All regions", "Military", "6", "", "0", "0", "0", "0", "0", "Registered: <5"], military.Values);

        // The same export in Kazakh and Russian: the headers and names in the language asked for, the figures the same.
        var kk = Csv.Parse(await Host.Anonymous().GetStringAsync("/api/v1/statistics/funnel.csv?year=2004&culture=kk"));
        Assert.Equal("Жыл", kk.Header[0]);
        Assert.Contains(kk.Rows, r => r.Values[2] == "Қызылорда облысы" && r.Values[4] == "6" && r.Values[^1] == "Тіркелді: <5");
        var ru = Csv.Parse(await Host.Anonymous().GetStringAsync("/api/v1/statistics/funnel.csv?year=2004&culture=ru"));
        Assert.Equal("Год", ru.Header[0]);
        Assert.Contains(ru.Rows, r => r.Values[2] == "Кызылординская область" && r.Values[4] == "6");
    }

    [Fact]
    public async Task No_small_count_can_be_worked_out_by_subtracting_the_others_from_the_total()
    {
        // 2006: 3 reports in Astana (shown "<5"), 6 in Almaty, 20 in Shymkent; 29 in all. Without more withheld, 29 - 6 - 20
        // would give Astana's 3.
        await CohortAsync("KZ-71", received: 3, registered: 0, sent: 0, convicted: 0, year: 2006);
        await CohortAsync("KZ-75", received: 6, registered: 0, sent: 0, convicted: 0, year: 2006);
        await CohortAsync("KZ-79", received: 20, registered: 0, sent: 0, convicted: 0, year: 2006);

        var csv = Csv.Parse(await Host.Anonymous().GetStringAsync("/api/v1/statistics/funnel.csv?year=2006&culture=en"));
        var rows = csv.Rows.Where(r => r["Agency"] == "").ToList();
        var total = rows.Single(r => r["Region code"] == "");
        var regions = rows.Where(r => r["Region code"] != "").OrderBy(r => r["Region code"], StringComparer.Ordinal).ToList();
        Assert.Equal("29", total["Received"]);
        Assert.Equal(["<5", "x", "20"], regions.Select(r => r.Shown("Received")));
        Assert.Equal(["", "", "20"], regions.Select(r => r["Received"]));

        // The subtraction, for every column: each small count keeps at least two possible values.
        foreach (var column in csv.Header[4..^1])
        {
            if (!int.TryParse(total[column], out var sum))
            {
                continue;
            }

            var cells = regions.Select(r => r.Shown(column)).ToList();
            var hidden = cells.Where(c => !int.TryParse(c, out _)).ToList();
            var rest = sum - cells.Where(c => int.TryParse(c, out _)).Sum(int.Parse);
            for (var i = 0; i < hidden.Count; i++)
            {
                if (hidden[i] == "<5")
                {
                    Assert.True(Possible(hidden, i, rest).Count >= 2, $"{column}: a small count is pinned down by the total");
                }
            }
        }

        // The region's own page withholds what the national table withholds.
        var page = await Host.Anonymous().GetStringAsync("/statistics?year=2006&region=KZ-75&culture=en");
        Assert.Contains("<tbody><tr><td>x</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_funnel_counts_people_as_well_as_cases()
    {
        // 2008 in Jambyl, hand-counted: four cases with suspects 3, 1 (not stated), 2 and 1; three sent to court with 2, 5
        // and 1 persons; two convictions of 2 and 4 persons; one acquittal; one discontinued.
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-31");
        var start = new DateTimeOffset(2008, 4, 1, 9, 0, 0, TimeSpan.FromHours(6));
        async Task CaseAsync(int i, params (string Stage, int? Persons, string? Outcome)[] stages)
        {
            var receivedAt = start.AddDays(i);
            var report = await prosecutor.ReceiveAsync(CaseScenario.Report(receivedAt, "KZ-31", "penitentiary"));
            var opened = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), receivedAt.AddHours(2), 1));
            var at = receivedAt.AddDays(5);
            foreach (var (stage, persons, outcome) in stages)
            {
                var body = CaseScenario.Stage(stage, at = at.AddDays(10));
                if (persons is { } n)
                {
                    body["persons"] = n;
                }

                if (outcome is not null)
                {
                    body["outcome"] = outcome;
                }

                if (stage == "discontinued")
                {
                    body["grounds"] = "нет состава";
                }

                await (await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{opened.Str("caseId")}/stages", body)).ExpectAsync(HttpStatusCode.Created);
            }
        }

        await CaseAsync(0, ("suspectIdentified", 3, null), ("sentToCourt", 2, null), ("verdict", 2, "convicted"));
        await CaseAsync(1, ("suspectIdentified", null, null), ("sentToCourt", 5, null), ("verdict", 4, "convicted"));
        await CaseAsync(2, ("suspectIdentified", 2, null), ("discontinued", null, null));
        await CaseAsync(3, ("suspectIdentified", 1, null), ("sentToCourt", 1, null), ("verdict", null, "acquitted"));
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        foreach (var query in new[] { "year=2008&region=KZ-31", "year=2008&region=KZ-31&agency=penitentiary", "year=2008" })
        {
            var funnel = await (await analyst.Client.GetAsync("/api/v1/statistics/funnel?" + query)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal((4, 4, 3, 2), Counts(funnel));
            Assert.Equal((7, 8, 6), (funnel["suspectsIdentified"]!.GetValue<int>(), funnel["personsSentToCourt"]!.GetValue<int>(), funnel["personsConvicted"]!.GetValue<int>()));
        }

        var csv = Csv.Parse(await Host.Anonymous().GetStringAsync("/api/v1/statistics/funnel.csv?year=2008&culture=en"));
        var jambyl = csv.Rows.Single(r => r["Region code"] == "KZ-31");
        Assert.Equal(("7", "8", "6"), (jambyl["Suspects identified"], jambyl["Persons sent to court"], jambyl["Persons convicted"]));
        var penitentiary = csv.Rows.Single(r => r["Agency"] == "Penitentiary");
        Assert.Equal(("7", "8", "6"), (penitentiary["Suspects identified"], penitentiary["Persons sent to court"], penitentiary["Persons convicted"]));

        // The page shows the people beside the cases.
        var page = await Host.Anonymous().GetStringAsync("/statistics?year=2008&region=KZ-31&culture=en");
        Assert.Equal(["7", "8", "6"], Csv.Cells(page, "people-table"));
    }

    [Theory]
    [InlineData("discontinued", null, "persons")]
    [InlineData("verdict", "acquitted", "persons")]
    [InlineData("sentToCourt", null, "persons", 0)]
    [InlineData("sentToCourt", null, "persons", 1000)]
    public async Task A_count_of_persons_that_does_not_fit_the_stage_is_named(string stage, string? outcome, string field, int persons = 2)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-31");
        var at = Host.Now.AddDays(-20);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(at, "KZ-31", "police"));
        var opened = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), at.AddHours(1), 1));
        var url = $"/api/v1/cases/{opened.Str("caseId")}/stages";
        await (await prosecutor.Client.PostJsonAsync(url, CaseScenario.Stage("suspectIdentified", at.AddDays(1)))).ExpectAsync(HttpStatusCode.Created);
        if (stage == "verdict")
        {
            await (await prosecutor.Client.PostJsonAsync(url, CaseScenario.Stage("sentToCourt", at.AddDays(2)))).ExpectAsync(HttpStatusCode.Created);
        }

        var body = CaseScenario.Stage(stage, at.AddDays(3), ("persons", persons), ("outcome", outcome), ("grounds", stage == "discontinued" ? "нет состава" : null));

        await (await prosecutor.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        var stages = (await prosecutor.GetCaseAsync(Guid.Parse(opened.Str("caseId"))))["stages"]!.AsArray();
        Assert.DoesNotContain(stages, s => s!["stage"]!.GetValue<string>() == stage);
    }

    /// <summary>The values the <paramref name="index"/>-th hidden cell can take when the hidden cells add up to <paramref name="rest"/>.</summary>
    private static HashSet<int> Possible(List<string> hidden, int index, int rest)
    {
        var values = new HashSet<int>();
        void Try(int i, int left, int? mine)
        {
            if (i == hidden.Count)
            {
                if (left == 0 && mine is { } m)
                {
                    values.Add(m);
                }

                return;
            }

            var range = hidden[i] == "<5" ? Enumerable.Range(1, 4) : Enumerable.Range(0, left + 1).Where(v => v == 0 || v >= 5);
            foreach (var v in range.Where(v => v <= left))
            {
                Try(i + 1, left - v, i == index ? v : mine);
            }
        }

        Try(0, rest, null);
        return values;
    }

    [Fact]
    public async Task The_funnel_by_agency_counts_a_report_once_in_its_local_year_and_region()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-55");
        var other = await Host.UserAsync(Roles.Prosecutor, region: "KZ-59");
        // Two units of one agency in one report; a report received on 31 December in UTC but on
        // 1 January in Almaty (UTC+6 until March 2024); another region's; another agency's.
        var twice = await prosecutor.ReceiveAsync(CaseScenario.Report(new DateTimeOffset(2023, 5, 4, 9, 0, 0, TimeSpan.FromHours(6)), "KZ-55", "nationalSecurity", "nationalSecurity"));
        await prosecutor.ReceiveAsync(CaseScenario.Report(new DateTimeOffset(2022, 12, 31, 19, 30, 0, TimeSpan.Zero), "KZ-55", "nationalSecurity"));
        await other.ReceiveAsync(CaseScenario.Report(new DateTimeOffset(2023, 5, 4, 9, 0, 0, TimeSpan.FromHours(6)), "KZ-59", "nationalSecurity"));
        await prosecutor.ReceiveAsync(CaseScenario.Report(new DateTimeOffset(2023, 5, 4, 9, 0, 0, TimeSpan.FromHours(6)), "KZ-55", "police"));
        await prosecutor.RegisterReportAsync(twice.Id(), CaseScenario.Registration(CaseScenario.Erdr(), new DateTimeOffset(2023, 5, 4, 12, 0, 0, TimeSpan.FromHours(6)), 1));
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        async Task<(int, int, int, int)> FunnelAsync(string query) =>
            Counts(await (await analyst.Client.GetAsync("/api/v1/statistics/funnel?" + query)).ExpectAsync(HttpStatusCode.OK));

        Assert.Equal((2, 1, 0, 0), await FunnelAsync("year=2023&region=KZ-55&agency=nationalSecurity"));
        Assert.Equal((3, 1, 0, 0), await FunnelAsync("year=2023&agency=nationalSecurity"));
        Assert.Equal((0, 0, 0, 0), await FunnelAsync("year=2022&region=KZ-55&agency=nationalSecurity"));
        Assert.Equal((3, 1, 0, 0), await FunnelAsync("year=2023&region=KZ-55"));
    }

    [Fact]
    public async Task The_years_with_reports_are_listed_newest_first_each_once()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-47");
        foreach (var at in new[] { new DateTimeOffset(2019, 6, 3, 11, 0, 0, TimeSpan.FromHours(6)), new DateTimeOffset(2021, 6, 1, 9, 0, 0, TimeSpan.FromHours(5)) })
        {
            await prosecutor.ReceiveAsync(CaseScenario.Report(at, "KZ-47", "police"));
        }

        var years = await Host.WithDbAsync(db => new Funnel(db).YearsAsync(CancellationToken.None));
        var expected = await Host.WithDbAsync(async db =>
            await db.Set<Report>().Select(r => r.ReceivedYear).Distinct().OrderByDescending(y => y).ToListAsync());

        Assert.Equal(expected, years);
        Assert.Contains(2021, years);
        Assert.Contains(2019, years);
    }

    [Theory]
    [InlineData("year=1999", "year")]
    [InlineData("year=2023&region=KZ-00", "region")]
    [InlineData("year=2023&agency=aliens", "agency")]
    public async Task A_bad_filter_is_named(string query, string field)
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        await (await analyst.Client.GetAsync("/api/v1/statistics/funnel?" + query)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Each_bodys_workload_counts_its_open_cases_and_waiting_referrals()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-47");
        var first = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3), "KZ-47", "military"));
        var second = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3), "KZ-47", "military"));
        await prosecutor.RegisterReportAsync(first.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1));
        var moving = await prosecutor.RegisterReportAsync(second.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1));
        await (await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{moving.Str("caseId")}/requalify", new JsonObject { ["part"] = 2, ["reason"] = "пытки" }))
            .ExpectAsync(HttpStatusCode.Created);

        var rows = JsonNode.Parse(await prosecutor.Client.GetStringAsync("/api/v1/statistics/workload?region=KZ-47"))!.AsArray().Objects().ToList();

        var internalAffairs = rows.Single(r => r.Str("kind") == "internalAffairs");
        var special = rows.Single(r => r.Str("kind") == "specialProsecutor");
        Assert.Equal((2, 0), (internalAffairs["openCases"]!.GetValue<int>(), internalAffairs["pendingReferrals"]!.GetValue<int>()));
        Assert.Equal((0, 1), (special["openCases"]!.GetValue<int>(), special["pendingReferrals"]!.GetValue<int>()));
    }

    private static (int, int, int, int) Counts(JsonObject f) =>
        (f["received"]!.GetValue<int>(), f["registered"]!.GetValue<int>(), f["sentToCourt"]!.GetValue<int>(), f["convicted"]!.GetValue<int>());
}

public sealed class FunnelOnSqlite(SqliteHost fixture) : FunnelTests(fixture), IClassFixture<SqliteHost>;

public sealed class FunnelOnPostgres(PostgresHost fixture) : FunnelTests(fixture), IClassFixture<PostgresHost>;
