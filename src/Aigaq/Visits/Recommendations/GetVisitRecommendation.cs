using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

public sealed record RecommendationResponseView(Guid Id, DateTimeOffset At, string Text, RecommendationResponseStatus Status, DateTimeOffset RecordedAt, Guid RecordedBy);

public sealed record RecommendationCheckView(Guid Id, Guid VisitId, DateTimeOffset At, RecommendationFinding Finding, string? Note, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>A recommendation with every response and check, oldest first (the latest of each is its status and finding).</summary>
public sealed record VisitRecommendationView(
    VisitRecommendationSummary Recommendation, IReadOnlyList<RecommendationResponseView> Responses, IReadOnlyList<RecommendationCheckView> Checks);

/// <summary><c>GET /api/v1/visit-recommendations/{id}</c>: one the user may read, 404 alike for none and another region's; the read is logged.</summary>
public sealed class GetVisitRecommendation(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public async Task<Found<VisitRecommendationView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var responses = db.Set<VisitRecommendationResponse>().AsNoTracking();
        var checks = db.Set<VisitRecommendationCheck>().AsNoTracking();
        var row = await VisitRecommendation.Readable(db.Set<VisitRecommendation>().AsNoTracking(), user).Where(r => r.Id == id)
            .Select(ListVisitRecommendations.Project(responses, checks, clock.GetUtcNow())).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return Found<VisitRecommendationView>.Of(null, "The recommendation");
        }

        var answered = await responses.Where(r => r.RecommendationId == id).OrderBy(r => r.At).ThenBy(r => r.RecordedAt).ToListAsync(ct);
        var checkedAt = await checks.Where(c => c.RecommendationId == id).OrderBy(c => c.At).ThenBy(c => c.RecordedAt).ToListAsync(ct);
        log.Add(user, "visit.recommendation.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return Found<VisitRecommendationView>.Of(new VisitRecommendationView(
            row.Summary(),
            [.. answered.Select(r => new RecommendationResponseView(r.Id, r.At, r.Text, r.Status, r.RecordedAt, r.RecordedBy))],
            [.. checkedAt.Select(c => new RecommendationCheckView(c.Id, c.VisitId, c.At, c.Finding, c.Note, c.RecordedAt, c.RecordedBy))]), "The recommendation");
    }
}
