using System.Text.Json.Serialization;

namespace Aigaq.Rules;

/// <summary>
/// A versioned set of legal figures with the instant from which it applies. A detention is judged
/// by the pack in force at its moment of detention, so old records keep the rules of their day.
/// </summary>
public sealed record RulePack
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset EffectiveFrom { get; init; }
    public required string TimeZone { get; init; }
    public Dictionary<string, string> Sources { get; init; } = [];
    public required CustodyRules Custody { get; init; }
    public required RegistrationRules Registration { get; init; }
    public required RightsRules Rights { get; init; }
    public required InvestigativeActionRules InvestigativeActions { get; init; }
    public required NotificationRules Notifications { get; init; }
    public required ReportRules Reports { get; init; }
    public required CaseRules Cases { get; init; }
    public required AlertRules Alerts { get; init; }

    /// <summary>Protection applications and measures (issue 15, item 5).</summary>
    public required ProtectionMeasureRules ProtectionMeasures { get; init; }
    /// <summary>The reprisal register's vocabularies, its earliest date and its statistics' small-cell threshold.</summary>
    public required ReprisalRules Reprisals { get; init; }

    /// <summary>Protection of people who report: how long their records are kept (issue 15, item 9).</summary>
    public required ProtectionRules Protection { get; init; }

    /// <summary>Istanbul Protocol examinations: their clocks and the examiners' employers (issue 16).</summary>
    public required ExaminationRules Examinations { get; init; }

    /// <summary>Monitoring-visit teams: the agencies of roles, for the conflict check (issue 17, item 3).</summary>
    public required VisitTeamRules VisitTeams { get; init; }

    /// <summary>Planning monitoring visits by risk: window, weights, bands (issue 17, item 2).</summary>
    public required VisitPlanRules VisitPlanning { get; init; }

    /// <summary>UN recommendations: the mechanisms tracked (issue 18, item 1).</summary>
    public required RecommendationRules Recommendations { get; init; }

    /// <summary>Private interviews during monitoring visits: vulnerability flags, the follow-up of people at risk (issue 17, item 7).</summary>
    public required VisitInterviewRules VisitInterviews { get; init; }
    /// <summary>The monitoring team's recommendations to the authority: repeats and response dates (issue 17, item 8).</summary>
    public required VisitRecommendationRules VisitRecommendations { get; init; }

    [JsonIgnore]
    public TimeZoneInfo Zone => field ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

public sealed record CustodyRules
{
    public required double CourtWithinHours { get; init; }
    public required double ExceptionalCourtWithinHours { get; init; }
    public double? MinorCourtWithinHours { get; init; }
    public required double CourtDeadlineWarningHours { get; init; }
    public required double ProtocolWithinHours { get; init; }
    public required double DeliveryWithinHours { get; init; }

    /// <summary>How late after the officer's own expected arrival the delivery counts as overdue.</summary>
    public required double DeliveryGraceMinutes { get; init; }
    public required int MinorAgeYears { get; init; }
}

public sealed record RegistrationRules
{
    public required double LateAfterMinutes { get; init; }
    public required double ClockSkewMinutes { get; init; }

    /// <summary>Whether an officer may register a detention in another region than their own (it then raises an alert).</summary>
    public bool OutsideRegionAllowed { get; init; }
}

public sealed record RightsRules
{
    public required double ExplainWithinMinutes { get; init; }
}

public sealed record InvestigativeActionRules
{
    public required TimeOnly NightStart { get; init; }
    public required TimeOnly NightEnd { get; init; }
    public required DayOfWeek[] WeekendDays { get; init; }

    /// <summary>Whether a local time of day falls in the night window, which may wrap past midnight.</summary>
    public bool IsNight(TimeOnly local) => NightStart <= NightEnd
        ? local >= NightStart && local < NightEnd
        : local >= NightStart || local < NightEnd;
}

public sealed record NotificationRules
{
    public required double UndeliveredAfterMinutes { get; init; }
    /// <summary>Fast attempts, at growing intervals from <see cref="FirstRetrySeconds"/> to <see cref="MaxRetrySeconds"/>.</summary>
    public required int MaxAttempts { get; init; }
    public required double FirstRetrySeconds { get; init; }
    public required double MaxRetrySeconds { get; init; }

    /// <summary>After the fast attempts, one every so many minutes (and at once when the channel is seen working again)...</summary>
    public required double SlowRetryMinutes { get; init; }

    /// <summary>...until this long after the notification was queued or last resent; then it has failed, until resent.</summary>
    public required double GiveUpAfterHours { get; init; }
}

/// <summary>How much an alert weighs, from most to least: the dashboard opens on the heaviest (issue 14, item 1).</summary>
public enum AlertSeverity
{
    Critical,
    High,
    Normal,
}

