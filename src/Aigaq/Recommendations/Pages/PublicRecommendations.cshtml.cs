using Aigaq.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Aigaq.Recommendations;

/// <summary>
/// Which actors' assessments the public page shows (ADR 0032, second addendum): <c>Aigaq:Recommendations:PublicActors</c>,
/// a list of actors by their JSON name (<c>ngo</c>, <c>state</c>, <c>npm</c>, <c>committee</c>). None unless configured:
/// an actor opts in by agreement with the operator, never by default.
/// </summary>
public sealed class PublicRecommendationOptions
{
    public string[] PublicActors { get; set; } = [];

    /// <summary>The actors named, each once; an unknown name stops start-up (see <see cref="Problems"/>).</summary>
    public IReadOnlyList<AssessmentActor> Actors() =>
        [.. Enum.GetValues<AssessmentActor>().Where(a => PublicActors.Contains(Web.Json.Name(a), StringComparer.Ordinal))];

    public IEnumerable<string> Problems() =>
        PublicActors.Where(n => !Enum.GetValues<AssessmentActor>().Any(a => Web.Json.Name(a) == n))
            .Select(n => $"Aigaq:Recommendations:PublicActors names an unknown actor '{n}'");
}

/// <summary>
/// /public/recommendations (issue 18, item 6): without sign-in, the recommendations (public UN text) with the latest
/// grade of each actor that opted in (<see cref="PublicRecommendationOptions"/>), side by side. Nothing personal: no
/// rationale (people's words), no measure's title, no one who recorded anything.
/// </summary>
[AllowAnonymous]
public sealed class PublicRecommendationsModel(
    BrowseRecommendations browse, IOptions<PublicRecommendationOptions> options, RulePackCatalog rules, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RecommendationRow> Rows { get; private set; } = [];
    public IReadOnlyList<AssessmentActor> Actors { get; private set; } = [];
    public IReadOnlyList<string> Documents { get; private set; } = [];
    public IReadOnlyList<string> Mechanisms { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Document { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Mechanism { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Actors = options.Value.Actors();
        Rows = await browse.HandleAsync(new RecommendationFilter(Document, Mechanism), Actors, ct);
        Documents = await browse.DocumentsAsync(ct);
        Mechanisms = rules.At(clock.GetUtcNow()).Recommendations.Mechanisms;
    }
}
