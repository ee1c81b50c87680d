using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary><c>POST /api/v1/reprisals/{id}/interventions</c>: who acted (actor kind), whom they asked, what, and when (now if not given).</summary>
public sealed record RecordReprisalInterventionRequest(string? Actor, string? Addressee, string? Request, DateTimeOffset? RequestedAt = null);

public sealed record ReprisalInterventionCreated(Guid Id, Guid ReprisalId, string Status);

/// <summary>
/// Records an intervention on a reprisal the user may read (<see cref="Reprisal.Readable"/>): it opens with the pack's
/// first status; the user who records it is the one who acted, in the actor kind they give.
/// </summary>
public sealed class RecordReprisalIntervention(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ReprisalInterventionCreated>> HandleAsync(
        Guid reprisalId, RecordReprisalInterventionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var reprisal = await Reprisal.Readable(db.Set<Reprisal>().AsNoTracking(), user)
            .Where(r => r.Id == reprisalId).Select(r => new { r.OccurredAt }).FirstOrDefaultAsync(ct);
        if (reprisal is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The reprisal"));
        }

        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var v = new Validation();
        var actor = RecordReprisal.Code(v, "actor", request.Actor, pack.Reprisals.Actors);
        var addressee = RecordReprisal.Code(v, "addressee", request.Addressee, pack.Reprisals.Addressees);
        var asked = v.Required("request", request.Request, RecordReprisal.MaxText);
        var requestedAt = request.RequestedAt ?? now;
        v.Moment("requestedAt", requestedAt, now, pack, reprisal.OccurredAt, "the reprisal");
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var intervention = new ReprisalIntervention
        {
            Id = Guid.CreateVersion7(now),
            ReprisalId = reprisalId,
            Actor = actor,
            Addressee = addressee,
            Request = asked,
            RequestedAt = requestedAt,
            Status = pack.Reprisals.OpenStatus,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(intervention);
        LedgerWriter.Append(db, ProtectionLedger.ReprisalIntervention, intervention.Id, now, ProtectionLedger.Content(intervention));
        log.Add(user, "reprisal.intervention", intervention.Id.ToString(), "allowed");
        return Outcome<ReprisalInterventionCreated>.Created(
            () => new ReprisalInterventionCreated(intervention.Id, reprisalId, intervention.Status), $"/api/v1/reprisals/{reprisalId}");
    }
}
