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
/// The reports a user may see. By default every report waiting for a decision, oldest first, with its age: what a
/// supervisory prosecutor works through, and where a parked report cannot hide. A search (a report, ERDR or detention
/// number, a facility or an agency) and filters by status, region and passed deadline narrow it; decided reports come
/// newest first. A page holds <see cref="Limit"/> reports; the next page starts after the last one shown (keyset on the
/// time of receipt and the report's sequence number), so every report is reachable, and the filters go with it.
/// </summary>
[Authorize(Policy = Permissions.ViewReports)]
public sealed class WaitingModel(AigaqDb db, ListReports list, AccessLog log) : PageModel
{
    public const int Limit = 500;

    /// <summary>The status filter's value for reports of every status.</summary>
    public const string AnyStatus = "all";

    public sealed record Row(
        Guid Id, string Number, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, ReportSource Source, string Region, Guid? DetentionId, long Seq,
        ReportStatus Status = ReportStatus.Received, Guid? CaseId = null, string? ErdrNumber = null);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>The cursor of the next page, null on the last one.</summary>
    public string? Next { get; private set; }

    /// <summary>Whether this page follows another (so that the list can be started again).</summary>
    public bool Continued { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>received (the default), registered, refused, or <see cref="AnyStatus"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Only reports still undecided past their registration deadline.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>The list is of the reports waiting for a decision (oldest first), not of decided ones or all.</summary>
    public bool Waiting => Status is null;

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Region is not null || Status is not null || Overdue;

    /// <summary>The filters as a query string, for the next page.</summary>
    public string Filters(string? cursor = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        ["region"] = Region,
        ["status"] = Status,
        ["overdue"] = Overdue ? "true" : null,
        ["cursor"] = cursor,
    }.Where(p => p.Value is not null)).Value ?? "";

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        // Filters that mean nothing are dropped rather than refused, as on the detentions page: the page shows what it can.
        Region = Facilities.Regions.IsKnown(Region ?? "") ? Region : null;
        ReportStatus? status = ReportStatus.Received;
        if (string.Equals(Status, AnyStatus, StringComparison.OrdinalIgnoreCase))
        {
            status = null;
            Status = AnyStatus;
        }
        else
        {
            status = new Validation().OptionalEnum<ReportStatus>("status", Status) ?? ReportStatus.Received;
            Status = status == ReportStatus.Received ? null : status.ToString()!.ToLowerInvariant();
        }

        Q = Q is { Length: > ListReports.MaxQ } ? Q[..ListReports.MaxQ] : Q;
        var matching = await list.FilterAsync(
            db.Set<Report>().AsNoTracking().Visible(User), new ReportFilter(Region, status, Q: Q, Overdue: Overdue ? true : null), ct);
        var page = matching;
        if (cursor is not null)
        {
            if (Parse(cursor) is not { } after)
            {
                var v = new Validation();
                v.Add("cursor", "is not a cursor this list gave");
                return v.PageProblem();
            }

            page = Waiting
                ? page.Where(r => r.ReceivedAt > after.At || (r.ReceivedAt == after.At && r.Seq > after.Seq))
                : page.Where(r => r.ReceivedAt < after.At || (r.ReceivedAt == after.At && r.Seq < after.Seq));
            Continued = true;
        }

        Total = await matching.CountAsync(ct);
        var ordered = Waiting
            ? page.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Seq)
            : page.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Seq);
        var cases = db.Set<Case>();
        var rows = await ordered.Take(Limit + 1)
            .Select(r => new Row(
                r.Id, r.Number, r.ReceivedAt, r.RegistrationDueBy, r.Source, r.Region, r.DetentionId, r.Seq, r.Status, r.CaseId,
                cases.Where(c => c.Id == r.CaseId).Select(c => c.ErdrNumber).FirstOrDefault()))
            .ToListAsync(ct);
        Rows = rows.Count > Limit ? rows[..Limit] : rows;
        Next = rows.Count > Limit ? Cursor(Rows[^1]) : null;
        log.Add(User, Waiting && !Filtered ? "reports.waiting" : "reports.list", $"{Rows.Count} records", "allowed");
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
