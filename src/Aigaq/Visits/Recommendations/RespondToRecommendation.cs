using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary><c>POST /api/v1/visit-recommendations/{id}/responses</c> (CONTRACT.md): when the authority answered, what, and the status it gave.</summary>
public sealed record RecommendationResponseRequest(DateTimeOffset? At, string? Text, RecommendationResponseStatus? Status);

public sealed record RecommendationResponded(Guid Id);

/// <summary>
/// Records the authority's response to a visit's recommendation, as a monitor of the region received it (the authority
/// answers the mechanism, which records it; no account of the authority writes here). Appended, never changed: the
/// status now is the latest response's; a response after the due day still answers (and ends the overdue alert's cause).
/// </summary>
public sealed class RespondToRecommendation(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<RecommendationResponded>> HandleAsync(Guid id, RecommendationResponseRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var recommendation = await VisitRecommendation.Readable(db.Set<VisitRecommendation>().AsNoTracking(), user).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (recommendation is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The recommendation"));
        }

        var visit = await db.Set<Visit>().AsNoTracking().FirstAsync(x => x.Id == recommendation.VisitId, ct);
        var v = new Validation();
        var at = v.Required("at", request.At);
        if (request.At is not null)
        {
            v.Moment("at", at, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned");
        }

        var text = v.Required("text", request.Text, VisitRecommendationConfiguration.MaxText);
        var status = v.Required("status", request.Status);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var response = new VisitRecommendationResponse
        {
            Id = Guid.CreateVersion7(now),
            RecommendationId = id,
            At = at,
            Text = text,
            Status = status,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(response);
        LedgerWriter.Append(db, VisitRecommendationLedger.Responded, response.Id, now, VisitRecommendationLedger.Content(response));
        log.Add(user, "visit.recommendation.response", id.ToString(), "allowed");
        return Outcome<RecommendationResponded>.Created(() => new RecommendationResponded(response.Id), $"/api/v1/visit-recommendations/{id}");
    }
}
