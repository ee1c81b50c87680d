using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Applications, decisions, appeals, measures, their changes and follow-up contacts, each against the entry that
/// recorded it: an edited row is a commitment mismatch, a deleted one a missing record, named by kind and id.
/// </summary>
internal sealed class ProtectionApplicationsAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds =>
    [
        ProtectionLedger.ApplicationReceived, ProtectionLedger.DecisionRecorded, ProtectionLedger.AppealFiled,
        ProtectionLedger.MeasureInForce, ProtectionLedger.MeasureChanged, ProtectionLedger.ContactRecorded,
    ];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var a in audit.Db.Set<ProtectionApplication>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.ApplicationReceived, a.Id, "protection application", () => ProtectionLedger.Content(a));
        }

        await foreach (var d in audit.Db.Set<ProtectionDecision>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.DecisionRecorded, d.Id, "protection decision", () => ProtectionLedger.Content(d));
        }

        await foreach (var a in audit.Db.Set<ProtectionAppeal>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.AppealFiled, a.Id, "protection appeal", () => ProtectionLedger.Content(a));
        }

        await foreach (var m in audit.Db.Set<ProtectionMeasure>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.MeasureInForce, m.Id, "protection measure", () => ProtectionLedger.Content(m));
        }

        await foreach (var c in audit.Db.Set<ProtectionMeasureChange>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.MeasureChanged, c.Id, "protection measure change", () => ProtectionLedger.Content(c));
        }

        await foreach (var c in audit.Db.Set<FollowUpContact>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.ContactRecorded, c.Id, "follow-up contact", () => ProtectionLedger.Content(c));
        }

        // The entries of records erased when their retention ended: their trace accounts for them (Retention/RetentionAudit).
        await ErasedRecords.AccountAsync(audit, Kinds, ct);
    }
}