public sealed record AlertRules
{
    /// <summary>Each alert code's severity; a code the pack does not name is <see cref="AlertSeverity.Normal"/>.</summary>
    public required Dictionary<string, AlertSeverity> Severity { get; init; }

    /// <summary>
    /// A critical alert is sent to the region's supervisory prosecutors by e-mail and SMS if it is still open and was
    /// raised at most so long ago (older ones, from before a deployment say, are not sent all at once).
    /// </summary>
    public required double MessageWithinHours { get; init; }

    /// <summary>
    /// Codes whose messages go by e-mail only, never by SMS: SMS is for urgent custody matters, and a reminder of days
    /// (a UN recommendation's follow-up, an overdue measure) is read at a desk. A code not named here goes by both.
    /// </summary>
    public string[] EmailOnly { get; init; } = [];

    /// <summary>Whether a message of <paramref name="code"/> may go by SMS as well as by e-mail.</summary>
    public bool BySms(string code) => Array.IndexOf(EmailOnly, code) < 0;

    public AlertSeverity Of(string code) => Severity.GetValueOrDefault(code, AlertSeverity.Normal);

    /// <summary>The codes of one severity.</summary>
    public IReadOnlyList<string> Codes(AlertSeverity severity) =>
        [.. Severity.Where(s => s.Value == severity).Select(s => s.Key).Order(StringComparer.Ordinal)];
}

public sealed record ReportRules
{
    public required double RegistrationWithinHours { get; init; }

    /// <summary>How many digits an ERDR registration number has (and nothing but digits).</summary>
    public required int ErdrNumberDigits { get; init; }

    /// <summary>Whether <paramref name="number"/> is an ERDR number as this pack writes them.</summary>
    public bool IsErdrNumber(string number) => number.Length == ErdrNumberDigits && number.All(char.IsAsciiDigit);
}

/// <summary>The kinds of body that investigate an art. 146 case (DOMAIN.md, jurisdiction).</summary>
public enum BodyKind
{
    SpecialProsecutor,
    InternalAffairs,
}

/// <summary>The procedural agreement kinds of CPC art. 612.</summary>
public enum AgreementKind
{
    Plea,
    Cooperation,
}

/// <summary>Crime categories by gravity (Criminal Code).</summary>
public enum CrimeCategory
{
    Minor,
    Medium,
    Grave,
    EspeciallyGrave,
}

/// <summary>
/// Art. 146 of the Criminal Code: its parts, who investigates each, which agreements are barred,
/// how the qualification aid maps facts to parts, and the deadlines of cases and referrals.
/// </summary>
public sealed record CaseRules
{
    public required string Article { get; init; }

    /// <summary>Each part of the article by its number.</summary>
    public required Dictionary<int, PartRules> Parts { get; init; }

    /// <summary>Who investigates a case qualified as torture, whatever its part (parts 3 and 4 "unless torture").</summary>
    public required BodyKind TortureInvestigatedBy { get; init; }

    /// <summary>The investigating bodies: the agency group each belongs to and where a conflict escalates.</summary>
    public required Dictionary<BodyKind, BodyRules> Bodies { get; init; }

    /// <summary>Agency groups by name, each with the agencies of CONTRACT.md it holds.</summary>
    public required Dictionary<string, Facilities.Agency[]> AgencyGroups { get; init; }

    public required double ReferralAcceptWithinHours { get; init; }

    /// <summary>How long a reviewer has to decide a challenge or complaint.</summary>
    public required double ReviewWithinHours { get; init; }

    public required QualificationRules Qualification { get; init; }

    public PartRules? Part(int part) => Parts.GetValueOrDefault(part);
}

public sealed record PartRules
{
    public required string Title { get; init; }
    public required CrimeCategory Category { get; init; }
    public required BodyKind InvestigatedBy { get; init; }
    public AgreementKind[] BarredAgreements { get; init; } = [];

    /// <summary>A conviction under this part may not carry a suspended sentence.</summary>
    public bool SuspendedSentenceBarred { get; init; }
}

public sealed record BodyRules
{
    public required string AgencyGroup { get; init; }

    /// <summary>Where a case goes when this body would investigate its own agency group; none when it cannot be escalated.</summary>
    public BodyKind? EscalatesTo { get; init; }
}

/// <summary>How the qualification aid suggests a part from the facts a person answers.</summary>
public sealed record QualificationRules
{
    /// <summary>The part for ill-treatment by an official with none of the features below.</summary>
    public required int BasePart { get; init; }

    /// <summary>The part when the treatment had a purpose that makes it torture.</summary>
    public required int TorturePart { get; init; }

    /// <summary>The purposes that make ill-treatment torture.</summary>
    public required string[] Purposes { get; init; }

    /// <summary>Aggravating features and the part each leads to; the highest part wins.</summary>
    public required Dictionary<string, int> Aggravating { get; init; }
}
