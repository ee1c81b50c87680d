using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// <c>POST /api/v1/reprisal-interventions/{id}/updates</c>: the intervention's status now, and the answer received (with
/// when) or the effect on the person, either or both.
/// </summary>
public sealed record RecordInterventionUpdateRequest(string? Status, string? Answer = null, DateTimeOffset? AnsweredAt = null, string? Effect = null);

public sealed record InterventionUpdateCreated(Guid Id, Guid InterventionId, Guid ReprisalId, string Status);

/// <summary>
/// Appends a word on an intervention of a reprisal the user may read. Nothing is changed in place: the intervention's
/// status is that of its latest update. An update that says nothing new (the same status, no answer, no effect) is refused.
/// </summary>
public sealed class RecordInterventionUpdate(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<InterventionUpdateCreated>> HandleAsync(
        Guid interventionId, RecordInterventionUpdateRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var readable = Reprisal.Readable(db.Set<Reprisal>(), user);
        var intervention = await db.Set<ReprisalIntervention>().AsNoTracking()
            .Where(i => i.Id == interventionId && readable.Any(r => r.Id == i.ReprisalId))
            .Select(i => new { i.ReprisalId, i.RequestedAt, i.Status })
            .FirstOrDefaultAsync(ct);
        if (intervention is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The intervention"));
        }

        var current = await db.Set<ReprisalInterventionUpdate>().AsNoTracking()
            .Where(u => u.InterventionId == interventionId)
            .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
            .Select(u => u.Status).FirstOrDefaultAsync(ct) ?? intervention.Status;

        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var v = new Validation();
        var status = RecordReprisal.Code(v, "status", request.Status, pack.Reprisals.InterventionStatuses);
        var answer = v.Optional("answer", request.Answer, RecordReprisal.MaxText);
        var effect = v.Optional("effect", request.Effect, RecordReprisal.MaxText);
        if (request.AnsweredAt is { } answeredAt)
        {
            v.Moment("answeredAt", answeredAt, now, pack, intervention.RequestedAt, "the intervention's request");
            if (answer is null)
            {
                v.Add("answer", "is required with answeredAt");
            }
        }

        if (v.IsValid && status == current && answer is null && effect is null)
        {
            v.Add("status", $"is the intervention's status already ({current}); give an answer, an effect or another status");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var update = new ReprisalInterventionUpdate
        {
            Id = Guid.CreateVersion7(now),
            InterventionId = interventionId,
            Status = status,
            Answer = answer,
            AnsweredAt = answer is null ? null : request.AnsweredAt ?? now,
            Effect = effect,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(update);
        LedgerWriter.Append(db, ProtectionLedger.ReprisalInterventionUpdate, update.Id, now, ProtectionLedger.Content(update));
        log.Add(user, "reprisal.intervention.update", update.Id.ToString(), "allowed");
        return Outcome<InterventionUpdateCreated>.Created(
            () => new InterventionUpdateCreated(update.Id, interventionId, intervention.ReprisalId, status), $"/api/v1/reprisals/{intervention.ReprisalId}");
    }
}
