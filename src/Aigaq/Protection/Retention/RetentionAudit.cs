using Aigaq.TransparencyLog;
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
internal sealed class RetentionAudit(Rules.RulePackCatalog rules) : IAuditSource
{
    /// <summary>How far a node's clock may be behind another's before an erasure's moment is taken for a forged one.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromHours(1);

    /// <summary>The kinds whose records are not the person's activity: asking for the identity, extending the date.</summary>
    private static readonly string[] NotActivity = [IdentityLedger.Requested, IdentityLedger.Decided, IdentityLedger.Viewed, ProtectionLedger.RetentionExtended];

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

            await CheckDueAsync(audit, t, records, ct);
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

    /// <summary>
    /// A trace must erase exactly its own person, after that person's date, by the log's own times: otherwise a trace
    /// forged beside its entry (or written with the clock set forward) would make the audit accept any deleted record.
    /// <list type="bullet">
    /// <item>It lists one registration, its person's, and the log holds that registration's entry.</item>
    /// <item>Its retention date is not after the erasure, and not before the pack's years after the latest entry of an
    /// activity it erased (extensions only lengthen it).</item>
    /// <item>Its entry comes after every entry of the records it erased, and no later entry of the log was recorded
    /// before the moment it says it erased them.</item>
    /// </list>
    /// The records it lists beside the person's registration cannot be tied to the person once erased (the log holds
    /// only commitments), so a forger must still erase a whole person whose date had passed.
    /// </summary>
    private async Task CheckDueAsync(AuditRecords audit, ProtectionErasure t, Dictionary<string, List<Guid>> records, CancellationToken ct)
    {
        var name = $"{ProtectionLedger.Erased} {t.Id}";
        if (!records.TryGetValue(ProtectionLedger.ProtectedPersonRegistered, out var persons) || persons is not [var only] || only != t.PersonId
            || !await audit.Db.Set<LedgerEntry>().AnyAsync(e => e.Kind == ProtectionLedger.ProtectedPersonRegistered && e.RecordId == t.PersonId, ct))
        {
            audit.Fail($"{name}: the trace does not erase exactly its own registered person");
            return;
        }

        var ids = records.SelectMany(r => r.Value).ToList();
        var kinds = records.Keys.ToList();
        var listed = audit.Db.Set<LedgerEntry>().AsNoTracking().Where(e => kinds.Contains(e.Kind) && ids.Contains(e.RecordId));
        var lastActivity = await listed.Where(e => !NotActivity.Contains(e.Kind)).Select(e => (DateTimeOffset?)e.RecordedAt).MaxAsync(ct) ?? t.RegisteredAt;
        var earliest = lastActivity.AddYears(rules.At(t.RegisteredAt).Protection.Retention.YearsAfterLastActivity);
        if (t.RetainUntil > t.ErasedAt || t.RetainUntil < earliest)
        {
            audit.Fail($"{name}: erased before its retention date (kept until {earliest:O} at least by the log's entries)");
        }

        var own = await audit.Db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Kind == ProtectionLedger.Erased && e.RecordId == t.Id)
            .Select(e => (long?)e.Index).FirstOrDefaultAsync(ct);
        if (own is not { } index)
        {
            return; // named by audit.One as a trace without its entry
        }

        var cutoff = t.ErasedAt - Skew;
        if (await listed.AnyAsync(e => e.Index > index, ct)
            || await audit.Db.Set<LedgerEntry>().AnyAsync(e => e.Index > index && e.RecordedAt < cutoff, ct))
        {
            audit.Fail($"{name}: its moment does not fit its place in the log");
        }
    }
}
