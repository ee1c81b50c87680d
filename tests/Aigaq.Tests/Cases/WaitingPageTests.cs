using System.Net;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Cases;

/// <summary>The /reports page: every waiting report of the region reachable, oldest first, a page at a time.</summary>
public abstract partial class WaitingPageTests(HostFixture fixture)
{
    private const string Region = "KZ-62";

    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Every_waiting_report_is_reachable_oldest_first_across_pages()
    {
        // More than a page of waiting reports, put in directly (intake has its own tests); the two
        // at the page boundary were received at the same instant, so the sequence number decides.
        var start = Host.Now.AddDays(-30);
        var count = WaitingModel.Limit + 7;
        var reports = Enumerable.Range(0, count).Select(i =>
        {
            var receivedAt = i == WaitingModel.Limit ? start.AddMinutes(WaitingModel.Limit - 1) : start.AddMinutes(i);
            return new Report
            {
                Id = Guid.NewGuid(),
                Seq = 900_000_000 + count - i,
                Number = "R62-W" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReceivedAt = receivedAt,
                ReceivedYear = receivedAt.Year,
                RecordedAt = receivedAt,
                Source = ReportSource.Relative,
                Narrative = "Побои при задержании.",
                Region = Region,
                RulePackId = "kz-2024-03-01",
                Status = ReportStatus.Received,
                RegistrationDueBy = receivedAt.AddHours(24),
            };
        }).ToList();

        // A decided report and another region's waiting report are not on the list.
        reports.Add(new Report
        {
            Id = Guid.NewGuid(),
            Seq = 899_999_999,
            Number = "R62-DECIDED",
            ReceivedAt = start,
            ReceivedYear = start.Year,
            RecordedAt = start,
            Source = ReportSource.Lawyer,
            Narrative = "-",
            Region = Region,
            RulePackId = "kz-2024-03-01",
            Status = ReportStatus.Refused,
            RegistrationDueBy = start.AddHours(24),
        });
        reports.Add(new Report
        {
            Id = Guid.NewGuid(),
            Seq = 899_999_998,
            Number = "R63-OTHER",
            ReceivedAt = start,
            ReceivedYear = start.Year,
            RecordedAt = start,
            Source = ReportSource.Lawyer,
            Narrative = "-",
            Region = "KZ-63",
            RulePackId = "kz-2024-03-01",
            Status = ReportStatus.Received,
            RegistrationDueBy = start.AddHours(24),
        });
        await Host.WithDbAsync(db =>
        {
            db.AddRange(reports);
            return db.SaveChangesAsync();
        });
        var expected = await Host.WithDbAsync(db => db.Set<Report>().Where(r => r.Region == Region && r.Status == ReportStatus.Received)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Seq).Select(r => r.Id).ToListAsync());
        Assert.Equal(count, expected.Count);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);

        var seen = new List<Guid>();
        var pages = new List<int>();
        string? url = "/reports";
        while (url is not null)
        {
            var response = await prosecutor.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(count.ToString(System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
            var rows = RowId().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
            seen.AddRange(rows);
            pages.Add(rows.Count);
            var next = NextLink().Match(html);
            url = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }

        Assert.Equal([WaitingModel.Limit, 7], pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_cursor_the_list_did_not_give_is_refused_naming_the_cursor()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);

        var response = await prosecutor.Client.GetAsync("/reports?cursor=yesterday");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [GeneratedRegex("<tr id=\"report-([0-9a-f-]{36})\"")]
    private static partial Regex RowId();

    [GeneratedRegex("id=\"waiting-next\" href=\"([^\"]+)\"")]
    private static partial Regex NextLink();
}

public sealed class WaitingPageOnSqlite(SqliteHost fixture) : WaitingPageTests(fixture), IClassFixture<SqliteHost>;

public sealed class WaitingPageOnPostgres(PostgresHost fixture) : WaitingPageTests(fixture), IClassFixture<PostgresHost>;
