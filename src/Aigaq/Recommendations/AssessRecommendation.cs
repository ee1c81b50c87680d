using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary><c>POST /api/v1/recommendations/{id}/assessments</c> as CONTRACT.md gives it.</summary>
public sealed record AssessRecommendationRequest(AssessmentActor? Actor, string? Scale, string? Grade, string? Rationale, DateTimeOffset? At);

public sealed record RecommendationAssessed(Guid Id, string Scales, int ScalesVersion);

/// <summary>
/// Records an actor's assessment of a recommendation on a scale in force at <c>at</c> (ADR 0031): the scale, the grade on
/// it and a rationale where the grade needs one are checked by <see cref="AssessmentScales.Validate"/>; the scales
/// document and version are stored with it, so that the grade keeps its meaning. A later assessment is a new row.
/// </summary>
public sealed class AssessRecommendation(AigaqDb db, AssessmentScales scales, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const int MaxRationale = 4000;

    public async Task<Outcome<RecommendationAssessed>> HandleAsync(Guid id, AssessRecommendationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var recommendation = await db.Set<Recommendation>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (recommendation is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The recommendation"));
        }

        var pack = rules.At(now);
        var v = new Validation();
        var actor = v.Required("actor", request.Actor);
        var rationale = v.Optional("rationale", request.Rationale, MaxRationale);
        var at = v.Required("at", request.At);
        ScaledGrade? graded = null;
        if (request.At is not null)
        {
            var adopted = new DateTimeOffset(recommendation.AdoptedAt.ToDateTime(TimeOnly.MinValue), pack.Zone.GetUtcOffset(recommendation.AdoptedAt.ToDateTime(TimeOnly.MinValue)));
            if (v.Moment("at", at, now, pack, adopted, "the recommendation was adopted"))
            {
                graded = scales.Validate(v, request.Scale, request.Grade, rationale, at);
            }
        }

        if (!v.IsValid || graded is null)
        {
            return new ProblemResult(v.Problem());
        }

        var assessment = new RecommendationAssessment
        {
            Id = Guid.CreateVersion7(now),
            RecommendationId = id,
            Actor = actor,
            ScalesId = graded.ScalesId,
            ScalesVersion = graded.Version,
            Scale = graded.Scale.Id,
            Grade = graded.Grade.Id,
            Rationale = rationale,
            At = at,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(assessment);
        LedgerWriter.Append(db, RecommendationLedger.Assessed, assessment.Id, now, RecommendationLedger.Content(assessment));
        log.Add(user, "recommendation.assess", id.ToString(), "allowed");
        return Outcome<RecommendationAssessed>.Created(
            () => new RecommendationAssessed(assessment.Id, assessment.ScalesId, assessment.ScalesVersion), $"/api/v1/recommendations/{id}");
    }
}
