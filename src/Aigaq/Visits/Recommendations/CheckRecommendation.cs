using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// <c>POST /api/v1/visit-recommendations/{id}/checks</c>: the later visit to the same place on which the team checked
/// the recommendation again, when, what it found (<c>implemented</c>, <c>partly</c>, <c>not</c>) and a note.
/// </summary>
public sealed record CheckRecommendationRequest(Guid? VisitId, DateTimeOffset? At, RecommendationFinding? Finding, string? Note);

public sealed record RecommendationChecked(Guid Id);

/// <summary>
/// Records what a team found of an earlier recommendation at its next visit to the place (issue 17, item 8): once per
/// recommendation and visit, after the team's arrival. A recommendation is closed only by a check that found it
/// implemented (<see cref="RecommendationState"/>).
/// </summary>
public sealed class CheckRecommendation(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<RecommendationChecked>> HandleAsync(Guid id, CheckRecommendationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var recommendation = await VisitRecommendation.Readable(db.Set<VisitRecommendation>().AsNoTracking(), user).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (recommendation is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The recommendation"));
        }

        var v = new Validation();
        var visitId = v.Required("visitId", request.VisitId);
        Visit? visit = null;
        if (request.VisitId is not null)
        {
            var made = await db.Set<Visit>().AsNoTracking().Where(x => x.Id == recommendation.VisitId).Select(x => x.PlannedFor).FirstAsync(ct);
            visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user)
                .FirstOrDefaultAsync(x => x.Id == visitId && x.FacilityId == recommendation.FacilityId && x.Id != recommendation.VisitId && x.PlannedFor > made, ct);
            if (visit is null)
            {
                v.Add("visitId", "is not a later visit to the place the recommendation was made to");
            }
        }

        var at = v.Required("at", request.At);
        if (visit is not null && request.At is not null && v.Moment("at", at, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned")
            && await VisitFieldwork.ArrivedAtAsync(db, visit.Id, ct) is { } arrived && at < arrived)
        {
            v.Add("at", "is before the team arrived");
        }

        var finding = v.Required("finding", request.Finding);
        var note = v.Optional("note", request.Note, PlanVisit.MaxText);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await VisitFieldwork.NotArrivedAsync(db, visit!, ct) is { } notArrived)
        {
            return notArrived;
        }

        if (await db.Set<VisitRecommendationCheck>().AnyAsync(c => c.RecommendationId == id && c.VisitId == visitId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"Recommendation {recommendation.Number} is already checked on visit {visit!.Number}.", "visitId"));
        }

        var check = new VisitRecommendationCheck
        {
            Id = Guid.CreateVersion7(now),
            RecommendationId = id,
            VisitId = visitId,
            At = at,
            Finding = finding,
            Note = note,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(check);
        LedgerWriter.Append(db, VisitRecommendationLedger.Checked, check.Id, now, VisitRecommendationLedger.Content(check));
        log.Add(user, "visit.recommendation.check", id.ToString(), "allowed");
        return Outcome<RecommendationChecked>.Created(() => new RecommendationChecked(check.Id), $"/api/v1/visit-recommendations/{id}");
    }
}
