using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>A recommendation in a list.</summary>
public sealed record RecommendationSummary(
    Guid Id, string Mechanism, string Document, int Paragraph, string? SubParagraph, string Summary, DateOnly AdoptedAt, bool FollowUp,
    DateOnly? FollowUpDueBy, IReadOnlyList<string> Themes);

/// <summary>The list: at most <see cref="ListRecommendations.MaxItems"/>, by document and paragraph; <see cref="Truncated"/> when there were more.</summary>
public sealed record RecommendationList(IReadOnlyList<RecommendationSummary> Items, bool Truncated);

/// <summary><c>GET /api/v1/recommendations?document=&amp;theme=</c>: a document's paragraphs in order, or those of a theme.</summary>
public sealed class ListRecommendations(AigaqDb db)
{
    public const int MaxItems = 1000;

    public async Task<Answer<RecommendationList>> HandleAsync(string? document, string? theme, CancellationToken ct)
    {
        var v = new Validation();
        var rows = db.Set<Recommendation>().AsNoTracking();
        if (v.Optional("document", document, RegisterRecommendation.MaxDocument) is { } symbol)
        {
            var upper = symbol.ToUpperInvariant();
            rows = rows.Where(r => r.Document == upper);
        }

        if (v.Optional("theme", theme, RegisterRecommendation.MaxTag) is { } tag)
        {
            if (!tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                v.Add("theme", "may hold letters, digits and '-' only");
            }

            // Themes are stored as a JSON array of ids: the quoted id matches one whole theme.
            var quoted = "\"" + tag + "\"";
            rows = rows.Where(r => r.Themes.Contains(quoted));
        }

        return await v.AnswerAsync(async () =>
        {
            var found = await rows.OrderBy(r => r.Document).ThenBy(r => r.Paragraph).ThenBy(r => r.SubParagraph).Take(MaxItems + 1).ToListAsync(ct);
            return new RecommendationList(
                [.. found.Take(MaxItems).Select(r => new RecommendationSummary(
                    r.Id, r.Mechanism, r.Document, r.Paragraph, RegisterRecommendation.NoneIfEmpty(r.SubParagraph), r.Summary, r.AdoptedAt, r.FollowUp,
                    r.FollowUpDueBy, RegisterRecommendation.List(r.Themes)))],
                found.Count > MaxItems);
        });
    }
}
