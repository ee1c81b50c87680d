using Aigaq.Facilities;
using Aigaq.Rules;

namespace Aigaq.Cases;

/// <summary>
/// Who investigates an art. 146 case, as pure functions of the rule pack: routing by part,
/// the guard against an agency investigating its own staff, and barred agreements. The
/// handlers and the scanner ask here, so one rule has one implementation.
/// </summary>
public static class Jurisdiction
{
    /// <summary>The competent body for a part; a case qualified as torture goes to the torture body whatever its part.</summary>
    public static BodyKind Route(RulePack pack, int part, bool torture)
    {
        var rules = pack.Cases.Part(part) ?? throw new ArgumentOutOfRangeException(nameof(part), part, "not a part of the article");
        return torture ? pack.Cases.TortureInvestigatedBy : rules.InvestigatedBy;
    }

    /// <summary>Whether a case is torture by its part alone (the part the pack names for torture).</summary>
    public static bool IsTorturePart(RulePack pack, int part) => part == pack.Cases.Qualification.TorturePart;

    /// <summary>The alleged agencies that belong to the same agency group as the body.</summary>
    public static IReadOnlyList<Agency> Conflicts(RulePack pack, BodyKind body, IEnumerable<Agency> alleged)
    {
        var group = pack.Cases.Bodies[body].AgencyGroup;
        var members = pack.Cases.AgencyGroups.GetValueOrDefault(group) ?? [];
        return [.. alleged.Where(members.Contains).Distinct().Order()];
    }

    /// <summary>Where a conflicted case may be escalated; null when the body has nowhere to escalate.</summary>
    public static BodyKind? EscalationOf(RulePack pack, BodyKind body) => pack.Cases.Bodies[body].EscalatesTo;

    public static bool IsAgreementBarred(RulePack pack, int part, AgreementKind kind) =>
        pack.Cases.Part(part)?.BarredAgreements.Contains(kind) ?? false;
}

/// <summary>The facts a person answers for the qualification aid.</summary>
public sealed record QualificationAnswers(bool OfficialCapacity, IReadOnlyCollection<string> Purposes, IReadOnlyCollection<string> Aggravating);

/// <summary>The aid's suggestion: a part (none when art. 146 does not apply), whether it is torture, and why.</summary>
public sealed record QualificationSuggestion(int? Part, bool Torture, IReadOnlyList<string> Reasons);

/// <summary>
/// The qualification decision aid: suggests a part of art. 146 from the facts. It only
/// suggests; a person records the part and why.
/// </summary>
public static class QualificationAid
{
    public static QualificationSuggestion Suggest(RulePack pack, QualificationAnswers answers)
    {
        var q = pack.Cases.Qualification;
        if (!answers.OfficialCapacity)
        {
            return new QualificationSuggestion(null, false, ["not by an official or a person acting in an official capacity"]);
        }

        var purposes = answers.Purposes.Where(q.Purposes.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        var torture = purposes.Count > 0;
        var part = torture ? q.TorturePart : q.BasePart;
        var reasons = new List<string> { torture ? "purpose: " + string.Join(", ", purposes) : "no purpose of torture" };
        foreach (var feature in answers.Aggravating.Distinct().Order(StringComparer.Ordinal))
        {
            if (q.Aggravating.TryGetValue(feature, out var featurePart))
            {
                reasons.Add($"aggravating: {feature}");
                part = Math.Max(part, featurePart);
            }
        }

        return new QualificationSuggestion(part, torture, reasons);
    }

    /// <summary>Names not known to the pack, so that a request can name the field.</summary>
    public static IEnumerable<string> Unknown(IEnumerable<string> given, IEnumerable<string> known) =>
        given.Where(g => !known.Contains(g, StringComparer.Ordinal));
}
