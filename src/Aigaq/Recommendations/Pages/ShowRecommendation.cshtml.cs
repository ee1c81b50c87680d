using Aigaq.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Recommendations;

/// <summary>
/// /recommendations/{id} (issue 18, item 7): the recommendation as <see cref="GetRecommendation"/> answers it, its measures
/// with their status history and evidence, its indicators with their latest value of each year, the assessments side by
/// side and in the order made, and links to the follow-up report of its document (DOCX and PDF, in each language). The
/// forms (assess, add a measure, change a measure's status) are sent by recommendations.js to the API with an
/// Idempotency-Key, kept while no answer came, so a send again records nothing twice.
/// </summary>
[Authorize(Policy = Permissions.ViewRecommendations)]
public sealed class ShowRecommendationModel(GetRecommendation get, AssessmentScales scales, Rules.RulePackCatalog rules, TimeProvider clock) : PageModel
{
    public RecommendationView Recommendation { get; private set; } = null!;

    /// <summary>The scales in force now, for the assessment form.</summary>
    public AssessmentScaleSet Scales { get; private set; } = null!;

    /// <summary>The rule pack's limits of lists in force now, for the forms' refusals.</summary>
    public Rules.RecommendationListRules Lists { get; private set; } = null!;

    public bool MayRecord => User.Can(Permissions.RecordRecommendations);

    /// <summary>The actors the report's links are offered for: those who assessed, else the coalition.</summary>
    public IReadOnlyList<AssessmentActor> ReportActors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (RecommendationsPage.Value<RecommendationView>(await get.HandleAsync(id, User, ct)) is not { } found)
        {
            return NotFound();
        }

        Recommendation = found;
        Scales = scales.At(clock.GetUtcNow());
        Lists = rules.At(clock.GetUtcNow()).Recommendations.Lists;
        ReportActors = found.Assessments.Latest.Count > 0 ? [.. found.Assessments.Latest.Select(a => a.Actor)] : [AssessmentActor.Ngo];
        return Page();
    }

    public static string ReportUrl(string document, AssessmentActor actor, string lang, string format) =>
        $"/api/v1/recommendations/report?document={Uri.EscapeDataString(document)}&actor={Web.Json.Name(actor)}&lang={lang}&format={format}";
}
