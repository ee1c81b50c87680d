namespace Aigaq.Rules;

/// <summary>The pack's <c>protection</c> section: so far how long protection records are kept (issue 15, item 9).</summary>
public sealed record ProtectionRules
{
    public required ProtectionRetentionRules Retention { get; init; }
}

/// <summary>
/// How long a protected person's records are kept (ADR 0024): until so many years after the last fact recorded about
/// their protection, or a later date an officer set with a reason. Policy, not law (see the pack's sources).
/// </summary>
public sealed record ProtectionRetentionRules
{
    /// <summary>Whole years after the person's last recorded activity until their records are erased.</summary>
    public required int YearsAfterLastActivity { get; init; }

    /// <summary>How far ahead of today an extension may set the date, in whole years.</summary>
    public required int ExtensionAtMostYears { get; init; }

    internal IEnumerable<string> Errors()
    {
        if (YearsAfterLastActivity is < 1 or > 100)
        {
            yield return "protection.retention.yearsAfterLastActivity must be from 1 to 100";
        }

        if (ExtensionAtMostYears is < 1 or > 100)
        {
            yield return "protection.retention.extensionAtMostYears must be from 1 to 100";
        }
    }
}
