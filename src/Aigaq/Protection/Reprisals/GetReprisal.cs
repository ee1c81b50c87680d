using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

public sealed record PerpetratorView(Agency Agency, string? Unit);

public sealed record ReprisalLinks(Guid? ReportId, Guid? CaseId, Guid? DetentionId);

public sealed record InterventionUpdateView(
    Guid Id, string Status, string? Answer, DateTimeOffset? AnsweredAt, string? Effect, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>An intervention with its status now (its latest update's, else the one it opened with) and every update, oldest first.</summary>
public sealed record InterventionView(
    Guid Id, string Actor, string Addressee, string Request, DateTimeOffset RequestedAt, string Status, DateTimeOffset RecordedAt, Guid RecordedBy,
    IReadOnlyList<InterventionUpdateView> Updates);

/// <summary>A reprisal as its readers see it: the person by pseudonym only, and what was done about it.</summary>
public sealed record ReprisalView(
    Guid Id, Guid ProtectedPersonId, string Pseudonym, string Region, DateTimeOffset OccurredAt, string Type, PerpetratorView Perpetrator,
    string Description, string Source, ReprisalReliability Reliability, string? Evidence, ReprisalLinks Links, DateTimeOffset RecordedAt,
    Guid RecordedBy, IReadOnlyList<InterventionView> Interventions);

/// <summary>Reads a reprisal the user may read (<see cref="Reprisal.Readable"/>), with its interventions; every read is logged.</summary>
public sealed class GetReprisal(AigaqDb db, AccessLog log)
{
    public async Task<Found<ReprisalView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var persons = db.Set<ProtectedPerson>();
        var found = await Reprisal.Readable(db.Set<Reprisal>().AsNoTracking(), user)
            .Where(r => r.Id == id)
            .Select(r => new { Reprisal = r, Pseudonym = persons.Where(p => p.Id == r.ProtectedPersonId).Select(p => p.Pseudonym).First() })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return Found<ReprisalView>.Of(null, "The reprisal");
        }

        var r = found.Reprisal;
        var interventions = await db.Set<ReprisalIntervention>().AsNoTracking().Where(i => i.ReprisalId == id).ToListAsync(ct);
        var ids = interventions.Select(i => i.Id).ToList();
        var updates = (await db.Set<ReprisalInterventionUpdate>().AsNoTracking().Where(u => ids.Contains(u.InterventionId)).ToListAsync(ct))
            .OrderBy(u => u.RecordedAt).ThenBy(u => u.Id).ToLookup(u => u.InterventionId);
        log.Add(user, "reprisal.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return Found<ReprisalView>.Of(new ReprisalView(
            r.Id, r.ProtectedPersonId, found.Pseudonym, r.Region, r.OccurredAt, r.Type, new PerpetratorView(r.Agency, r.Unit), r.Description, r.Source,
            r.Reliability, r.Evidence, new ReprisalLinks(r.ReportId, r.CaseId, r.DetentionId), r.RecordedAt, r.RecordedBy,
            [.. interventions.OrderBy(i => i.RecordedAt).ThenBy(i => i.Id).Select(i => View(i, [.. updates[i.Id]]))]), "The reprisal");
    }

    private static InterventionView View(ReprisalIntervention i, IReadOnlyList<ReprisalInterventionUpdate> updates) => new(
        i.Id, i.Actor, i.Addressee, i.Request, i.RequestedAt, updates.Count == 0 ? i.Status : updates[^1].Status, i.RecordedAt, i.RecordedBy,
        [.. updates.Select(u => new InterventionUpdateView(u.Id, u.Status, u.Answer, u.AnsweredAt, u.Effect, u.RecordedAt, u.RecordedBy))]);
}
