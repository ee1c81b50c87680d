using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>
/// /recommendations (issue 18, item 7): the recommendations filtered by document, mechanism, theme and where their
/// measures stand (<see cref="BrowseRecommendations"/>), each with every actor's latest assessment side by side and
/// their disagreements marked; the open reminders (<see cref="AlertCodes.Recommendations"/>) above them. For analysts
/// and monitors of any region: recommendations are national.
/// </summary>
[Authorize(Policy = Permissions.ViewRecommendations)]
public sealed class RecommendationsModel(BrowseRecommendations browse, RulePackCatalog rules, TimeProvider clock, AigaqDb db) : PageModel
{
    /// <summary>The most reminders the page shows, the soonest due first.</summary>
    public const int RemindersShown = 20;

    public IReadOnlyList<RecommendationRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Documents { get; private set; } = [];
    public IReadOnlyList<string> Mechanisms { get; private set; } = [];
    public IReadOnlyList<Alert> Reminders { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Document { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Mechanism { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Theme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await browse.HandleAsync(new RecommendationFilter(Document, Mechanism, Theme, Status), null, ct);
        Documents = await browse.DocumentsAsync(ct);
        Mechanisms = rules.At(clock.GetUtcNow()).Recommendations.Mechanisms;
        var codes = AlertCodes.Recommendations.ToList();
        Reminders = await db.Set<Alert>().AsNoTracking().Where(a => codes.Contains(a.Code) && a.Status == AlertStatus.Open)
            .OrderBy(a => a.DueAt).ThenBy(a => a.Id).Take(RemindersShown).ToListAsync(ct);
    }
}
