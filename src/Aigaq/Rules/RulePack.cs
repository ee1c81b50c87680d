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
    public required int MaxAttempts { get; init; }
    public required double FirstRetrySeconds { get; init; }
    public required double MaxRetrySeconds { get; init; }
}

public sealed record ReportRules
{
    public required double RegistrationWithinHours { get; init; }
}
