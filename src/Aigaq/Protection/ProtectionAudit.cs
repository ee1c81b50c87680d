using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>Custodians' keys, each against the entry that registered it.</summary>
internal sealed class ProtectionAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [ProtectionLedger.CustodianKeyWritten];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var k in audit.Db.Set<CustodianKey>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.CustodianKeyWritten, k.Id, "custodian key", () => ProtectionLedger.Content(k));
        }
    }
}
