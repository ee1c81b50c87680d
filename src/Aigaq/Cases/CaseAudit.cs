using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>Reports, their decisions, cases, case events and referrals, each against the entry that registered it.</summary>
internal sealed class CaseAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds =>
        [CaseLedger.ReportReceived, CaseLedger.ReportDecision, CaseLedger.CaseOpened, CaseLedger.CaseEvent, CaseLedger.ReferralCreated];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        var db = audit.Db;
        await foreach (var r in db.Set<Report>().AsNoTracking().Include(r => r.Alleged).AsSplitQuery().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(CaseLedger.ReportReceived, r.Id, "report", () => CaseLedger.Content(r));
        }

        await foreach (var d in db.Set<ReportDecision>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(CaseLedger.ReportDecision, d.Id, "report decision", () => CaseLedger.Content(d));
        }

        await foreach (var c in db.Set<Case>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(CaseLedger.CaseOpened, c.Id, "case", () => CaseLedger.Content(c));
        }

        await foreach (var e in db.Set<CaseEvent>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(CaseLedger.CaseEvent, e.Id, "case event", () => CaseLedger.Content(e));
        }

        await foreach (var r in db.Set<Referral>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(CaseLedger.ReferralCreated, r.Id, "referral", () => CaseLedger.Created(r));
        }
    }
}
