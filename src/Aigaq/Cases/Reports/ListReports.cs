using System.Globalization;
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
        long? after = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                after = c;
            }
            else
            {
                v.Add("cursor", "is not a cursor this list gave");
            }
        }

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

        if (after is not null)
        {
            query = query.Where(r => r.Seq < after);
        }

        var rows = await query.OrderByDescending(r => r.Seq).Take(PageSize + 1)
            .Select(r => new
            {
                r.Seq,
                Summary = new ReportSummary(
                    r.Id, r.Number, r.ReceivedAt, r.Source, r.Region, r.Status, r.RegistrationDueBy, r.DetentionId, r.CaseId,
                    db.Set<Alert>().Count(a => a.ReportId == r.Id && a.Status == AlertStatus.Open)),
            })
            .ToListAsync(ct);
        var next = rows.Count > PageSize ? rows[PageSize - 1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        log.Add(user, "reports.list", $"{Math.Min(rows.Count, PageSize)} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<ReportSummary>>.Ok(new Page<ReportSummary>([.. rows.Take(PageSize).Select(r => r.Summary)], next));
    }
}
