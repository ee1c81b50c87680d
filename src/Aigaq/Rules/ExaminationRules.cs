namespace Aigaq.Rules;

/// <summary>
/// Istanbul Protocol examinations (issue 16): how soon a requested examination must start, how soon a torture case must
/// have one, and who may employ an examiner (codes; an agency's code is its camelCase name, so that an examiner employed by
/// the accused agency is recognised).
/// </summary>
public sealed record ExaminationRules
{
    /// <summary>Hours from the request within which the examination session must start (ExaminationOverdue after).</summary>
    public required double SessionWithinHours { get; init; }

    /// <summary>Days from a torture case's registration within which an examination must have started (NoExaminationInTortureCase after).</summary>
    public required double TortureCaseWithinDays { get; init; }

    /// <summary>The employers an examiner may declare.</summary>
    public required string[] Employers { get; init; }

    /// <summary>Days at most that a share of a sealed examination may run before it expires.</summary>
    public required double ShareMaxDays { get; init; }

    public IEnumerable<string> Problems()
    {
        if (SessionWithinHours <= 0 || TortureCaseWithinDays <= 0)
        {
            yield return "examinations.sessionWithinHours and tortureCaseWithinDays must be positive";
        }

        if (Employers.Length == 0 || Employers.Distinct(StringComparer.Ordinal).Count() != Employers.Length)
        {
            yield return "examinations.employers must name at least one code, each once";
        }

        if (ShareMaxDays <= 0)
        {
            yield return "examinations.shareMaxDays must be positive";
        }
    }
}
