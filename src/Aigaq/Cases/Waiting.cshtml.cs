using Aigaq.Access;
using Aigaq.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>
/// Every report waiting for a decision that the user may see, oldest first, with its age: what a
/// supervisory prosecutor works through, and where a parked report cannot hide.
/// </summary>
[Authorize(Policy = Permissions.ViewReports)]
public sealed class WaitingModel(AigaqDb db, AccessLog log) : PageModel
{
    public const int Limit = 500;

    public sealed record Row(Guid Id, string Number, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, ReportSource Source, string Region, Guid? DetentionId);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var waiting = db.Set<Report>().AsNoTracking().Visible(User).Where(r => r.Status == ReportStatus.Received);
        Total = await waiting.CountAsync(ct);
        Rows = await waiting.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Seq).Take(Limit)
            .Select(r => new Row(r.Id, r.Number, r.ReceivedAt, r.RegistrationDueBy, r.Source, r.Region, r.DetentionId))
            .ToListAsync(ct);
        log.Add(User, "reports.waiting", $"{Rows.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
    }
}
