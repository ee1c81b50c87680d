using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>Recommendations, their corrections, assessments, indicators and their snapshots, each against its entry.</summary>
internal sealed class RecommendationAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds =>
    [
        RecommendationLedger.Registered, RecommendationLedger.Assessed, RecommendationLedger.IndicatorTracked, RecommendationLedger.IndicatorSnapshotTaken,
        RecommendationLedger.Corrected,
    ];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var r in audit.Db.Set<Recommendation>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(RecommendationLedger.Registered, r.Id, "recommendation", () => RecommendationLedger.Content(r));
        }

        await foreach (var a in audit.Db.Set<RecommendationAssessment>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(RecommendationLedger.Assessed, a.Id, "recommendation assessment", () => RecommendationLedger.Content(a));
        }

        await foreach (var i in audit.Db.Set<RecommendationIndicator>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(RecommendationLedger.IndicatorTracked, i.Id, "recommendation indicator", () => RecommendationLedger.Content(i));
        }

        await foreach (var s in audit.Db.Set<IndicatorSnapshot>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(RecommendationLedger.IndicatorSnapshotTaken, s.Id, "indicator snapshot", () => RecommendationLedger.Content(s));
        }

        await foreach (var c in audit.Db.Set<RecommendationCorrection>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(RecommendationLedger.Corrected, c.Id, "recommendation correction", () => RecommendationLedger.Content(c));
        }
    }
}
