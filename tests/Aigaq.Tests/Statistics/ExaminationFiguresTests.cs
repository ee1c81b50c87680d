using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Tests.Cases;

namespace Aigaq.Tests.Statistics;

/// <summary>
/// Istanbul Protocol statistics (issue 16, item 10): of a year's torture cases, the share with an examination requested,
/// started and sealed; the hours from the allegation to the session (median, 90th percentile); the sealed opinions by
/// level; by region and by agency; for those who may view statistics, and published with small counts suppressed.
/// </summary>
public abstract class ExaminationFiguresTests(HostFixture fixture)
{
    private const string Region = "KZ-75";

    private AigaqHost Host => fixture.Host;

    /// <summary>
    /// Hand-counted (the host's clock stands at 2 March 2026): four torture cases (part 2) and one case of part 1, none
    /// naming a victim (so the register requests nothing itself). Case 1 (police): an examination requested, its session
    /// 10 hours after the report was received, sealed as highlyConsistent. Case 2 (police): an examination of its report,
    /// its session 30 hours after receipt, not sealed. Case 3 (police) and case 4 (penitentiary): none.
    /// </summary>
    private async Task SeedAsync()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);
        var expert = await Host.UserAsync(Roles.ForensicExpert, region: Region);
        var received = Host.Now.AddDays(-3);
        async Task<(Guid Report, Guid Case)> CaseAsync(int part, string agency, int i)
        {
            var report = await prosecutor.ReceiveAsync(CaseScenario.Report(received.AddMinutes(i), Region, agency).Without("victims"));
            var opened = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), received.AddHours(2), part));
            return (report.Id(), Guid.Parse(opened.Str("caseId")));
        }

        async Task ExamineAsync(string link, Guid linked, DateTimeOffset session, string? opinion)
        {
            var exam = await (await prosecutor.Client.PostJsonAsync("/api/v1/examinations", new JsonObject
            {
                ["requestedAt"] = Requests.Instant(received.AddHours(3)),
                ["requestedBy"] = new JsonObject { ["kind"] = "prosecutor" },
                ["person"] = new JsonObject { ["lastName"] = "Бекова", ["firstName"] = "Асель", ["birthDate"] = "1994-05-06" },
                [link] = linked.ToString(),
            })).ExpectAsync(HttpStatusCode.Created);
            var at = $"/api/v1/examinations/{exam.Str("id")}";
            await (await expert.Client.PostJsonAsync($"{at}/examiner", new JsonObject
            {
                ["name"] = "Нурланова Г.",
                ["qualifications"] = "судебно-медицинский эксперт",
                ["employer"] = "forensicCentre",
                ["independenceDeclared"] = true,
            })).ExpectAsync(HttpStatusCode.Created);
            await (await expert.Client.PostJsonAsync($"{at}/session", new JsonObject
            {
                ["place"] = "ЦСЭ",
                ["startedAt"] = Requests.Instant(session),
                ["policePresent"] = false,
                ["present"] = new JsonArray(new JsonObject { ["name"] = "Нурланова Г.", ["affiliation"] = "examiner" }),
            })).ExpectAsync(HttpStatusCode.Created);
            if (opinion is null)
            {
                return;
            }

            await (await expert.Client.PostJsonAsync($"{at}/consent", new JsonObject
            {
                ["at"] = Requests.Instant(session.AddMinutes(1)),
                ["items"] = new JsonObject
                {
                    ["examination"] = true,
                    ["photographs"] = true,
                    ["intimatePhotographs"] = false,
                    ["shareWithInvestigators"] = true,
                    ["shareWithCourt"] = true,
                    ["shareWithDefender"] = true,
                },
                ["refusalReason"] = "интимные фотографии",
            })).ExpectAsync(HttpStatusCode.Created);
            await (await expert.Client.PostJsonAsync($"{at}/seal", new JsonObject
            {
                ["opinion"] = opinion,
                ["conclusions"] = "Соответствует описанным обстоятельствам",
                ["recommendations"] = "Нет",
                ["policePresent"] = false,
            })).ExpectAsync(HttpStatusCode.Created);
        }

        var c1 = await CaseAsync(2, "police", 0);
        var c2 = await CaseAsync(2, "police", 1);
        await CaseAsync(2, "police", 2);
        await CaseAsync(2, "penitentiary", 3);
        await CaseAsync(1, "police", 4);
        await ExamineAsync("caseId", c1.Case, received.AddHours(10), "highlyConsistent");
        await ExamineAsync("reportId", c2.Report, received.AddMinutes(1).AddHours(30), null);
    }

    [Fact]
    public async Task Examination_figures_count_torture_cases_times_and_opinions_by_region_and_agency_and_are_published_suppressed()
    {
        await SeedAsync();
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        var figures = await (await analyst.Client.GetAsync($"/api/v1/statistics/examinations?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("146", figures.Str("article"));
        var total = figures["total"]!.AsObject();
        Assert.Equal([4, 2, 2, 1, 2, 2], Counts(total));
        Assert.Equal(0.5, total["requestedShare"]!.GetValue<double>());
        Assert.Equal(0.25, total["sealedShare"]!.GetValue<double>());
        Assert.Equal(20.0, total["medianHours"]!.GetValue<double>());
        Assert.Equal(30.0, total["p90Hours"]!.GetValue<double>());
        Assert.Equal(1, total["opinions"]!["highlyConsistent"]!.GetValue<int>());
        Assert.Equal(0, total["opinions"]!["consistent"]!.GetValue<int>());
        Assert.Equal(["notConsistent", "consistent", "highlyConsistent", "typicalOf", "diagnosticOf"], figures["levels"]!.AsArray().Select(l => l!.GetValue<string>()));
        var byAgency = figures["byAgency"]!.AsArray().Objects().ToDictionary(r => r.Str("key"));
        Assert.Equal([3, 2, 2, 1, 2, 2], Counts(byAgency["Police"]));
        Assert.Equal([1, 0, 0, 0, 0, 0], Counts(byAgency["Penitentiary"]));

        // All regions: the region's row is its total; another year has none of it.
        var national = await (await analyst.Client.GetAsync("/api/v1/statistics/examinations?year=2026")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([4, 2, 2, 1, 2, 2], Counts(national["byRegion"]!.AsArray().Objects().Single(r => r.Str("key") == Region)));
        var before = await (await analyst.Client.GetAsync($"/api/v1/statistics/examinations?year=2025&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([0, 0, 0, 0, 0, 0], Counts(before["total"]!.AsObject()));
        Assert.Null(before["total"]!["medianHours"]);

        // The public export: counts from 1 to 4 are "<5", and the hours of fewer than 5 examinations are not published.
        var csv = await (await Host.Anonymous().GetAsync("/api/v1/statistics/examinations.csv?year=2026&culture=en")).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Year,Grouped by,Region code,Name,Torture cases,With an examination requested,", lines[0], StringComparison.Ordinal);
        var row = lines.Single(l => l.Contains($",{Region},", StringComparison.Ordinal));
        Assert.StartsWith($"2026,Region,{Region},", row, StringComparison.Ordinal);
        Assert.Contains(",,,,,,,0,0,,0,0,,,", row, StringComparison.Ordinal);
        Assert.Contains("Torture cases: <5", row, StringComparison.Ordinal);
        Assert.DoesNotContain("20", row.Split(',')[^3..^1]);
    }

    [Theory]
    [InlineData("/api/v1/statistics/examinations?year=1999", "year")]
    [InlineData("/api/v1/statistics/examinations?region=XX", "region")]
    [InlineData("/api/v1/statistics/examinations.csv?year=3000", "year")]
    public async Task A_bad_filter_is_named(string url, string field)
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);

        await (await analyst.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Examination_figures_are_for_those_who_may_view_statistics()
    {
        const string url = "/api/v1/statistics/examinations?year=2026";
        var expert = await Host.UserAsync(Roles.ForensicExpert, region: Region);

        Assert.Equal(HttpStatusCode.Forbidden, (await expert.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous().GetAsync(url)).StatusCode);
        await (await (await Host.UserAsync(Roles.Analyst, region: null)).Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
    }

    private static int[] Counts(JsonObject row) =>
        [.. new[] { "tortureCases", "requested", "started", "sealed", "examinations", "timed" }.Select(f => row[f]!.GetValue<int>())];
}

public sealed class ExaminationFiguresOnSqlite(SqliteHost fixture) : ExaminationFiguresTests(fixture), IClassFixture<SqliteHost>;

public sealed class ExaminationFiguresOnPostgres(PostgresHost fixture) : ExaminationFiguresTests(fixture), IClassFixture<PostgresHost>;
