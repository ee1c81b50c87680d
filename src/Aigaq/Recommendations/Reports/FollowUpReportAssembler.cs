using System.Globalization;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Recommendations;

/// <summary>
/// Fills the follow-up report's model (issue 18, item 5) from the register, for a document, an actor and a language:
/// every recommendation of the document in paragraph order (the paragraph's number, then its sub-paragraph), its summary
/// in the language (else CONTRACT's <c>summary</c>), the actor's latest assessment and the other actors' latest beside
/// it (grade labels from the scales version each was given on), and each indicator with the latest snapshot of each year.
/// The report's data are as of the newest snapshot it prints (or of now when it prints none).
/// </summary>
public sealed class FollowUpReportAssembler(AigaqDb db, AssessmentScales scales, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    /// <summary>The model, or null when the document has no recommendation registered.</summary>
    public async Task<FollowUpReportModel?> AssembleAsync(string document, AssessmentActor actor, string language, CancellationToken ct)
    {
        var symbol = document.Trim().ToUpperInvariant();
        // As corrected: each paragraph with its latest correction's values.
        var recommendations = await RecommendationCorrection.CurrentAsync(db, [.. (await db.Set<Recommendation>().AsNoTracking().Where(r => r.Document == symbol).ToListAsync(ct))
            .OrderBy(r => r.Paragraph).ThenBy(r => r.SubParagraph, StringComparer.Ordinal)], ct);
        if (recommendations.Count == 0)
        {
            return null;
        }

        var ids = recommendations.Select(r => r.Id).ToList();
        var assessments = (await db.Set<RecommendationAssessment>().AsNoTracking().Where(a => ids.Contains(a.RecommendationId)).ToListAsync(ct))
            .OrderBy(a => a.At).ThenBy(a => a.RecordedAt).ThenBy(a => a.Id).ToLookup(a => a.RecommendationId);
        var indicators = (await db.Set<RecommendationIndicator>().AsNoTracking().Where(i => ids.Contains(i.RecommendationId)).ToListAsync(ct))
            .OrderBy(i => i.RecordedAt).ThenBy(i => i.Id).ToList();
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var snapshots = (await db.Set<IndicatorSnapshot>().AsNoTracking().Where(s => indicatorIds.Contains(s.IndicatorId)).ToListAsync(ct))
            .OrderBy(s => s.Year).ThenBy(s => s.ComputedAt).ThenBy(s => s.Id).ToLookup(s => s.IndicatorId);
        var measures = await MeasuresAsync(ids, ct);

        var now = clock.GetUtcNow();
        var views = indicators.ToLookup(i => i.RecommendationId, i => (Row: i, View: GetRecommendation.Indicator(i, snapshots[i.Id])));
        var printed = views.SelectMany(g => g).SelectMany(i => i.View.Values).ToList();
        var asOf = printed.Count == 0 ? now : printed.Max(s => s.ComputedAt);

        return FollowUpReportText.In(language, () => new FollowUpReportModel(
            symbol, Json.Name(actor), language, now, asOf,
            [.. recommendations.Select(r =>
            {
                var latest = assessments[r.Id].GroupBy(a => a.Actor).Select(g => g.Last()).OrderBy(a => a.Actor).ToList();
                return new ReportParagraph(
                    r.Paragraph.ToString(CultureInfo.InvariantCulture), RegisterRecommendation.NoneIfEmpty(r.SubParagraph), Summary(r, language),
                    r.FollowUp, r.FollowUpDueBy, [.. measures[r.Id].Select(m => Measure(m, now))],
                    [.. views[r.Id].Select(i => Indicator(i.Row, i.View, language))],
                    latest.Where(a => a.Actor == actor).Select(Assessment).FirstOrDefault(),
                    [.. latest.Where(a => a.Actor != actor).Select(Assessment)]);
            })]));
    }

    /// <summary>The measures taken on each recommendation (issue 18, item 2), in the order recorded, with their statuses.</summary>
    private async Task<ILookup<Guid, MeasureView>> MeasuresAsync(IReadOnlyList<Guid> recommendations, CancellationToken ct)
    {
        var all = new List<(Guid Recommendation, MeasureView Measure)>();
        foreach (var id in recommendations)
        {
            all.AddRange((await ReadMeasures.ListAsync(db, id, ct)).Select(m => (id, m)));
        }

        return all.ToLookup(m => m.Recommendation, m => m.Measure);
    }

    /// <summary>A measure as printed: its status in the report's language; overdue when its target date has passed unfinished.</summary>
    private ReportMeasure Measure(MeasureView m, DateTimeOffset now) => new(
        m.Title, m.Lead, m.Supporting, m.TargetDate, t["MeasureStatus." + Json.Name(m.Status)],
        m.TargetDate is { } target && target < DateOnly.FromDateTime(now.UtcDateTime) && m.Status is MeasureStatus.Planned or MeasureStatus.InProgress);

    public static string Summary(Recommendation r, string language) => language switch
    {
        "kk" => r.SummaryKk,
        "ru" => r.SummaryRu,
        _ => r.SummaryEn,
    } ?? r.Summary;

    /// <summary>Called inside <see cref="FollowUpReportText.In{T}"/>: labels are in the report's language.</summary>
    private ReportAssessment Assessment(RecommendationAssessment a)
    {
        var scale = scales.Version(a.ScalesId, a.ScalesVersion)?.Scale(a.Scale);
        var grade = scale?.Grade(a.Grade);
        return new ReportAssessment(
            Json.Name(a.Actor), a.Scale, a.ScalesVersion, a.Grade, scale is null ? a.Grade : AssessmentScales.Label(t, scale, grade),
            scale?.Provisional ?? false, a.Rationale, a.At);
    }

    /// <summary>A computed indicator is named by SharedResource's <c>Indicator.&lt;id&gt;</c> (and its region), a manual one by its label.</summary>
    private ReportIndicator Indicator(RecommendationIndicator row, IndicatorView view, string language)
    {
        var label = row.Metric == RecommendationIndicator.ManualMetric ? row.Label ?? row.Metric : t["Indicator." + row.Metric].Value;
        if (Regions.Find(row.Region) is { } region)
        {
            label += " — " + region.Name(language);
        }

        var unit = row.Unit switch
        {
            IndicatorUnit.Share => ReportUnit.Share,
            IndicatorUnit.Hours => ReportUnit.Hours,
            IndicatorUnit.Rate => ReportUnit.Rate,
            _ => ReportUnit.Count,
        };
        return new ReportIndicator(
            row.Metric, label, unit, [.. view.Values.Select(s => new ReportIndicatorPoint(s.Year, s.Value, s.Part, s.Whole, s.Suppressed, s.ComputedAt))]);
    }
}
