using System.Globalization;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Recommendations;

/// <summary>
/// The recommendations' reminders (issue 18, item 6), as the examination and case scanners raise theirs: a recommendation
/// with a follow-up whose due date is within the pack's <c>recommendations.followUpReminderDays</c> (and not yet past,
/// so that an imported paragraph whose follow-up was due years ago is not announced now) raises
/// <see cref="AlertCodes.RecommendationFollowUpDue"/>; a measure whose target date has passed while its current status
/// (the latest by <c>at</c>) is planned or in progress raises <see cref="AlertCodes.MeasureOverdue"/>. Each once: the
/// alert's key is the recommendation's or the measure's. Recommendations are national, so the alerts are of
/// <see cref="National"/>, not a region, and reach every analyst and monitor (AlertMessages). Days are local to the
/// pack's zone. The detail is the paragraph's reference (public UN text), never a measure's title, which may name a person.
/// </summary>
internal sealed class ScanRecommendationReminders(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, Observability.AigaqMetrics metrics,
    ILogger<ScanRecommendationReminders> logger)
    : Observability.PeriodicScanner("recommendations", Interval, clock, options, metrics, logger)
{
    /// <summary>The region of an alert about the whole country rather than one of its regions.</summary>
    public const string National = "KZ";

    /// <summary>Reminders are of days, not minutes: a pass each quarter of an hour is early enough.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private const int Batch = 500;

    protected override Task<int> PassAsync(DateTimeOffset now, CancellationToken ct) => ScanAsync(scopes, now, ct);

    public static async Task<int> ScanAsync(IServiceScopeFactory scopes, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var pack = scope.ServiceProvider.GetRequiredService<RulePackCatalog>().At(now);
        var today = DateOnly.FromDateTime(pack.ToLocal(now).DateTime);
        return await FollowUpsAsync(db, pack, today, now, ct) + await MeasuresAsync(db, pack, today, now, ct);
    }

    public static string Key(string code, Guid id) => $"{code}:{id}";

    /// <summary>The paragraph's reference as the report prints it: "CAT/C/KAZ/CO/4 ¶ 10 (a)".</summary>
    public static string Reference(Recommendation r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Document} ¶ {r.Paragraph}") + (r.SubParagraph.Length > 0 ? $" ({r.SubParagraph})" : "");

    private static async Task<int> FollowUpsAsync(AigaqDb db, RulePack pack, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var until = today.AddDays(pack.Recommendations.FollowUpReminderDays);
        // The due date as corrected: a corrected recommendation is read whatever its registered date, then compared.
        var read = await db.Set<Recommendation>().AsNoTracking()
            .Where(r => r.FollowUp && ((r.FollowUpDueBy != null && r.FollowUpDueBy >= today && r.FollowUpDueBy <= until)
                || db.Set<RecommendationCorrection>().Any(c => c.RecommendationId == r.Id)))
            .ToListAsync(ct);
        var due = (await RecommendationCorrection.CurrentAsync(db, read, ct))
            .Where(r => r.FollowUpDueBy is { } by && by >= today && by <= until).ToList();
        var raised = 0;
        foreach (var chunk in due.Chunk(Batch))
        {
            await AlertFactory.AddNewAsync(
                db, [.. chunk.Select(r => new AlertDue(AlertCodes.RecommendationFollowUpDue, Key(AlertCodes.RecommendationFollowUpDue, r.Id),
                    StartOf(r.FollowUpDueBy!.Value, pack), Reference(r)))],
                null, National, now, ct);
            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }

        return raised;
    }

    private static async Task<int> MeasuresAsync(AigaqDb db, RulePack pack, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        // Measures past their target date; their statuses are compared here (the current is the latest by at).
        var late = await db.Set<RecommendationMeasure>().AsNoTracking()
            .Where(m => m.TargetDate != null && m.TargetDate < today)
            .Join(db.Set<Recommendation>(), m => m.RecommendationId, r => r.Id, (m, r) => new { Measure = m, Recommendation = r })
            .ToListAsync(ct);
        var raised = 0;
        foreach (var chunk in late.Chunk(Batch))
        {
            var ids = chunk.Select(x => x.Measure.Id).ToList();
            var keys = ids.Select(id => Key(AlertCodes.MeasureOverdue, id)).ToList();
            var done = (await db.Set<Alert>().AsNoTracking().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var current = (await db.Set<MeasureStatusChange>().AsNoTracking().Where(s => ids.Contains(s.MeasureId)).ToListAsync(ct))
                .GroupBy(s => s.MeasureId)
                .ToDictionary(g => g.Key, g => g.OrderBy(s => s.At).ThenBy(s => s.RecordedAt).ThenBy(s => s.Id).Last().Status);
            var overdue = chunk
                .Where(x => !done.Contains(Key(AlertCodes.MeasureOverdue, x.Measure.Id))
                    // A measure recorded after its target date had passed (a past measure entered, an import) is not
                    // overdue news: it is shown as such, and nobody is reminded of it.
                    && StartOf(x.Measure.TargetDate!.Value.AddDays(1), pack) > x.Measure.RecordedAt
                    && current.TryGetValue(x.Measure.Id, out var status) && status is MeasureStatus.Planned or MeasureStatus.InProgress)
                .Select(x => new AlertDue(AlertCodes.MeasureOverdue, Key(AlertCodes.MeasureOverdue, x.Measure.Id),
                    StartOf(x.Measure.TargetDate!.Value.AddDays(1), pack), Reference(x.Recommendation)))
                .ToList();
            await AlertFactory.AddNewAsync(db, overdue, null, National, now, ct);
            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }

        return raised;
    }

    /// <summary>The instant a local day starts in the pack's zone.</summary>
    private static DateTimeOffset StartOf(DateOnly day, RulePack pack)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, pack.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
