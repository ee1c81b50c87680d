using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>Reprisals, their interventions and the interventions' updates, each against the entry that recorded it.</summary>
internal sealed class ReprisalAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds =>
        [ProtectionLedger.ReprisalRecorded, ProtectionLedger.ReprisalIntervention, ProtectionLedger.ReprisalInterventionUpdate];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var r in audit.Db.Set<Reprisal>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.ReprisalRecorded, r.Id, "reprisal", () => ProtectionLedger.Content(r));
        }

        await foreach (var i in audit.Db.Set<ReprisalIntervention>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.ReprisalIntervention, i.Id, "reprisal intervention", () => ProtectionLedger.Content(i));
        }

        await foreach (var u in audit.Db.Set<ReprisalInterventionUpdate>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.ReprisalInterventionUpdate, u.Id, "reprisal intervention update", () => ProtectionLedger.Content(u));
        }

        // The entries of records erased when their retention ended: their trace accounts for them (Retention/RetentionAudit).
        await ErasedRecords.AccountAsync(audit, Kinds, ct);
    }
}
