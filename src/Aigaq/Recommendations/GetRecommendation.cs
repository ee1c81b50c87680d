using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>An assessment as stored, with its grade's rank on the scales version it was made under (null: unranked).</summary>
public sealed record AssessmentView(
    Guid Id, AssessmentActor Actor, string Scale, string Grade, int? Rank, string Scales, int ScalesVersion, string? Rationale, DateTimeOffset At,
    DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>
/// Where the actors' latest assessments part: <c>gradesDiffer</c> (ranked grades on one scale differ; <see cref="Scale"/>
/// names it) or <c>differentScales</c> (the actors graded on different scales: both are shown, neither converted).
/// </summary>
public sealed record AssessmentDisagreement(string Kind, string? Scale, IReadOnlyList<AssessmentActor> Actors);

/// <summary>Each actor's latest assessment side by side, where they disagree, and every assessment in the order made.</summary>
public sealed record AssessmentsView(IReadOnlyList<AssessmentView> Latest, IReadOnlyList<AssessmentDisagreement> Disagreements, IReadOnlyList<AssessmentView> History);

/// <summary>An indicator's value for a year as known at <see cref="ComputedAt"/>.</summary>
public sealed record SnapshotView(int Year, decimal? Value, int? Part, int? Whole, bool Suppressed, bool Manual, DateTimeOffset ComputedAt);

/// <summary>An indicator with the latest value of each year (<see cref="Values"/>) and every snapshot taken (<see cref="Snapshots"/>).</summary>
public sealed record IndicatorView(
    Guid Id, string Metric, string? Region, string? Label, IndicatorUnit Unit, IReadOnlyList<SnapshotView> Values, IReadOnlyList<SnapshotView> Snapshots);

/// <summary>A correction of the recommendation: who, when, why, and the fields it changed (their values are the view's, if latest).</summary>
public sealed record CorrectionView(Guid Id, int Revision, IReadOnlyList<string> Fields, string Reason, DateTimeOffset RecordedAt, Guid RecordedBy);

public sealed record RecommendationView(
    Guid Id, string Mechanism, string Document, int Paragraph, string? SubParagraph, string Summary, SummariesInput Summaries, DateOnly AdoptedAt,
    bool FollowUp, DateOnly? FollowUpDueBy, IReadOnlyList<string> Themes, IReadOnlyList<string> AffectedGroups, IReadOnlyList<string> Addressees,
    IReadOnlyList<Guid> Related, AssessmentsView Assessments, IReadOnlyList<IndicatorView> Indicators, string Source, DateTimeOffset RecordedAt,
    Guid RecordedBy, IReadOnlyList<MeasureView>? Measures = null, IReadOnlyList<CorrectionView>? Corrections = null);

/// <summary>
/// Reads a recommendation with its assessments (side by side, disagreements named), its indicators' snapshots and its
/// measures. The UN text is public, but a measure's title and note or an assessment's rationale are people's words that
/// may name someone: every read (the page's and the API's) is an access-log entry naming the reader.
/// </summary>
public sealed class GetRecommendation(AigaqDb db, AssessmentScales scales, AccessLog log)
{
    public const string ReadAction = "recommendation.read";

    public async Task<Found<RecommendationView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var registered = await db.Set<Recommendation>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (registered is null)
        {
            return Found<RecommendationView>.Of(null, "The recommendation");
        }

        // As corrected: the registered row with its latest correction's values; every correction listed, oldest first.
        var corrections = await db.Set<RecommendationCorrection>().AsNoTracking().Where(c => c.RecommendationId == id).OrderBy(c => c.Revision).ToListAsync(ct);
        var r = RecommendationCorrection.Current(registered, corrections.Count > 0 ? corrections[^1] : null);

        var assessments = (await db.Set<RecommendationAssessment>().AsNoTracking().Where(a => a.RecommendationId == id).ToListAsync(ct))
            .OrderBy(a => a.At).ThenBy(a => a.RecordedAt).ThenBy(a => a.Id).Select(View).ToList();
        var indicators = await db.Set<RecommendationIndicator>().AsNoTracking().Where(i => i.RecommendationId == id).ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var snapshots = (await db.Set<IndicatorSnapshot>().AsNoTracking().Where(s => ids.Contains(s.IndicatorId)).ToListAsync(ct))
            .OrderBy(s => s.Year).ThenBy(s => s.ComputedAt).ThenBy(s => s.Id).ToLookup(s => s.IndicatorId);
        var measures = await ReadMeasures.ListAsync(db, id, ct);
        log.Add(user, ReadAction, id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);

        return Found<RecommendationView>.Of(new RecommendationView(
            r.Id, r.Mechanism, r.Document, r.Paragraph, RegisterRecommendation.NoneIfEmpty(r.SubParagraph), r.Summary,
            new SummariesInput(r.SummaryKk, r.SummaryRu, r.SummaryEn), r.AdoptedAt, r.FollowUp, r.FollowUpDueBy,
            RegisterRecommendation.List(r.Themes), RegisterRecommendation.List(r.AffectedGroups), RegisterRecommendation.List(r.Addressees),
            [.. RegisterRecommendation.List(r.Related).Select(Guid.Parse)], Side(assessments),
            [.. indicators.OrderBy(i => i.RecordedAt).ThenBy(i => i.Id).Select(i => Indicator(i, snapshots[i.Id]))], r.Source, r.RecordedAt, r.RecordedBy,
            measures,
            [.. corrections.Select(c => new CorrectionView(c.Id, c.Revision, RegisterRecommendation.List(c.Fields), c.Reason, c.RecordedAt, c.RecordedBy))]),
            "The recommendation");
    }

    private AssessmentView View(RecommendationAssessment a) => new(
        a.Id, a.Actor, a.Scale, a.Grade, scales.Version(a.ScalesId, a.ScalesVersion)?.Scale(a.Scale)?.Grade(a.Grade)?.Rank, a.ScalesId, a.ScalesVersion,
        a.Rationale, a.At, a.RecordedAt, a.RecordedBy);

    /// <summary>Each actor's latest (by the instant it speaks of), and where they disagree.</summary>
    public static AssessmentsView Side(IReadOnlyList<AssessmentView> history)
    {
        var latest = history.GroupBy(a => a.Actor).Select(g => g.Last()).OrderBy(a => a.Actor).ToList();
        List<AssessmentDisagreement> disagreements = [];
        var byScale = latest.GroupBy(a => a.Scale, StringComparer.Ordinal).ToList();
        if (byScale.Count > 1)
        {
            disagreements.Add(new("differentScales", null, [.. latest.Select(a => a.Actor)]));
        }

        foreach (var scale in byScale)
        {
            var ranked = scale.Where(a => a.Rank is not null).ToList();
            if (ranked.Select(a => a.Rank).Distinct().Count() > 1)
            {
                disagreements.Add(new("gradesDiffer", scale.Key, [.. ranked.Select(a => a.Actor)]));
            }
        }

        return new AssessmentsView(latest, disagreements, history);
    }

    public static IndicatorView Indicator(RecommendationIndicator i, IEnumerable<IndicatorSnapshot> snapshots)
    {
        var all = snapshots.Select(s => new SnapshotView(s.Year, Normal(s.Value), s.Part, s.Whole, s.Suppressed, s.Manual, s.ComputedAt)).ToList();
        return new IndicatorView(i.Id, i.Metric, i.Region, i.Label, i.Unit, [.. all.GroupBy(s => s.Year).Select(g => g.Last())], all);
    }

    /// <summary>Without the trailing zeros PostgreSQL's numeric keeps (1.0000 is 1).</summary>
    private static decimal? Normal(decimal? value) => value / 1.000000000000000000000000000000000m;
}
