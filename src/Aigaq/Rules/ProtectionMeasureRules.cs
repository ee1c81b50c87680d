namespace Aigaq.Rules;

/// <summary>
/// Security measures for persons participating in criminal proceedings (CPC art. 96-97; issue 15, item 5): the codes an
/// application may ask and a decision grant, the bodies that decide, and how long they have. Codes are data, so a pack
/// of later law can add or drop one; their labels are the resources <c>Measure.{code}</c> and <c>DecidingBody.{code}</c>.
/// </summary>
public sealed record ProtectionMeasureRules
{
    /// <summary>Hours from receipt within which an application must be decided (see the pack's source on how sure this is).</summary>
    public required double DecisionWithinHours { get; init; }

    /// <summary>The measure codes, camelCase.</summary>
    public required string[] Measures { get; init; }

    /// <summary>The kinds of body that decide an application, camelCase.</summary>
    public required string[] DecidingBodies { get; init; }

    public bool IsMeasure(string code) => Array.IndexOf(Measures, code) >= 0;

    public bool IsDecidingBody(string kind) => Array.IndexOf(DecidingBodies, kind) >= 0;

    internal IEnumerable<string> Errors()
    {
        if (DecisionWithinHours <= 0)
        {
            yield return "protectionMeasures.decisionWithinHours must be positive";
        }

        foreach (var (name, codes) in new[] { ("measures", Measures), ("decidingBodies", DecidingBodies) })
        {
            if (codes.Length == 0 || codes.Distinct(StringComparer.Ordinal).Count() != codes.Length)
            {
                yield return $"protectionMeasures.{name} must name at least one code, each once";
            }

            if (codes.Any(c => c.Length is 0 or > 40 || !char.IsAsciiLetterLower(c[0]) || !c.All(char.IsAsciiLetterOrDigit)))
            {
                yield return $"protectionMeasures.{name} codes are camelCase letters and digits, at most 40";
            }
        }
    }
}
