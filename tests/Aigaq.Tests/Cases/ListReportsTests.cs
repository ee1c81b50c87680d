using System.Globalization;
using System.Net;
using Aigaq.Access;
using Aigaq.Cases;

namespace Aigaq.Tests.Cases;

/// <summary>GET /api/v1/reports: newest first, a page at a time, each report once.</summary>
public abstract class ListReportsTests(HostFixture fixture)
{
    private const string Region = "KZ-59";

    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_list_pages_through_every_report_once_with_the_cursor_newest_first()
    {
        // More than two pages, put in directly (intake has its own tests), numbered out of insertion order.
        var count = (2 * ListReports.PageSize) + 3;
        var start = Host.Now.AddDays(-3);
        var reports = Enumerable.Range(0, count).Select(i => new Report
        {
            Id = Guid.NewGuid(),
            Seq = 700_000_000 + ((i * 37) % count),
            Number = "R59-L" + i.ToString(CultureInfo.InvariantCulture),
            ReceivedAt = start.AddMinutes(i),
            ReceivedYear = start.Year,
            RecordedAt = start.AddMinutes(i),
            Source = ReportSource.Relative,
            Narrative = "-",
            Region = Region,
            RulePackId = "kz-2024-03-01",
            Status = ReportStatus.Received,
            RegistrationDueBy = start.AddHours(24),
        }).ToList();
        await Host.WithDbAsync(db =>
        {
            db.AddRange(reports);
            return db.SaveChangesAsync();
        });
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);

        var seen = new List<string>();
        var pages = new List<int>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/reports?region={Region}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await prosecutor.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
            var items = page["items"].Objects().Select(r => r.Str("id")).ToList();
            seen.AddRange(items);
            pages.Add(items.Count);
            Assert.True(page.ContainsKey("next"), "every list answers next, null on the last page");
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal([ListReports.PageSize, ListReports.PageSize, 3], pages);
        Assert.Equal(reports.OrderByDescending(r => r.Seq).Select(r => r.Id.ToString()), seen);
    }

    [Fact]
    public async Task A_cursor_the_list_did_not_give_is_refused_naming_the_cursor()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);

        await (await prosecutor.Client.GetAsync("/api/v1/reports?cursor=-5")).ExpectProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }
}

public sealed class ListReportsOnSqlite(SqliteHost fixture) : ListReportsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ListReportsOnPostgres(PostgresHost fixture) : ListReportsTests(fixture), IClassFixture<PostgresHost>;
