using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>A recommendation in a list.</summary>
public sealed record RecommendationSummary(
    Guid Id, string Mechanism, string Document, int Paragraph, string? SubParagraph, string Summary, DateOnly AdoptedAt, bool FollowUp,
    DateOnly? FollowUpDueBy, IReadOnlyList<string> Themes);

/// <summary>
/// <c>GET /api/v1/recommendations?document=&amp;theme=&amp;cursor=</c>: a document's paragraphs in order, or those of a
/// theme, a page at a time as every list (CONTRACT.md): the cursor is the last row's document, paragraph and
/// sub-paragraph (unique, so no row is skipped or repeated), and the next page continues after it. The theme is matched on
/// each recommendation as it stands (its latest correction's themes) in the query itself, so a page is full while more
/// match.
/// </summary>
public sealed class ListRecommendations(AigaqDb db)
{
    public const int PageSize = 200;

    public async Task<Answer<Page<RecommendationSummary>>> HandleAsync(string? document, string? theme, string? cursor, CancellationToken ct)
    {
        var v = new Validation();
        var rows = db.Set<Recommendation>().AsNoTracking();
        if (v.Optional("document", document, RegisterRecommendation.MaxDocument) is { } symbol)
        {
            var upper = symbol.ToUpperInvariant();
            rows = rows.Where(r => r.Document == upper);
        }

        if (v.Optional("theme", theme, Rules.RecommendationListRules.MostTagLength) is { } tag)
        {
            if (!tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                v.Add("theme", "may hold letters, digits and '-' only");
            }

            // As it stands now (registered, or as corrected since): filtered before the page is cut.
            rows = RecommendationCorrection.WithTheme(db, rows, tag);
        }

        if (cursor is not null)
        {
            if (After(cursor) is var (doc, paragraph, sub))
            {
                rows = rows.Where(r => r.Document.CompareTo(doc) > 0
                    || (r.Document == doc && (r.Paragraph > paragraph || (r.Paragraph == paragraph && r.SubParagraph.CompareTo(sub) > 0))));
            }
            else
            {
                v.Add("cursor", "is not a cursor this list gave");
            }
        }

        return await v.AnswerAsync(async () =>
        {
            var found = await rows.OrderBy(r => r.Document).ThenBy(r => r.Paragraph).ThenBy(r => r.SubParagraph).Take(PageSize + 1).ToListAsync(ct);
            var last = found.Count > PageSize ? found[PageSize - 1] : null;
            var current = await RecommendationCorrection.CurrentAsync(db, [.. found.Take(PageSize)], ct);
            return new Page<RecommendationSummary>(
                [.. current.Select(r => new RecommendationSummary(
                    r.Id, r.Mechanism, r.Document, r.Paragraph, RegisterRecommendation.NoneIfEmpty(r.SubParagraph), r.Summary, r.AdoptedAt, r.FollowUp,
                    r.FollowUpDueBy, RegisterRecommendation.List(r.Themes)))],
                last is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                    string.Join('\n', last.Document, last.Paragraph.ToString(System.Globalization.CultureInfo.InvariantCulture), last.SubParagraph))));
        });
    }

    /// <summary>The row a cursor names, or null for a cursor this list did not give.</summary>
    private static (string Document, int Paragraph, string SubParagraph)? After(string cursor)
    {
        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('\n');
            return parts.Length == 3 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var paragraph)
                ? (parts[0], paragraph, parts[2])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
