using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>Visits' recommendations, the authority's responses and the checks at later visits, each against its entry.</summary>
internal sealed class VisitRecommendationAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [VisitRecommendationLedger.Recommended, VisitRecommendationLedger.Responded, VisitRecommendationLedger.Checked];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var r in audit.Db.Set<VisitRecommendation>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitRecommendationLedger.Recommended, r.Id, "visit recommendation", () => VisitRecommendationLedger.Content(r));
        }

        await foreach (var r in audit.Db.Set<VisitRecommendationResponse>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitRecommendationLedger.Responded, r.Id, "visit recommendation response", () => VisitRecommendationLedger.Content(r));
        }

        await foreach (var c in audit.Db.Set<VisitRecommendationCheck>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(VisitRecommendationLedger.Checked, c.Id, "visit recommendation check", () => VisitRecommendationLedger.Content(c));
        }
    }
}
