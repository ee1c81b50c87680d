using System.Globalization;
using System.Text.Json.Nodes;
using Aigaq.Alerts;
using Aigaq.Detentions;
using Aigaq.Rules;
using CustodyRules = Aigaq.Detentions.CustodyRules;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// The alert rules as pure functions, one reason per row. Times are UTC; the pack says Asia/Almaty
/// (UTC+5), so night and weekend are judged on the Almaty clock. 2026-03-02 is a Monday.
/// </summary>
public sealed class CustodyRulesTests
{
    private static readonly DateTimeOffset DetainedAt = Utc("2026-03-02T04:00:00Z"); // 09:00 Monday in Almaty
    private static readonly RulePack Pack = RulePackCatalog.LoadEmbedded().At(DetainedAt);

    [Theory]
    [InlineData(AlertCodes.LateRegistration, true, 16, 1, false, false, "registered 16 min after the detention, past the pack's 15 min: the moment must be registered at once")]
    [InlineData(AlertCodes.LateRegistration, false, 15, 1, false, false, "15 min after the detention is still in time")]
    [InlineData(AlertCodes.RightsNotExplained, true, 1, null, false, false, "CPC art. 131: rights stated at once; none recorded")]
    [InlineData(AlertCodes.RightsNotExplained, true, 1, 16, false, false, "CPC art. 131: rights stated 16 min after detention are not stated at once")]
    [InlineData(AlertCodes.RightsNotExplained, false, 1, 15, false, false, "rights stated within the pack's 15 min count as at once")]
    [InlineData(AlertCodes.MinorInUnsuitableFacility, true, 1, 1, true, false, "a minor taken to a facility that does not accept minors")]
    [InlineData(AlertCodes.MinorInUnsuitableFacility, false, 1, 1, true, true, "a juvenile facility suits a minor")]
    [InlineData(AlertCodes.MinorInUnsuitableFacility, false, 1, 1, false, false, "an adult in an adult facility")]
    public void At_registration(string code, bool raised, int recordedAfterMinutes, int? rightsAfterMinutes, bool minor, bool facilityAcceptsMinors, string reason)
    {
        var due = CustodyRules.AtRegistration(
            Pack, Guid.NewGuid(), DetainedAt, DetainedAt.AddMinutes(recordedAfterMinutes),
            rightsAfterMinutes is { } r ? DetainedAt.AddMinutes(r) : null, minor, facilityAcceptsMinors);

        Assert.True(raised == due.Any(a => a.Code == code), reason);
    }

