using System.Text.Json.Nodes;
using Aigaq.Alerts;
using Aigaq.Rules;

namespace Aigaq.Detentions;

/// <summary>
/// The legal clocks of a custody and the alert rules, as pure functions of the rule pack, the
/// detention and the clock. The registration and event handlers and the background scanner all
/// ask here, so one rule has one implementation.
/// </summary>
public static class CustodyRules
{
    public sealed record Deadlines(DateTimeOffset CourtBy, DateTimeOffset ProtocolBy, DateTimeOffset DeliveryBy);

    public static Deadlines Compute(RulePack pack, DateTimeOffset detainedAt, bool isMinor, DateTimeOffset? expectedArrival)
    {
        var c = pack.Custody;
        var courtHours = isMinor ? c.MinorCourtWithinHours ?? c.CourtWithinHours : c.CourtWithinHours;
        var deliveryBy = detainedAt.AddHours(c.DeliveryWithinHours);
        if (expectedArrival is { } expected && expected.AddMinutes(c.DeliveryGraceMinutes) < deliveryBy)
        {
            deliveryBy = expected.AddMinutes(c.DeliveryGraceMinutes);
        }

        return new Deadlines(detainedAt.AddHours(courtHours), detainedAt.AddHours(c.ProtocolWithinHours), deliveryBy);
    }

    /// <summary>Whether a person born on <paramref name="birthDate"/> was a minor at the local date of an instant.</summary>
    public static bool IsMinor(RulePack pack, DateOnly? birthDate, DateTimeOffset at)
    {
        if (birthDate is not { } born)
        {
            return false;
        }

        var localDate = DateOnly.FromDateTime(pack.ToLocal(at).DateTime);
        return born.AddYears(pack.Custody.MinorAgeYears) > localDate;
    }

    public static IEnumerable<AlertDue> AtRegistration(
        RulePack pack, Guid detentionId, DateTimeOffset detainedAt, DateTimeOffset recordedAt,
        DateTimeOffset? rightsExplainedAt, bool isMinor, bool facilityAcceptsMinors)
    {
        if (recordedAt - detainedAt > TimeSpan.FromMinutes(pack.Registration.LateAfterMinutes))
        {
            yield return new(AlertCodes.LateRegistration, Key(AlertCodes.LateRegistration, detentionId), detainedAt);
        }

        var rightsBy = detainedAt.AddMinutes(pack.Rights.ExplainWithinMinutes);
        if (rightsExplainedAt is null || rightsExplainedAt > rightsBy)
        {
            yield return new(AlertCodes.RightsNotExplained, Key(AlertCodes.RightsNotExplained, detentionId), rightsBy);
        }

        if (isMinor && !facilityAcceptsMinors)
        {
            yield return new(AlertCodes.MinorInUnsuitableFacility, Key(AlertCodes.MinorInUnsuitableFacility, detentionId), detainedAt);
        }
    }

