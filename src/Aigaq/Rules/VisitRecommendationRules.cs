namespace Aigaq.Rules;

/// <summary>
/// The monitoring team's recommendations to the authority (issue 17, item 8): when the same recommendation made again to
/// the same place counts as repeated, and how far ahead a response may be asked for. Policy of the national preventive
/// mechanism, kept as data (ADR 0030, addendum on recommendations).
/// </summary>
public sealed record VisitRecommendationRules
{
    /// <summary>
    /// Two texts of the same theme to the same addressee at the same place are one recommendation made again when the share
    /// of words they have in common (of all the words either uses, three letters or more, case and punctuation aside) is at
    /// least this.
    /// </summary>
    public required decimal RepeatSimilarity { get; init; }

    /// <summary>The latest a response may be asked for, in days after the recommendation is recorded.</summary>
    public required int ResponseDueMaxDays { get; init; }

    public IEnumerable<string> Problems()
    {
        if (RepeatSimilarity is <= 0 or > 1)
        {
            yield return "visitRecommendations.repeatSimilarity must be above 0 and at most 1";
        }

        if (ResponseDueMaxDays is < 1 or > 3660)
        {
            yield return "visitRecommendations.responseDueMaxDays must be from 1 to 3660";
        }
    }
}