    [Theory]
    [InlineData(AlertCodes.NightInvestigativeAction, true, "investigativeActionStarted", "2026-03-02T17:30:00Z", """{"defenderPresent":true}""", false, null, "22:30 in Almaty is in the 22:00-06:00 night window though 17:30 UTC is not")]
    [InlineData(AlertCodes.NightInvestigativeAction, false, "investigativeActionStarted", "2026-03-02T16:59:00Z", """{"defenderPresent":true}""", false, null, "21:59 in Almaty is before the night window")]
    [InlineData(AlertCodes.NightInvestigativeAction, true, "investigativeActionStarted", "2026-03-03T00:30:00Z", """{"defenderPresent":true}""", false, null, "05:30 in Almaty is still night")]
    [InlineData(AlertCodes.NightInvestigativeAction, false, "investigativeActionStarted", "2026-03-03T01:00:00Z", """{"defenderPresent":true}""", false, null, "06:00 in Almaty ends the night window")]
    [InlineData(AlertCodes.WeekendInvestigativeAction, true, "investigativeActionStarted", "2026-03-06T19:30:00Z", """{"defenderPresent":true}""", false, null, "Friday 19:30 UTC is already Saturday 00:30 in Almaty")]
    [InlineData(AlertCodes.WeekendInvestigativeAction, false, "investigativeActionStarted", "2026-03-08T19:30:00Z", """{"defenderPresent":true}""", false, null, "Sunday 19:30 UTC is already Monday 00:30 in Almaty")]
    [InlineData(AlertCodes.WeekendInvestigativeAction, true, "investigativeActionStarted", "2026-03-08T10:00:00Z", """{"defenderPresent":true}""", false, null, "Sunday afternoon in Almaty")]
    [InlineData(AlertCodes.WeekendInvestigativeAction, false, "investigativeActionStarted", "2026-03-04T10:00:00Z", """{"defenderPresent":true}""", false, null, "Wednesday afternoon in Almaty")]
    [InlineData(AlertCodes.NoDefenderPresent, true, "investigativeActionStarted", "2026-03-02T06:00:00Z", """{"defenderPresent":false}""", false, null, "an investigative action begun without a defender")]
    [InlineData(AlertCodes.NoDefenderPresent, false, "investigativeActionStarted", "2026-03-02T06:00:00Z", """{"defenderPresent":true}""", false, null, "a defender was present")]
    [InlineData(AlertCodes.NoDefenderPresent, true, "investigativeActionEnded", "2026-03-02T07:00:00Z", """{"defenderPresent":false}""", false, null, "the action ended with no defender present")]
    [InlineData(AlertCodes.MinorWithoutRepresentative, true, "investigativeActionStarted", "2026-03-02T06:00:00Z", """{"defenderPresent":true}""", true, null, "a minor questioned with no legal representative recorded")]
    [InlineData(AlertCodes.MinorWithoutRepresentative, false, "investigativeActionStarted", "2026-03-02T06:00:00Z", """{"defenderPresent":true,"legalRepresentativePresent":true}""", true, null, "a minor's legal representative was present")]
    [InlineData(AlertCodes.MinorWithoutRepresentative, false, "investigativeActionStarted", "2026-03-02T06:00:00Z", """{"defenderPresent":true}""", false, null, "an adult needs no legal representative")]
    [InlineData(AlertCodes.InjuriesRecorded, true, "medicalExamination", "2026-03-02T06:00:00Z", """{"injuriesFound":true}""", false, null, "a medical examination found injuries")]
    [InlineData(AlertCodes.InjuriesRecorded, false, "medicalExamination", "2026-03-02T06:00:00Z", """{"injuriesFound":false}""", false, null, "a medical examination found none")]
    [InlineData(AlertCodes.MinorInUnsuitableFacility, true, "transferred", "2026-03-02T06:00:00Z", "{}", true, false, "a minor transferred to a facility that does not accept minors")]
    [InlineData(AlertCodes.MinorInUnsuitableFacility, false, "transferred", "2026-03-02T06:00:00Z", "{}", true, true, "a minor transferred to a juvenile facility")]
    [InlineData(AlertCodes.RightsNotExplained, true, "rightsExplained", "2026-03-02T04:20:00Z", "{}", false, null, "CPC art. 131: rights stated 20 min after detention are late")]
    [InlineData(AlertCodes.RightsNotExplained, false, "rightsExplained", "2026-03-02T04:10:00Z", "{}", false, null, "rights stated 10 min after detention")]
    [InlineData(AlertCodes.ProtocolOverdue, true, "protocolDrawn", "2026-03-02T07:01:00Z", "{}", false, null, "protocol drawn 3 h 1 min after detention, past 3 h")]
    [InlineData(AlertCodes.ProtocolOverdue, false, "protocolDrawn", "2026-03-02T06:59:00Z", "{}", false, null, "protocol drawn within 3 h")]
    [InlineData(AlertCodes.DeliveryOverdue, true, "arrivedAtFacility", "2026-03-02T07:01:00Z", "{}", false, null, "delivered 3 h 1 min after detention, past 3 h")]
    [InlineData(AlertCodes.DeliveryOverdue, false, "arrivedAtFacility", "2026-03-02T05:00:00Z", "{}", false, null, "delivered after 1 h")]
    [InlineData(AlertCodes.CourtDeadlineExceeded, true, "courtDecision", "2026-03-04T05:00:00Z", """{"decision":"arrest"}""", false, null, "court decided 49 h after detention, past 48 h")]
    [InlineData(AlertCodes.CourtDeadlineExceeded, false, "courtDecision", "2026-03-04T03:00:00Z", """{"decision":"arrest"}""", false, null, "court decided within 48 h")]
    public void For_a_timeline_event(string code, bool raised, string type, string at, string data, bool minor, bool? newFacilityAcceptsMinors, string reason)
    {
        var detention = Detention(minor);

        var due = CustodyRules.ForEvent(Pack, detention, Guid.NewGuid(), type, Utc(at), (JsonObject)JsonNode.Parse(data)!, newFacilityAcceptsMinors);

        Assert.True(raised == due.Any(a => a.Code == code), reason);
    }

