using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record ReportSummary(
    Guid Id, string Number, DateTimeOffset ReceivedAt, ReportSource Source, string Region, ReportStatus Status,
    DateTimeOffset RegistrationDueBy, Guid? DetentionId, Guid? CaseId, int OpenAlerts);

/// <summary>Lists the reports a user may read, newest first, by region, status or detention; every list is logged.</summary>
public sealed class ListReports(AigaqDb db, AccessLog log)
{
    public const int PageSize = 50;

    public async Task<Answer<Page<ReportSummary>>> HandleAsync(string? region, string? status, Guid? detentionId, string? cursor, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<ReportStatus>("status", status);
        v.Region("region", region);
        var after = v.SeqCursor(cursor);

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var query = db.Set<Report>().AsNoTracking().Visible(user);
        if (region is not null)
        {
            query = query.Where(r => r.Region == region);
        }

        if (wanted is not null)
        {
            query = query.Where(r => r.Status == wanted);
        }

        if (detentionId is not null)
        {
            query = query.Where(r => r.DetentionId == detentionId);
        }

        var page = await query.PageBySeqAsync(after, PageSize, r => new ReportSummary(
            r.Id, r.Number, r.ReceivedAt, r.Source, r.Region, r.Status, r.RegistrationDueBy, r.DetentionId, r.CaseId,
            db.Set<Alert>().Count(a => a.ReportId == r.Id && a.Status == AlertStatus.Open)), ct);
        log.Add(user, "reports.list", $"{page.Items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<ReportSummary>>.Ok(page);
    }
}
