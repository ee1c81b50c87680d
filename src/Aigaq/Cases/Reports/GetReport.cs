using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>Reads one report with its decisions and alerts; every read is logged.</summary>
public sealed class GetReport(AigaqDb db, AccessLog log)
{
    public async Task<ReportView?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var report = await db.Set<Report>().AsNoTracking().Readable(user, db.Set<Complaint>()).Include(r => r.Alleged).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return null;
        }

        var decisions = await db.Set<ReportDecision>().AsNoTracking().Where(d => d.ReportId == id).ToListAsync(ct);
        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => a.ReportId == id).ToListAsync(ct);
        var complaints = await GetComplaint.OfReportAsync(db, id, ct);
        log.Add(user, "report.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return ReportView.From(report, decisions, alerts, complaints);
    }

    public async Task<Found<ReportView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        Found<ReportView>.Of(await FindAsync(id, user, ct), "The report");
}
