namespace Aigaq.Rules;

/// <summary>
/// The reprisal register's vocabularies and figures (issue 15, item 6). The lists are codes (camelCase), kept as data so
/// that a new kind of reprisal, source or addressee is a change of the pack, with its labels in the resources
/// (<c>ReprisalType.{code}</c>, <c>ReprisalSource.{code}</c>, <c>ReprisalActor.{code}</c>, <c>ReprisalAddressee.{code}</c>,
/// <c>InterventionStatus.{code}</c>), never a switch in the code.
/// </summary>
public sealed record ReprisalRules
{
    /// <summary>The kinds of reprisal (CONTRACT.md's list).</summary>
    public required string[] Types { get; init; }

    /// <summary>Where word of a reprisal came from: the person, a relative, their lawyer, a monitor, the media...</summary>
    public required string[] Sources { get; init; }

    /// <summary>Who acted on a reprisal (an intervention's actor kind).</summary>
    public required string[] Actors { get; init; }

    /// <summary>The bodies an intervention may ask.</summary>
    public required string[] Addressees { get; init; }

    /// <summary>An intervention's statuses; the first is the one a new intervention opens with.</summary>
    public required string[] InterventionStatuses { get; init; }

    /// <summary>No reprisal is recorded as having happened before this day (local time).</summary>
    public required DateOnly OccurredNotBefore { get; init; }

    /// <summary>Statistics answer a count from 1 to one below this as suppressed, never as the number.</summary>
    public required int SmallCellThreshold { get; init; }

    public string OpenStatus => InterventionStatuses[0];

    public static bool Holds(string[] codes, string? code) => code is not null && Array.IndexOf(codes, code) >= 0;

    /// <summary>What is wrong with the section, each as a message naming its field.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, codes) in new[]
                 {
                     ("types", Types), ("sources", Sources), ("actors", Actors), ("addressees", Addressees),
                     ("interventionStatuses", InterventionStatuses),
                 })
        {
            if (codes.Length == 0 || codes.Distinct(StringComparer.Ordinal).Count() != codes.Length)
            {
                yield return $"reprisals.{name} must name at least one code, each once";
            }

            if (codes.Any(c => c.Length is 0 or > 40 || !char.IsAsciiLetterLower(c[0]) || !c.All(char.IsAsciiLetterOrDigit)))
            {
                yield return $"reprisals.{name} are camelCase codes of at most 40 characters";
            }
        }

        if (SmallCellThreshold < 2)
        {
            yield return "reprisals.smallCellThreshold must be at least 2";
        }
    }
}
