using Aigaq.Alerts;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

/// <summary>
/// The copies an alert keeps of its detention's facility and moment of detention (<see cref="Alert.DetentionFacilityId"/>,
/// <see cref="Alert.DetainedAt"/>), by which the visit plan counts alerts per facility: they are in no log entry (the
/// alert's entries stay as they were), so each is checked against the detention it copies, whose own registration the
/// log proves. An alert whose copies differ from its detention, or that carries copies while naming no detention, is
/// named: an edit that would move alerts from one place to another in the plan, or into or out of its window. An alert
/// whose detention is not stored is left to the detentions' audit, which names the missing detention.
/// </summary>
internal sealed class AlertCopiesAudit : IAuditSource
{
    /// <summary>No kind of its own: the alerts' entries are paired by their state's source, the detentions' by theirs.</summary>
    public IReadOnlyCollection<string> Kinds => [];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        var rows = audit.Db.Set<Alert>().AsNoTracking()
            .Where(a => a.DetentionId != null || a.DetentionFacilityId != null || a.DetainedAt != null)
            .GroupJoin(audit.Db.Set<Detention>().AsNoTracking(), a => a.DetentionId, d => (Guid?)d.Id, (a, d) => new { a, d })
            .SelectMany(x => x.d.DefaultIfEmpty(), (x, d) => new
            {
                x.a.Id,
                x.a.DetentionId,
                x.a.DetentionFacilityId,
                x.a.DetainedAt,
                Stored = d != null,
                Facility = d != null ? d.DestinationFacilityId : (Guid?)null,
                At = d != null ? d.DetainedAt : (DateTimeOffset?)null,
            })
            .OrderBy(x => x.Id);
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (r.DetentionId is null)
            {
                audit.Fail($"alert {r.Id}: keeps a detention's facility or moment of detention but names no detention");
            }
            else if (r.Stored && (r.DetentionFacilityId != r.Facility || r.DetainedAt != r.At))
            {
                audit.Fail($"alert {r.Id}: its copy of the facility and moment of detention differs from detention {r.DetentionId}");
            }
        }
    }
}
