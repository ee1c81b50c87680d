namespace Aigaq.Rules;

/// <summary>
/// UN recommendations (issue 18, item 1): the mechanisms whose recommendations the register tracks, by the short name a
/// client sends (CAT, SPT, HRC, UPR, NPM...). A mechanism not named here is refused, naming <c>mechanism</c>; another
/// mechanism is a line of the pack, not a release.
/// </summary>
public sealed record RecommendationRules
{
    public const int MaxMechanism = 20;

    public required string[] Mechanisms { get; init; }

    /// <summary>How many days before a recommendation's follow-up due date its reminder is raised (issue 18, item 6).</summary>
    public required int FollowUpReminderDays { get; init; }

    /// <summary>
    /// How long a recommendation's lists may be (themes, affected groups, addressees; a measure's supporting institutions):
    /// entries in a list and characters in an entry. The lists are kept as JSON text in a column of fixed size, so a list
    /// within these figures is still refused, naming its field, if its stored form would not fit.
    /// </summary>
    public required RecommendationListRules Lists { get; init; }

    public bool IsMechanism(string? name) => name is not null && Array.IndexOf(Mechanisms, name) >= 0;

    public IEnumerable<string> Problems()
    {
        if (Mechanisms.Length == 0)
        {
            yield return "recommendations.mechanisms is empty";
        }

        foreach (var m in Mechanisms.Where(m => m.Length is 0 or > MaxMechanism || !m.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            yield return $"recommendations.mechanisms has a bad name '{m}'";
        }

        if (FollowUpReminderDays is < 1 or > 366)
        {
            yield return "recommendations.followUpReminderDays must be from 1 to 366";
        }

        if (Lists.MaxEntries is < 1 or > RecommendationListRules.MostEntries)
        {
            yield return $"recommendations.lists.maxEntries must be from 1 to {RecommendationListRules.MostEntries}";
        }

        if (Lists.MaxNameLength is < 1 or > RecommendationListRules.MostNameLength)
        {
            yield return $"recommendations.lists.maxNameLength must be from 1 to {RecommendationListRules.MostNameLength}";
        }

        if (Lists.MaxTagLength is < 1 or > RecommendationListRules.MostTagLength)
        {
            yield return $"recommendations.lists.maxTagLength must be from 1 to {RecommendationListRules.MostTagLength}";
        }

        foreach (var m in Mechanisms.GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"recommendations.mechanisms names {m.Key} twice";
        }
    }
}

/// <summary>
/// The limits of a recommendation's lists (<see cref="RecommendationRules.Lists"/>): <see cref="MaxEntries"/> entries in
/// a list; <see cref="MaxNameLength"/> characters in an institution's name (addressees, supporting institutions);
/// <see cref="MaxTagLength"/> in a theme's or an affected group's id. The most a pack may set are what the columns can
/// hold: an institution's name is also a measure's lead institution, kept in a column of
/// <see cref="MostNameLength"/> characters.
/// </summary>
public sealed record RecommendationListRules
{
    public const int MostEntries = 100;
    public const int MostNameLength = 200;
    public const int MostTagLength = 40;

    public required int MaxEntries { get; init; }
    public required int MaxNameLength { get; init; }
    public required int MaxTagLength { get; init; }
}