    /// <summary>The alerts a newly recorded timeline event raises.</summary>
    public static IEnumerable<AlertDue> ForEvent(RulePack pack, Detention d, Guid eventId, CustodyEvent e, bool? newFacilityAcceptsMinors)
    {
        var at = e.At;
        switch (e)
        {
            case InvestigativeActionStarted started:
                var local = pack.ToLocal(at);
                if (pack.InvestigativeActions.IsNight(TimeOnly.FromDateTime(local.DateTime)))
                {
                    yield return new(AlertCodes.NightInvestigativeAction, Key(AlertCodes.NightInvestigativeAction, eventId), at);
                }

                if (pack.InvestigativeActions.WeekendDays.Contains(local.DayOfWeek))
                {
                    yield return new(AlertCodes.WeekendInvestigativeAction, Key(AlertCodes.WeekendInvestigativeAction, eventId), at);
                }

                if (started.DefenderPresent == false)
                {
                    yield return new(AlertCodes.NoDefenderPresent, Key(AlertCodes.NoDefenderPresent, eventId), at);
                }

                if (d.IsMinor && started.LegalRepresentativePresent != true)
                {
                    yield return new(AlertCodes.MinorWithoutRepresentative, Key(AlertCodes.MinorWithoutRepresentative, eventId), at);
                }

                break;
            case InvestigativeActionEnded { DefenderPresent: false }:
                yield return new(AlertCodes.NoDefenderPresent, Key(AlertCodes.NoDefenderPresent, eventId), at);
                break;
            case MedicalExamination { InjuriesFound: true }:
                yield return new(AlertCodes.InjuriesRecorded, Key(AlertCodes.InjuriesRecorded, eventId), at);
                break;
            case Transferred when d.IsMinor && newFacilityAcceptsMinors == false:
                yield return new(AlertCodes.MinorInUnsuitableFacility, Key(AlertCodes.MinorInUnsuitableFacility, eventId), at);
                break;
            case RightsExplained when at > d.DetainedAt.AddMinutes(pack.Rights.ExplainWithinMinutes):
                yield return new(AlertCodes.RightsNotExplained, Key(AlertCodes.RightsNotExplained, d.Id), d.DetainedAt.AddMinutes(pack.Rights.ExplainWithinMinutes));
                break;
            case ProtocolDrawn when at > d.ProtocolBy:
                yield return new(AlertCodes.ProtocolOverdue, Key(AlertCodes.ProtocolOverdue, d.Id), d.ProtocolBy);
                break;
            case ArrivedAtFacility when at > d.DeliveryBy:
                yield return new(AlertCodes.DeliveryOverdue, Key(AlertCodes.DeliveryOverdue, d.Id), d.DeliveryBy);
                break;
            case CourtDecision when at > d.CourtBy:
                yield return new(AlertCodes.CourtDeadlineExceeded, Key(AlertCodes.CourtDeadlineExceeded, d.Id), d.CourtBy);
                break;
        }
    }

    /// <summary>The alerts of an event as it is stored, its type and its fields, as when it was recorded.</summary>
    public static IEnumerable<AlertDue> ForEvent(
        RulePack pack, Detention d, Guid eventId, string type, DateTimeOffset at, JsonObject fields, bool? newFacilityAcceptsMinors) =>
        ForEvent(pack, d, eventId, CustodyEventJson.FromStored(type, at, fields), newFacilityAcceptsMinors);

    /// <summary>The alerts of clocks that have run out with no event, as seen at <paramref name="now"/>.</summary>
    public static IEnumerable<AlertDue> ClocksAt(RulePack pack, Detention d, DateTimeOffset now)
    {
        if (d.Status == CustodyStatus.Released && d.ReleasedAt is { } released && released <= now)
        {
            now = released;
        }

        if (d.CourtDecisionAt is null)
        {
            if (now >= d.CourtBy)
            {
                yield return new(AlertCodes.CourtDeadlineExceeded, Key(AlertCodes.CourtDeadlineExceeded, d.Id), d.CourtBy);
            }
            else if (now >= d.CourtBy.AddHours(-pack.Custody.CourtDeadlineWarningHours))
            {
                yield return new(AlertCodes.CourtDeadlineNear, Key(AlertCodes.CourtDeadlineNear, d.Id), d.CourtBy);
            }
        }

        if (d.ProtocolAt is null && now >= d.ProtocolBy)
        {
            yield return new(AlertCodes.ProtocolOverdue, Key(AlertCodes.ProtocolOverdue, d.Id), d.ProtocolBy);
        }

        if (d.ArrivedAt is null && now >= d.DeliveryBy)
        {
            yield return new(AlertCodes.DeliveryOverdue, Key(AlertCodes.DeliveryOverdue, d.Id), d.DeliveryBy);
        }
    }

    public static string Key(string code, Guid subject) => $"{code}:{subject:N}";
}
