using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>A status a measure held from <see cref="At"/>, and who recorded it.</summary>
public sealed record MeasureStatusView(Guid Id, MeasureStatus Status, string? Note, DateTimeOffset At, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>A document kept as evidence of a measure: its file is served at <c>.../evidence/{id}</c>.</summary>
public sealed record MeasureEvidenceView(Guid Id, string Sha256, long Size, string MediaType, string? FileName, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>A measure with its current status (the latest by <c>at</c>), every status it held, and its evidence.</summary>
public sealed record MeasureView(
    Guid Id, string Title, string Lead, IReadOnlyList<string> Supporting, DateOnly? TargetDate, MeasureStatus Status,
    IReadOnlyList<MeasureStatusView> History, IReadOnlyList<MeasureEvidenceView> Evidence, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>The measures of a recommendation as <see cref="GetRecommendation"/> shows them, in the order recorded.</summary>
public static class ReadMeasures
{
    public static async Task<IReadOnlyList<MeasureView>> ListAsync(AigaqDb db, Guid recommendationId, CancellationToken ct)
    {
        var measures = await db.Set<RecommendationMeasure>().AsNoTracking().Where(m => m.RecommendationId == recommendationId).ToListAsync(ct);
        var ids = measures.Select(m => m.Id).ToList();
        var statuses = (await db.Set<MeasureStatusChange>().AsNoTracking().Where(s => ids.Contains(s.MeasureId)).ToListAsync(ct))
            .OrderBy(s => s.At).ThenBy(s => s.RecordedAt).ThenBy(s => s.Id).ToLookup(s => s.MeasureId);
        var evidence = (await db.Set<MeasureEvidence>().AsNoTracking().Where(e => ids.Contains(e.MeasureId)).ToListAsync(ct))
            .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).ToLookup(e => e.MeasureId);
        return [.. measures.OrderBy(m => m.RecordedAt).ThenBy(m => m.Id).Select(m =>
        {
            var history = statuses[m.Id].Select(s => new MeasureStatusView(s.Id, s.Status, s.Note, s.At, s.RecordedAt, s.RecordedBy)).ToList();
            return new MeasureView(
                m.Id, m.Title, m.Lead, RegisterRecommendation.List(m.Supporting), m.TargetDate, history[^1].Status, history,
                [.. evidence[m.Id].Select(e => new MeasureEvidenceView(e.Id, e.Sha256, e.Size, e.MediaType, e.FileName, e.RecordedAt, e.RecordedBy))],
                m.RecordedAt, m.RecordedBy);
        })];
    }
}
