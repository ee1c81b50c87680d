using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>
/// <c>POST /api/v1/recommendations/{id}/indicators/{indicatorId}/refresh</c>: computes again each year the indicator has
/// values for, and appends the new snapshots (the old ones stay: what was known when). A manual indicator is refreshed by
/// posting its values again.
/// </summary>
public sealed class RefreshIndicator(AigaqDb db, IndicatorCatalogue catalogue, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<IndicatorTracked>> HandleAsync(Guid id, Guid indicatorId, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var indicator = await db.Set<RecommendationIndicator>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == indicatorId && i.RecommendationId == id, ct);
        if (indicator is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The indicator"));
        }

        if (catalogue.Find(indicator.Metric) is not { } metric)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                indicator.Metric == RecommendationIndicator.ManualMetric
                    ? "A manual indicator is not computed: post its values again."
                    : "The indicator's metric is no longer in the catalogue.", "metric"));
        }

        var years = await db.Set<IndicatorSnapshot>().Where(s => s.IndicatorId == indicatorId).Select(s => s.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
        List<(int, IndicatorValue)> values = [];
        foreach (var year in years)
        {
            values.Add((year, await metric.OfAsync(year, indicator.Region, ct)));
        }

        var snapshots = TrackIndicator.Snapshot(db, indicator.Id, values, manual: false, now, user.RequiredUserId());
        log.Add(user, "recommendation.indicator.refresh", id.ToString(), "allowed");
        return Outcome<IndicatorTracked>.Created(
            () => new IndicatorTracked(indicator.Id, [.. GetRecommendation.Indicator(indicator, snapshots).Values]), $"/api/v1/recommendations/{id}");
    }
}
