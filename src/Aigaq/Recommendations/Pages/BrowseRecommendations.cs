using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>The filters of the recommendations' pages; each optional. <see cref="Status"/> is one of <see cref="BrowseRecommendations.Statuses"/>.</summary>
public sealed record RecommendationFilter(string? Document = null, string? Mechanism = null, string? Theme = null, string? Status = null);

/// <summary>
/// A recommendation as its list shows it: each actor's latest assessment side by side with where they disagree, and
/// where its measures stand (<see cref="Status"/>).
/// </summary>
public sealed record RecommendationRow(
    Guid Id, string Mechanism, string Document, int Paragraph, string? SubParagraph, string Summary, string? SummaryKk, string? SummaryRu,
    string? SummaryEn, DateOnly? FollowUpDueBy, IReadOnlyList<string> Themes, AssessmentsView Assessments, string Status, int Measures)
{
    /// <summary>The summary in <paramref name="language"/> (kk, ru, en) where it was given, else the one CONTRACT.md takes.</summary>
    public string SummaryIn(string language) => language switch
    {
        "kk" => SummaryKk,
        "ru" => SummaryRu,
        "en" => SummaryEn,
        _ => null,
    } ?? Summary;
}

/// <summary>
/// The recommendations for the pages (issue 18, item 7): filtered by document, mechanism, theme and where their measures
/// stand, with the latest assessment of each actor (of the <c>actors</c> given, when given: the public page shows only
/// the actors that opted in). A measure's status is the latest of its status rows; a recommendation is <c>none</c> (no
/// measure), <c>overdue</c> (a planned or running measure past its target date, local day of the pack's zone),
/// <c>active</c> (one planned or running) or <c>done</c> (all completed or abandoned). Reads public UN text and grades,
/// never a measure's title or a rationale.
/// </summary>
public sealed class BrowseRecommendations(AigaqDb db, AssessmentScales scales, Rules.RulePackCatalog rules, TimeProvider clock)
{
    /// <summary>The most a page lists: the coalition's documents hold a few dozen paragraphs each.</summary>
    public const int MaxRows = 500;

    public static readonly IReadOnlyList<string> Statuses = ["none", "active", "overdue", "done"];

    public async Task<IReadOnlyList<RecommendationRow>> HandleAsync(RecommendationFilter filter, IReadOnlyCollection<AssessmentActor>? actors, CancellationToken ct)
    {
        var rows = db.Set<Recommendation>().AsNoTracking();
        if (Clean(filter.Document, RegisterRecommendation.MaxDocument) is { } document)
        {
            var upper = document.ToUpperInvariant();
            rows = rows.Where(r => r.Document == upper);
        }

        if (Clean(filter.Mechanism, Rules.RecommendationRules.MaxMechanism) is { } mechanism)
        {
            rows = rows.Where(r => r.Mechanism == mechanism);
        }

        if (Clean(filter.Theme, Rules.RecommendationListRules.MostTagLength) is { } theme && theme.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            // As it stands now (registered, or as corrected since), as the API's list: filtered before the rows are cut.
            rows = RecommendationCorrection.WithTheme(db, rows, theme);
        }

        var read = await rows.OrderBy(r => r.Document).ThenBy(r => r.Paragraph).ThenBy(r => r.SubParagraph).Take(MaxRows).ToListAsync(ct);
        var found = await RecommendationCorrection.CurrentAsync(db, read, ct);
        var ids = found.Select(r => r.Id).ToList();
        var assessments = (await db.Set<RecommendationAssessment>().AsNoTracking().Where(a => ids.Contains(a.RecommendationId)).ToListAsync(ct))
            .Where(a => actors is null || actors.Contains(a.Actor))
            .OrderBy(a => a.At).ThenBy(a => a.RecordedAt).ThenBy(a => a.Id).ToLookup(a => a.RecommendationId);
        var statuses = await StatusesAsync(ids, ct);

        var status = Statuses.Contains(filter.Status ?? "") ? filter.Status : null;
        return [.. found
            .Select(r => new RecommendationRow(
                r.Id, r.Mechanism, r.Document, r.Paragraph, RegisterRecommendation.NoneIfEmpty(r.SubParagraph), r.Summary, r.SummaryKk, r.SummaryRu,
                r.SummaryEn, r.FollowUp ? r.FollowUpDueBy : null, RegisterRecommendation.List(r.Themes),
                GetRecommendation.Side([.. assessments[r.Id].Select(View)]),
                statuses.TryGetValue(r.Id, out var s) ? s.Status : "none", statuses.TryGetValue(r.Id, out var c) ? c.Count : 0))
            .Where(r => status is null || r.Status == status)];
    }

    /// <summary>The documents registered, for the filter and the report's links.</summary>
    public async Task<IReadOnlyList<string>> DocumentsAsync(CancellationToken ct) =>
        await db.Set<Recommendation>().AsNoTracking().Select(r => r.Document).Distinct().OrderBy(d => d).ToListAsync(ct);

    private async Task<Dictionary<Guid, (string Status, int Count)>> StatusesAsync(List<Guid> ids, CancellationToken ct)
    {
        var pack = rules.At(clock.GetUtcNow());
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), pack.Zone).DateTime);
        var measures = await db.Set<RecommendationMeasure>().AsNoTracking().Where(m => ids.Contains(m.RecommendationId))
            .Select(m => new { m.Id, m.RecommendationId, m.TargetDate }).ToListAsync(ct);
        var measureIds = measures.Select(m => m.Id).ToList();
        var current = (await db.Set<MeasureStatusChange>().AsNoTracking().Where(s => measureIds.Contains(s.MeasureId)).ToListAsync(ct))
            .GroupBy(s => s.MeasureId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.At).ThenBy(s => s.RecordedAt).ThenBy(s => s.Id).Last().Status);
        return measures.GroupBy(m => m.RecommendationId).ToDictionary(g => g.Key, g =>
        {
            var running = g.Where(m => current.GetValueOrDefault(m.Id) is MeasureStatus.Planned or MeasureStatus.InProgress).ToList();
            var status = running.Any(m => m.TargetDate < today) ? "overdue" : running.Count > 0 ? "active" : "done";
            return (status, g.Count());
        });
    }

    private AssessmentView View(RecommendationAssessment a) => new(
        a.Id, a.Actor, a.Scale, a.Grade, scales.Version(a.ScalesId, a.ScalesVersion)?.Scale(a.Scale)?.Grade(a.Grade)?.Rank, a.ScalesId, a.ScalesVersion,
        null, a.At, a.RecordedAt, a.RecordedBy);

    private static string? Clean(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) || text.Trim().Length > max ? null : text.Trim();
}
