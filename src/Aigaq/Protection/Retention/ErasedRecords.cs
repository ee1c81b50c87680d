using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// The records an erasure trace accounts for (<see cref="ProtectionErasure.Records"/>): how they are written, what the log
/// holds of them, and how the audit sources take their entries as accounted for.
/// </summary>
internal static class ErasedRecords
{
    /// <summary>Per kind (ordinal order), the record ids (ordinal order), as compact JSON.</summary>
    public static string Json(IReadOnlyDictionary<string, List<Guid>> records)
    {
        var json = new JsonObject();
        foreach (var (kind, ids) in records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            json[kind] = new JsonArray([.. ids.Select(id => id.ToString()).Order(StringComparer.Ordinal).Select(id => (JsonNode)id)]);
        }

        return json.ToJsonString();
    }

    /// <summary>The records of a stored trace; null when the column is not what <see cref="Json"/> writes.</summary>
    public static Dictionary<string, List<Guid>>? Parse(string records)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, List<Guid>>>(records);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the log holds of these records: per kind the number of entries, and a digest of the entries (index, kind,
    /// record id and commitment, in index order). Computed at erasure for the trace, and again by the audit.
    /// </summary>
    public static async Task<(string Counts, string Digest)> OfLogAsync(AigaqDb db, IReadOnlyDictionary<string, List<Guid>> records, CancellationToken ct)
    {
        var ids = records.Values.SelectMany(v => v).Distinct().ToList();
        var kinds = records.Keys.ToList();
        var wanted = records.SelectMany(r => r.Value.Select(id => (r.Key, id))).ToHashSet();
        var entries = (await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => kinds.Contains(e.Kind) && ids.Contains(e.RecordId))
                .Select(e => new { e.Index, e.Kind, e.RecordId, e.Commitment }).ToListAsync(ct))
            .Where(e => wanted.Contains((e.Kind, e.RecordId))).OrderBy(e => e.Index).ToList();
        var counts = new JsonObject();
        foreach (var kind in kinds.Order(StringComparer.Ordinal))
        {
            counts[kind] = entries.Count(e => e.Kind == kind);
        }

        var lines = new StringBuilder();
        foreach (var e in entries)
        {
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{e.Index} {e.Kind} {e.RecordId} {e.Commitment}\n");
        }

        return (counts.ToJsonString(), Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString()))));
    }

    /// <summary>
    /// For an audit source: takes the log entries of the erased records of its <paramref name="kinds"/> as accounted for
    /// (<see cref="RetentionAudit"/> checks each trace against the log and names a record still stored).
    /// </summary>
    public static async Task AccountAsync(AuditRecords audit, IEnumerable<string> kinds, CancellationToken ct)
    {
        var traces = await audit.Db.Set<ProtectionErasure>().AsNoTracking().Select(e => e.Records).ToListAsync(ct);
        foreach (var records in traces.Select(Parse).OfType<Dictionary<string, List<Guid>>>())
        {
            foreach (var kind in kinds)
            {
                foreach (var id in records.GetValueOrDefault(kind) ?? [])
                {
                    audit.Forget(kind, id);
                }
            }
        }
    }

    /// <summary>
    /// The stored rows of a kind that an erasure should have left none of: those it lists (<paramref name="ids"/>), and
    /// those that name an erased person (<paramref name="persons"/>).
    /// </summary>
    public static Task<List<Guid>> StoredAsync(AigaqDb db, string kind, List<Guid> ids, List<Guid> persons, CancellationToken ct)
    {
        IQueryable<Guid>? query = kind switch
        {
            ProtectionLedger.ProtectedPersonRegistered => db.Set<ProtectedPerson>().Where(x => ids.Contains(x.Id) || persons.Contains(x.Id)).Select(x => x.Id),
            ProtectionLedger.ProtectedPersonChanged => db.Set<ProtectedPersonChange>().Where(x => ids.Contains(x.Id) || persons.Contains(x.PersonId)).Select(x => x.Id),
            ProtectionLedger.RetentionExtended => db.Set<RetentionExtension>().Where(x => ids.Contains(x.Id) || persons.Contains(x.PersonId)).Select(x => x.Id),
            ProtectionLedger.ApplicationReceived => db.Set<ProtectionApplication>().Where(x => ids.Contains(x.Id) || persons.Contains(x.PersonId)).Select(x => x.Id),
            ProtectionLedger.DecisionRecorded => db.Set<ProtectionDecision>().Where(x => ids.Contains(x.Id)).Select(x => x.Id),
            ProtectionLedger.AppealFiled => db.Set<ProtectionAppeal>().Where(x => ids.Contains(x.Id)).Select(x => x.Id),
            ProtectionLedger.MeasureInForce => db.Set<ProtectionMeasure>().Where(x => ids.Contains(x.Id) || persons.Contains(x.PersonId)).Select(x => x.Id),
            ProtectionLedger.MeasureChanged => db.Set<ProtectionMeasureChange>().Where(x => ids.Contains(x.Id)).Select(x => x.Id),
            ProtectionLedger.ContactRecorded => db.Set<FollowUpContact>().Where(x => ids.Contains(x.Id) || persons.Contains(x.PersonId)).Select(x => x.Id),
            ProtectionLedger.ReprisalRecorded => db.Set<Reprisal>().Where(x => ids.Contains(x.Id) || persons.Contains(x.ProtectedPersonId)).Select(x => x.Id),
            ProtectionLedger.ReprisalIntervention => db.Set<ReprisalIntervention>().Where(x => ids.Contains(x.Id)).Select(x => x.Id),
            ProtectionLedger.ReprisalInterventionUpdate => db.Set<ReprisalInterventionUpdate>().Where(x => ids.Contains(x.Id)).Select(x => x.Id),
            IdentityLedger.Requested => db.Set<IdentityRequest>().Where(x => ids.Contains(x.Id) || persons.Contains(x.ProtectedPersonId)).Select(x => x.Id),
            IdentityLedger.Decided => db.Set<IdentityDecision>().Where(x => ids.Contains(x.Id)).Select(x => x.Id),
            IdentityLedger.Viewed => db.Set<IdentityView>().Where(x => ids.Contains(x.Id)).Select(x => x.Id),
            _ => null,
        };
        return query is null ? Task.FromResult<List<Guid>>([]) : query.ToListAsync(ct);
    }
}
