using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>Custodians' keys and protected persons, each against the entry that registered it.</summary>
internal sealed class ProtectionAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [ProtectionLedger.CustodianKeyWritten, ProtectionLedger.ProtectedPersonRegistered, ProtectionLedger.ProtectedPersonChanged];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var k in audit.Db.Set<CustodianKey>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.CustodianKeyWritten, k.Id, "custodian key", () => ProtectionLedger.Content(k));
        }

        await foreach (var p in audit.Db.Set<ProtectedPerson>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.ProtectedPersonRegistered, p.Id, "protected person", () => ProtectionLedger.Content(p));
        }

        await foreach (var c in audit.Db.Set<ProtectedPersonChange>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.ProtectedPersonChanged, c.Id, "protected person change", () => ProtectionLedger.Content(c));
        }

        // The entries of records erased when their retention ended: their trace accounts for them (Retention/RetentionAudit).
        await ErasedRecords.AccountAsync(audit, Kinds, ct);
    }
}
