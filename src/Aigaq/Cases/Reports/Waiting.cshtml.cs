using System.Globalization;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>
/// Every report waiting for a decision that the user may see, oldest first, with its age: what a
/// supervisory prosecutor works through, and where a parked report cannot hide. A page holds
/// <see cref="Limit"/> reports; the next page starts after the last one shown (keyset on the time
/// of receipt and the report's sequence number), so every waiting report is reachable.
/// </summary>
[Authorize(Policy = Permissions.ViewReports)]
public sealed class WaitingModel(AigaqDb db, AccessLog log) : PageModel
{
    public const int Limit = 500;

    public sealed record Row(Guid Id, string Number, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, ReportSource Source, string Region, Guid? DetentionId, long Seq);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>The cursor of the next page, null on the last one.</summary>
    public string? Next { get; private set; }

    /// <summary>Whether this page follows another (so that the list can be started again).</summary>
    public bool Continued { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        var waiting = db.Set<Report>().AsNoTracking().Visible(User).Where(r => r.Status == ReportStatus.Received);
        var page = waiting;
        if (cursor is not null)
        {
            if (Parse(cursor) is not { } after)
            {
                var v = new Validation();
                v.Add("cursor", "is not a cursor this list gave");
                return v.PageProblem();
            }

            page = page.Where(r => r.ReceivedAt > after.At || (r.ReceivedAt == after.At && r.Seq > after.Seq));
            Continued = true;
        }

        Total = await waiting.CountAsync(ct);
        var rows = await page.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Seq).Take(Limit + 1)
            .Select(r => new Row(r.Id, r.Number, r.ReceivedAt, r.RegistrationDueBy, r.Source, r.Region, r.DetentionId, r.Seq))
            .ToListAsync(ct);
        Rows = rows.Count > Limit ? rows[..Limit] : rows;
        Next = rows.Count > Limit ? Cursor(Rows[^1]) : null;
        log.Add(User, "reports.waiting", $"{Rows.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Page();
    }

    /// <summary>The position after a row: its receipt time in UTC ticks and its sequence number.</summary>
    internal static string Cursor(Row row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.ReceivedAt.UtcTicks}_{row.Seq}");

    internal static (DateTimeOffset At, long Seq)? Parse(string cursor)
    {
        var parts = cursor.Split('_');
        return parts.Length == 2 &&
            long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
            long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) &&
            ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), seq)
            : null;
    }
}
