using System.Globalization;

namespace Aigaq.Visits;

/// <summary>
/// When a recommendation is the same as one made before (ADR 0030, addendum): the same addressee (case, spaces and
/// punctuation aside) and texts whose words overlap by at least the pack's <c>visitRecommendations.repeatSimilarity</c>
/// (words of three letters or more, case aside: the share of the words either text uses that both use). Pure, so that the
/// rule is tested on its own.
/// </summary>
public static class RecommendationMatch
{
    public static bool SameAddressee(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    /// <summary>The share (0 to 1) of the words of either text that both use; two texts without such words are alike when equal.</summary>
    public static decimal Similarity(string a, string b)
    {
        var x = Words(a);
        var y = Words(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return string.Equals(Key(a), Key(b), StringComparison.Ordinal) ? 1m : 0m;
        }

        var common = x.Count(y.Contains);
        return Math.Round((decimal)common / (x.Count + y.Count - common), 4, MidpointRounding.AwayFromZero);
    }

    private static HashSet<string> Words(string text) =>
        [.. Split(text).Where(w => w.Length >= 3)];

    private static string Key(string text) => string.Join(' ', Split(text));

    /// <summary>A text with case, spaces and punctuation aside: two addressees are one when these are equal.</summary>
    public static string Normal(string text) => Key(text);

    private static IEnumerable<string> Split(string text)
    {
        var word = new System.Text.StringBuilder();
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