    [Theory]
    [InlineData(AlertCodes.CourtDeadlineNear, true, 42.0, "none", "6 h before the 48 h court deadline the prosecutor is warned")]
    [InlineData(AlertCodes.CourtDeadlineNear, false, 41.9, "none", "more than 6 h remain")]
    [InlineData(AlertCodes.CourtDeadlineNear, false, 48.0, "none", "once exceeded, the deadline is not also 'near'")]
    [InlineData(AlertCodes.CourtDeadlineExceeded, true, 48.0, "none", "48 h without a court decision")]
    [InlineData(AlertCodes.CourtDeadlineExceeded, false, 47.9, "none", "the 48 h have not run out")]
    [InlineData(AlertCodes.CourtDeadlineExceeded, false, 50.0, "courtDecision", "a court decision stops the court clock")]
    [InlineData(AlertCodes.CourtDeadlineExceeded, false, 50.0, "released", "release at 10 h stops the court clock")]
    [InlineData(AlertCodes.ProtocolOverdue, true, 3.0, "none", "3 h without a protocol")]
    [InlineData(AlertCodes.ProtocolOverdue, false, 2.9, "none", "the protocol's 3 h have not run out")]
    [InlineData(AlertCodes.ProtocolOverdue, false, 5.0, "protocol", "a protocol was drawn")]
    [InlineData(AlertCodes.DeliveryOverdue, true, 3.0, "none", "3 h without arrival at a facility")]
    [InlineData(AlertCodes.DeliveryOverdue, false, 5.0, "arrived", "the detainee arrived at the facility")]
    public void Clocks_running_out(string code, bool raised, double hoursAfterDetention, string state, string reason)
    {
        var detention = Detention(minor: false);
        switch (state)
        {
            case "courtDecision":
                detention.CourtDecisionAt = DetainedAt.AddHours(20);
                break;
            case "released":
                detention.Status = CustodyStatus.Released;
                detention.ReleasedAt = DetainedAt.AddHours(10);
                detention.ProtocolAt = DetainedAt.AddHours(1);
                detention.ArrivedAt = DetainedAt.AddHours(1);
                break;
            case "protocol":
                detention.ProtocolAt = DetainedAt.AddHours(2);
                break;
            case "arrived":
                detention.ArrivedAt = DetainedAt.AddHours(1);
                break;
        }

        var due = CustodyRules.ClocksAt(Pack, detention, DetainedAt.AddHours(hoursAfterDetention));

        Assert.True(raised == due.Any(a => a.Code == code), reason);
    }

    [Fact]
    public void Delivery_is_due_by_the_officers_expected_arrival_plus_grace_when_that_is_sooner()
    {
        var deadlines = CustodyRules.Compute(Pack, DetainedAt, isMinor: false, expectedArrival: DetainedAt.AddMinutes(40));

        Assert.Equal(DetainedAt.AddMinutes(70), deadlines.DeliveryBy);
        Assert.Equal(DetainedAt.AddHours(48), deadlines.CourtBy);
        Assert.Equal(DetainedAt.AddHours(3), deadlines.ProtocolBy);
    }

    [Theory]
    [InlineData("2008-03-02", true, "born a day later (3 March 2008), still 17 on 2 March 2026 in Almaty")]
    [InlineData("2008-03-02", false, "18th birthday in Almaty on the day of detention: an adult")]
    public void Minority_is_judged_on_the_local_date(string born, bool minor, string reason)
    {
        var birth = DateOnly.ParseExact(born, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (minor)
        {
            birth = birth.AddDays(1);
        }

        // 2026-03-01T20:00Z is already 2 March in Almaty.
        Assert.True(minor == CustodyRules.IsMinor(Pack, birth, Utc("2026-03-01T20:00:00Z")), reason);
    }

    private static Detention Detention(bool minor)
    {
        var deadlines = CustodyRules.Compute(Pack, DetainedAt, minor, null);
        return new Detention
        {
            Id = Guid.NewGuid(),
            Number = "D75-000001",
            LastName = "Ахметов",
            FirstName = "Ерлан",
            NameKey = "АХМЕТОВ|ЕРЛАН",
            PlaceAddress = "г. Алматы",
            Region = "KZ-75",
            Agency = "police",
            RulePackId = Pack.Id,
            IsMinor = minor,
            DetainedAt = DetainedAt,
            RecordedAt = DetainedAt,
            CourtBy = deadlines.CourtBy,
            ProtocolBy = deadlines.ProtocolBy,
            DeliveryBy = deadlines.DeliveryBy,
            Status = CustodyStatus.InTransit,
        };
    }

    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
