using System.Net;
using Aigaq.Access;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Cases;

/// <summary>
/// Finding cases (issue 14, item 6): GET /api/v1/cases and the /cases page list the cases a reader may read, newest
/// first, filtered by region, stage (or none yet), part of the article, torture, an alleged agency, the responsible body
/// and status, and found by ERDR or report number; every list is logged and bad filters are named.
/// </summary>
public abstract class FindCasesTests(HostFixture fixture)
{
    // Regions no other test of this assembly uses, so that a list of one of them holds only this test's cases.
    private const string Region = "KZ-23";
    private const string PagedRegion = "KZ-27";

    private AigaqHost Host => fixture.Host;

    private sealed record Opened(Guid Id, string Erdr, string ReportNumber);

    private static async Task<Opened> OpenAsync(TestUser prosecutor, DateTimeOffset at, string region, int part, string agency)
    {
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(at.AddHours(-2), region, agency));
        var erdr = CaseScenario.Erdr();
        var registered = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(erdr, at.AddHours(-1), part));
        return new Opened(Guid.Parse(registered.Str("caseId")), erdr, report.Str("number"));
    }

    [Fact]
    public async Task Cases_are_filtered_by_stage_part_agency_body_status_and_region_and_found_by_erdr_or_report_number()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);
        var special = await Host.UserAsync(Roles.SpecialProsecutor, region: Region);

        // A: part 1, police alleged: internal affairs investigates, an institutional conflict waits; no stage yet.
        var a = await OpenAsync(prosecutor, Host.Now, Region, 1, "police");
        // B: part 2 (torture), military alleged: the special prosecutor, who identifies a suspect.
        var b = await OpenAsync(prosecutor, Host.Now, Region, 2, "military");
        await (await special.Client.PostJsonAsync($"/api/v1/cases/{b.Id}/stages", CaseScenario.Stage("suspectIdentified", Host.Now)))
            .ExpectAsync(HttpStatusCode.Created);
        // C: part 4, military alleged: internal affairs; discontinued, so closed.
        var c = await OpenAsync(prosecutor, Host.Now, Region, 4, "military");
        await (await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{c.Id}/stages", CaseScenario.Stage("discontinued", Host.Now, ("grounds", "нет состава"))))
            .ExpectAsync(HttpStatusCode.Created);

        async Task<List<Guid>> FoundAsync(TestUser user, string query) =>
            [.. (await (await user.Client.GetAsync("/api/v1/cases?" + query)).ExpectAsync(HttpStatusCode.OK))["items"]
                .Objects().Select(x => Guid.Parse(x.Str("id")))];

        Task<List<Guid>> Found(string query) => FoundAsync(prosecutor, $"region={Region}&" + query);

        // Newest first.
        Assert.Equal([c.Id, b.Id, a.Id], await FoundAsync(prosecutor, $"region={Region}"));
        Assert.Equal([a.Id], await Found("stage=none"));
        Assert.Equal([b.Id], await Found("stage=suspectIdentified"));
        Assert.Equal([c.Id], await Found("stage=discontinued"));
        Assert.Equal([b.Id], await Found("part=2"));
        Assert.Equal([b.Id], await Found("torture=true"));
        Assert.Equal([c.Id, a.Id], await Found("torture=false"));
        Assert.Equal([a.Id], await Found("agency=police"));
        Assert.Equal([c.Id, b.Id], await Found("agency=military"));
        Assert.Equal([b.Id], await Found("responsible=specialProsecutor"));
        Assert.Equal([c.Id, a.Id], await Found("responsible=internalAffairs"));
        Assert.Equal([c.Id], await Found("closed=true"));
        Assert.Equal([b.Id, a.Id], await Found("closed=false"));
        Assert.Equal([c.Id], await Found("agency=military&responsible=internalAffairs"));
        Assert.Empty(await Found("agency=police&stage=suspectIdentified"));

        // By ERDR number (spaces between its groups forgiven) or by the report's number as typed, in any region.
        Assert.Equal([a.Id], await FoundAsync(prosecutor, "q=" + Uri.EscapeDataString(a.Erdr)));
        Assert.Equal([a.Id], await FoundAsync(prosecutor, "q=" + Uri.EscapeDataString(a.Erdr[..6] + " " + a.Erdr[6..])));
        Assert.Equal([b.Id], await FoundAsync(prosecutor, "q=" + Uri.EscapeDataString(" " + b.ReportNumber.ToLowerInvariant())));

        // What a row says.
        var page = await (await prosecutor.Client.GetAsync("/api/v1/cases?q=" + a.Erdr)).ExpectAsync(HttpStatusCode.OK);
        var row = page["items"].Objects().Single();
        Assert.Equal(a.ReportNumber, row.Str("reportNumber"));
        Assert.Equal(1, row["part"]!.GetValue<int>());
        Assert.Equal("internalAffairs", row["responsibleBody"].Str("kind"));
        Assert.True(row["conflictOpen"]!.GetValue<bool>());
        Assert.Equal(1, row["openAlerts"]!.GetValue<int>());
        Assert.False(row["closed"]!.GetValue<bool>());
        Assert.Null(row["stage"]);
        Assert.Null(page["next"]);

        // Least privilege: another region's prosecutor finds none of them; an investigator of the region only those of
        // internal affairs; a reader of reports who may not read cases is refused.
        var elsewhere = await Host.UserAsync(Roles.Prosecutor, region: "KZ-75");
        Assert.Empty(await FoundAsync(elsewhere, "q=" + a.Erdr));
        var investigator = await Host.UserAsync(Roles.Investigator, region: Region);
        Assert.Equal([c.Id, a.Id], await FoundAsync(investigator, $"region={Region}"));
        // The investigator reads the case, not its report: the page names the report without a link that would bounce.
        var investigators = await investigator.Client.GetStringAsync($"/cases?region={Region}");
        Assert.Contains(a.ReportNumber, investigators, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/reports/", investigators, StringComparison.Ordinal);
        Assert.Equal([c.Id, b.Id, a.Id], await Found("agency=&responsible=&stage="));
        var monitor = await Host.UserAsync(Roles.Monitor, region: Region);
        await (await monitor.Client.GetAsync("/api/v1/cases")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // The page lists the same, keeps its filters, and logs each list.
        Task<int> ListsLogged() => Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == prosecutor.Id && e.Action == "cases.list"));
        var logged = await ListsLogged();
        var html = await prosecutor.Client.GetStringAsync($"/cases?region={Region}&agency=military&closed=false");
        Assert.Contains("href=\"/cases/" + b.Id + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/cases/" + c.Id + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/cases/" + a.Id + "\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"military\" selected=\"selected\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"false\" selected=\"selected\"", html, StringComparison.Ordinal);
        var conflicted = await prosecutor.Client.GetStringAsync("/cases?q=" + a.Erdr);
        Assert.Contains($"href=\"/reports/{row.Str("reportId")}\"", conflicted, StringComparison.Ordinal);
        Assert.Contains("class=\"badge open case-conflict\"", conflicted, StringComparison.Ordinal);
        Assert.Contains(a.ReportNumber, conflicted, StringComparison.Ordinal);
        var none = await prosecutor.Client.GetStringAsync($"/cases?region={Region}&stage=verdict");
        Assert.Contains("id=\"no-cases\"", none, StringComparison.Ordinal);
        // A filter that means nothing is dropped on the page, not refused.
        var dropped = await prosecutor.Client.GetStringAsync($"/cases?region={Region}&stage=asleep&part=9");
        Assert.Contains("href=\"/cases/" + a.Id + "\"", dropped, StringComparison.Ordinal);
        Assert.Equal(logged + 4, await ListsLogged());
        Assert.Contains($"href=\"/cases/export.csv?region={Region}&amp;agency=military&amp;closed=false\"", html, StringComparison.Ordinal);

        // The list as a CSV file: the same filters, words in the reader's language, numbers as numbers, logged.
        using var csv = await prosecutor.Client.GetAsync($"/cases/export.csv?region={Region}&agency=military&culture=ru");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(["Дело", "Сообщение", "Регион"], lines[0].Split(',')[..3]);
        Assert.Equal(4, lines.Length);
        var closedRow = lines[1].Split(',');
        Assert.Equal([c.Erdr, c.ReportNumber], closedRow[..2]);
        Assert.Equal("4", closedRow[4]);
        Assert.StartsWith(b.Erdr + "," + b.ReportNumber + ",", lines[2], StringComparison.Ordinal);
        Assert.Contains("Специальный прокурор", lines[2], StringComparison.Ordinal);
        Assert.Equal("", lines[3]);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == prosecutor.Id && e.Action == "cases.export")));
        using var badExport = await prosecutor.Client.GetAsync("/cases/export.csv?stage=asleep");
        await badExport.ExpectProblemAsync(HttpStatusCode.BadRequest, "stage");
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.Client.GetAsync("/cases/export.csv")).StatusCode);
    }

    [Fact]
    public async Task A_long_list_pages_newest_first_and_every_case_is_reached_once()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: PagedRegion);
        var opened = new List<Guid>();
        for (var i = 0; i < Aigaq.Cases.ListCases.PageSize + 3; i++)
        {
            opened.Add((await OpenAsync(prosecutor, Host.Now, PagedRegion, 1, "military")).Id);
        }

        var first = await (await prosecutor.Client.GetAsync($"/api/v1/cases?region={PagedRegion}")).ExpectAsync(HttpStatusCode.OK);
        var next = first.Str("next");
        var second = await (await prosecutor.Client.GetAsync($"/api/v1/cases?region={PagedRegion}&cursor={next}")).ExpectAsync(HttpStatusCode.OK);

        var seen = first["items"].Objects().Concat(second["items"].Objects()).Select(x => Guid.Parse(x.Str("id"))).ToList();
        Assert.Equal(Aigaq.Cases.ListCases.PageSize, first["items"].Objects().Count());
        Assert.Null(second["next"]);
        Assert.Equal(Enumerable.Reverse(opened), seen);
    }

    [Theory]
    [InlineData("stage=asleep", "stage")]
    [InlineData("stage=1", "stage")]
    [InlineData("part=9", "part")]
    [InlineData("part=one", "part")]
    [InlineData("torture=maybe", "torture")]
    [InlineData("agency=martians", "agency")]
    [InlineData("responsible=court", "responsible")]
    [InlineData("closed=perhaps", "closed")]
    [InlineData("region=KZ-00", "region")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("q=", "q", 41)]
    public async Task A_bad_filter_is_refused_naming_it(string query, string field, int padding = 0)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);

        await (await prosecutor.Client.GetAsync("/api/v1/cases?" + query + new string('7', padding))).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }
}

public sealed class FindCasesOnSqlite(SqliteHost fixture) : FindCasesTests(fixture), IClassFixture<SqliteHost>;

public sealed class FindCasesOnPostgres(PostgresHost fixture) : FindCasesTests(fixture), IClassFixture<PostgresHost>;
