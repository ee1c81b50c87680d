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

        foreach (var m in Mechanisms.GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"recommendations.mechanisms names {m.Key} twice";
        }
    }
}
