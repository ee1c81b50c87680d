using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Retention extensions against their entries, and each erasure trace: against its entry (an edited trace is a mismatch,
/// a deleted one leaves its entry and every erased record's entries unaccounted for), against what the log holds of the
/// records it lists (counts and digest recomputed from the entries), and against the tables: a listed record, or a row
/// naming the erased person, still stored (or stored again) is named. Records deleted without a trace are named by their
/// own area's audit, as missing.
/// </summary>
internal sealed class RetentionAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [ProtectionLedger.RetentionExtended, ProtectionLedger.Erased];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var r in audit.Db.Set<RetentionExtension>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ProtectionLedger.RetentionExtended, r.Id, "retention extension", () => ProtectionLedger.Content(r));
        }

        var traces = await audit.Db.Set<ProtectionErasure>().AsNoTracking().ToListAsync(ct);
        foreach (var t in traces)
        {
            audit.One(ProtectionLedger.Erased, t.Id, "protection erasure trace", () => ProtectionLedger.Content(t));
        }

        await ErasedRecords.AccountAsync(audit, [ProtectionLedger.RetentionExtended], ct);
        foreach (var t in traces)
        {
            if (ErasedRecords.Parse(t.Records) is not { } records)
            {
                audit.Fail($"{ProtectionLedger.Erased} {t.Id}: the trace's records cannot be read");
                continue;
            }

            var (counts, digest) = await ErasedRecords.OfLogAsync(audit.Db, records, ct);
            if (counts != t.Counts || digest != t.EntriesDigest)
            {
                audit.Fail($"{ProtectionLedger.Erased} {t.Id}: the log's entries of the records erased ({counts}) differ from the trace's ({t.Counts})");
            }

            foreach (var (kind, ids) in records)
            {
                foreach (var stored in await ErasedRecords.StoredAsync(audit.Db, kind, ids, [t.PersonId], ct))
                {
                    audit.Fail($"{kind} {stored}: stored after its erasure ({t.Pseudonym}, {ProtectionLedger.Erased} {t.Id})");
                }
            }
        }

    }
}
