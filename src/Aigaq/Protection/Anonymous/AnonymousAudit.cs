using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Anonymous channels and their messages, each against the entry that wrote it: an edited row (a receipt hash swapped, a
/// message's text or author changed) is a commitment mismatch, a deleted one a missing record, named by kind and id.
/// </summary>
internal sealed class AnonymousAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [ProtectionLedger.AnonymousChannelOpened, ProtectionLedger.AnonymousMessageWritten];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var c in audit.Db.Set<AnonymousChannel>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.AnonymousChannelOpened, c.Id, "anonymous channel", () => ProtectionLedger.Content(c));
        }

        await foreach (var m in audit.Db.Set<AnonymousMessage>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.AnonymousMessageWritten, m.Id, "anonymous message", () => ProtectionLedger.Content(m));
        }
    }
}
