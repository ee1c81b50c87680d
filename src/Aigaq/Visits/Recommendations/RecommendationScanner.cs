using Aigaq.Alerts;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Visits;

/// <summary>
/// Raises <see cref="AlertCodes.RecommendationResponseOverdue"/> for a visit's recommendation whose response day has
/// ended (<see cref="VisitRecommendation.ResponseDueAt"/>, the end of that day in the pack's zone) with no response
/// recorded, as the examinations' and cases' scanners raise theirs. Stateless and safe on every node: the alert's
/// unique key makes a second raise a no-op, and a pass reads only the recommendations due, unanswered and not yet alerted.
/// A response recorded late does not withdraw the alert: it was overdue.
/// </summary>
internal sealed class RecommendationScanner(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, Observability.AigaqMetrics metrics, ILogger<RecommendationScanner> logger)
    : Observability.PeriodicScanner("visit-recommendations", Detentions.ClockScanner.Interval, clock, options, metrics, logger)
{
    private const int Batch = 500;

    protected override Task<int> PassAsync(DateTimeOffset now, CancellationToken ct) => ScanAsync(scopes, now, ct);

    public static string Key(VisitRecommendation r) => $"{AlertCodes.RecommendationResponseOverdue}:{r.Id}{GetVisit.KeySuffix(r.VisitId)}";

    public static async Task<int> ScanAsync(IServiceScopeFactory scopes, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var responses = db.Set<VisitRecommendationResponse>();
        // The alert's key is compared here rather than in SQL, where providers spell ids differently.
        var due = await db.Set<VisitRecommendation>().AsNoTracking()
            .Where(r => r.ResponseDueAt <= now && !responses.Any(x => x.RecommendationId == r.Id))
            .OrderBy(r => r.Seq).ToListAsync(ct);
        var raised = 0;
        foreach (var chunk in due.Chunk(Batch))
        {
            var keys = chunk.Select(Key).ToList();
            var existing = (await db.Set<Alert>().AsNoTracking().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var visits = chunk.Select(r => r.VisitId).Distinct().ToList();
            var numbers = await db.Set<Visit>().AsNoTracking().Where(v => visits.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
            foreach (var r in chunk.Where(r => !existing.Contains(Key(r))))
            {
                db.Add(AlertFactory.Create(
                    new AlertDue(AlertCodes.RecommendationResponseOverdue, Key(r), r.ResponseDueAt, $"{numbers[r.VisitId]} · {r.Number}"), detention: null, r.Region, now));
            }

            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }

        return raised;
    }
}
