using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>Visits (with their teams), approvals, arrivals, checks, access denials, monitoring profiles and headcounts (with their lines), each against its entry.</summary>
internal sealed class VisitAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds =>
    [
        VisitLedger.VisitPlanned, VisitLedger.TeamApproved, VisitLedger.Arrived, VisitLedger.Checked, VisitLedger.AccessDenied,
        VisitLedger.MonitoringProfile, VisitLedger.Headcount,
        Interviews.InterviewLedger.Interviewed,
    ];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var v in audit.Db.Set<Visit>().AsNoTracking().Include(v => v.Team).AsSingleQuery().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitLedger.VisitPlanned, v.Id, "visit", () => VisitLedger.Content(v, v.Team));
        }

        await foreach (var a in audit.Db.Set<VisitApproval>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitLedger.TeamApproved, a.Id, "visit team approval", () => VisitLedger.Content(a));
        }

        await foreach (var a in audit.Db.Set<VisitArrival>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitLedger.Arrived, a.Id, "visit arrival", () => VisitLedger.Content(a));
        }

        await foreach (var c in audit.Db.Set<VisitCheck>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitLedger.Checked, c.Id, "visit check", () => VisitLedger.Content(c));
        }

        await foreach (var d in audit.Db.Set<AccessDenial>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitLedger.AccessDenied, d.Id, "access denial", () => VisitLedger.Content(d));
        }

        await foreach (var c in audit.Db.Set<FacilityMonitoringChange>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitLedger.MonitoringProfile, c.Id, "facility monitoring profile", () => VisitLedger.Content(c));
        }

        await foreach (var h in audit.Db.Set<Headcounts.VisitHeadcount>().AsNoTracking().Include(h => h.Entries).AsSingleQuery().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitLedger.Headcount, h.Id, "visit headcount", () => VisitLedger.Content(h));
        }

        await foreach (var i in audit.Db.Set<Interviews.VisitInterview>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(Interviews.InterviewLedger.Interviewed, i.Id, "visit interview", () => Interviews.InterviewLedger.Content(i));
        }
    }
}
