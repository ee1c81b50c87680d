namespace Aigaq.Rules;

/// <summary>
/// Private interviews during monitoring visits (issue 17, item 7): the vulnerability flags an interview may carry (the
/// SPT's and the coalition's groups in situations of vulnerability), and how many days after the interview a person at
/// risk of reprisal is contacted again when the team gives no date.
/// </summary>
public sealed record VisitInterviewRules
{
    public const int MaxFlag = 40;

    public required string[] Vulnerabilities { get; init; }

    /// <summary>Days from the interview to the first follow-up contact of a person at risk, when the team sets none.</summary>
    public required int FollowUpWithinDays { get; init; }

    /// <summary>How many days ahead a team may set the first follow-up contact at most.</summary>
    public required int FollowUpAtMostDays { get; init; }

    public bool IsVulnerability(string? code) => code is not null && Array.IndexOf(Vulnerabilities, code) >= 0;

    public IEnumerable<string> Problems()
    {
        if (Vulnerabilities.Length == 0)
        {
            yield return "visitInterviews.vulnerabilities is empty";
        }

        foreach (var f in Vulnerabilities.Where(f => f.Length is 0 or > MaxFlag || !f.All(char.IsAsciiLetterOrDigit)))
        {
            yield return $"visitInterviews.vulnerabilities has a bad code '{f}'";
        }

        if (FollowUpWithinDays < 1 || FollowUpAtMostDays < FollowUpWithinDays)
        {
            yield return "visitInterviews.followUpWithinDays must be positive and at most followUpAtMostDays";
        }
    }
}
