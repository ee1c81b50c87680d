using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Alerts;

/// <summary>The alert codes of CONTRACT.md.</summary>
public static class AlertCodes
{
    public const string LateRegistration = nameof(LateRegistration);
    public const string RightsNotExplained = nameof(RightsNotExplained);
    public const string ProtocolOverdue = nameof(ProtocolOverdue);
    public const string CourtDeadlineNear = nameof(CourtDeadlineNear);
    public const string CourtDeadlineExceeded = nameof(CourtDeadlineExceeded);
    public const string NotificationUndelivered = nameof(NotificationUndelivered);
    public const string NightInvestigativeAction = nameof(NightInvestigativeAction);
    public const string WeekendInvestigativeAction = nameof(WeekendInvestigativeAction);
    public const string NoDefenderPresent = nameof(NoDefenderPresent);
    public const string MinorWithoutRepresentative = nameof(MinorWithoutRepresentative);
    public const string MinorInUnsuitableFacility = nameof(MinorInUnsuitableFacility);
    public const string InjuriesRecorded = nameof(InjuriesRecorded);

    /// <summary>
    /// An arrival or transfer recorded where the register did not expect it (another facility than the one the person
    /// was sent to, or by a custody officer of another facility), with the recorder's reason. Until the supervisory
    /// prosecutor acknowledges it, the public lookup does not name the place.
    /// </summary>
    public const string PlaceNotAsExpected = nameof(PlaceNotAsExpected);

    /// <summary>A detention registered by an officer of another region, where the rule pack allows it.</summary>
    public const string RegisteredOutsideRegion = nameof(RegisteredOutsideRegion);
    public const string DeliveryOverdue = nameof(DeliveryOverdue);

    // Reports and cases.
    public const string RegistrationOverdue = nameof(RegistrationOverdue);
    public const string ReferralUnacknowledged = nameof(ReferralUnacknowledged);
    public const string InstitutionalConflict = nameof(InstitutionalConflict);
    public const string AgreementNotAllowed = nameof(AgreementNotAllowed);
    public const string AgreementInTortureCase = nameof(AgreementInTortureCase);
    public const string SuspendedSentenceBarred = nameof(SuspendedSentenceBarred);

    // Independent review.
    public const string ReviewOverdue = nameof(ReviewOverdue);

    // Protection of people who report.

    /// <summary>A protected person appears in a detention: matched by blind index, never by opening their identity.</summary>
    public const string ProtectedPersonDetained = nameof(ProtectedPersonDetained);

    /// <summary>An application for security measures undecided at its deadline (the rule pack's hours from receipt).</summary>
    public const string ProtectionDecisionOverdue = nameof(ProtectionDecisionOverdue);

    /// <summary>The date set for the next follow-up contact with a protected person passed with no later contact.</summary>
    public const string FollowUpContactDue = nameof(FollowUpContactDue);

    /// <summary>A security measure in force whose review date passed without a review.</summary>
    public const string ProtectionMeasureReviewDue = nameof(ProtectionMeasureReviewDue);

    /// <summary>
    /// A protected person is detained on a charge (the detention names an article): a counter-charge, such as knowingly
    /// false denunciation, is the reprisal the coalition reports most.
    /// </summary>
    public const string CounterChargeAgainstReporter = nameof(CounterChargeAgainstReporter);

    /// <summary>A protected person in custody is moved to another facility.</summary>
    public const string ProtectedPersonTransferred = nameof(ProtectedPersonTransferred);

    public const string ReprisalReported = nameof(ReprisalReported);

    /// <summary>
    /// An anonymous reporter wrote on their report's channel (issue 15, item 8): a cases alert, raised in the report's
    /// region for the staff who handle it; discreet, since the reporter risks reprisals. Not in CONTRACT.md.
    /// </summary>
    public const string AnonymousReplyWaiting = nameof(AnonymousReplyWaiting);

    /// <summary>
    /// A detainee complained of ill-treatment in custody and could not be registered as a protected person by the
    /// protection scan (no custodians enough, or an identity the register cannot seal): someone must do it by hand. About
    /// the report, never the person. Not in CONTRACT.md.
    /// </summary>
    public const string ComplainantNotProtected = nameof(ComplainantNotProtected);

    // Istanbul Protocol examinations (issue 16).

    /// <summary>A requested examination whose session had not started by its due time (the rule pack's hours from the request).</summary>
    public const string ExaminationOverdue = nameof(ExaminationOverdue);

    /// <summary>Police were present at an examination (IP 2022: examined in private, without security agents).</summary>
    public const string PolicePresentAtExamination = nameof(PolicePresentAtExamination);

    /// <summary>An examiner employed by the accused agency was assigned, with the reason recorded.</summary>
    public const string ExaminerNotIndependent = nameof(ExaminerNotIndependent);

    /// <summary>A case under art. 146 part 2 with no examination started within the rule pack's days of its registration.</summary>
    public const string NoExaminationInTortureCase = nameof(NoExaminationInTortureCase);

    // Monitoring visits (issue 17).

    /// <summary>A monitoring team was refused access (to the place, an area, a register, a detainee...): raised at once.</summary>
    public const string AccessDenied = nameof(AccessDenied);

    /// <summary>A monitoring team found a person held whom the register did not have there at that moment; a report is opened.</summary>
    public const string UnregisteredDetainee = nameof(UnregisteredDetainee);

    /// <summary>The register had a person held in the place a monitoring team counted, and the team did not find them.</summary>
    public const string RegisteredButAbsent = nameof(RegisteredButAbsent);

    // UN recommendations (issue 18, item 6): national, not of a region.

    /// <summary>A recommendation's follow-up is due within the rule pack's <c>recommendations.followUpReminderDays</c>.</summary>
    public const string RecommendationFollowUpDue = nameof(RecommendationFollowUpDue);

    /// <summary>A measure on a recommendation passed its target date neither completed nor abandoned.</summary>
    public const string MeasureOverdue = nameof(MeasureOverdue);

    /// <summary>The recommendations' codes: raised for the whole country (region "KZ"), sent to every analyst and monitor.</summary>
    public static readonly IReadOnlySet<string> Recommendations = new HashSet<string>(StringComparer.Ordinal) { RecommendationFollowUpDue, MeasureOverdue };

    /// <summary>Codes sent to the Commissioner's office (the region's monitors) as well as to the supervisory prosecutors (ADR 0030).</summary>
    public static readonly IReadOnlySet<string> ToCommissioner = new HashSet<string>(StringComparer.Ordinal) { AccessDenied, UnregisteredDetainee, RegisteredButAbsent };

    /// <summary>The protection area's codes: about a protected person, so discreet and sent to the protection officers too.</summary>
    public static readonly IReadOnlySet<string> Protection = new HashSet<string>(StringComparer.Ordinal)
    {
        ProtectedPersonDetained, CounterChargeAgainstReporter, ProtectedPersonTransferred, ProtectionDecisionOverdue, ReprisalReported,
        FollowUpContactDue, ProtectionMeasureReviewDue, ComplainantNotProtected,
    };

    /// <summary>
    /// Codes whose name and subject are not sent by SMS or e-mail (which pass through gateways and mail providers): the
    /// message only says that a critical alert waits in Aigaq, with its link.
    /// </summary>
    public static bool IsDiscreet(string code) => Protection.Contains(code) || code == AnonymousReplyWaiting;

    // Monitoring visits' recommendations to the authority (issue 17, item 8).

    /// <summary>A monitoring team made again a recommendation it had made to the same place before (ADR 0030, addendum).</summary>
    public const string RepeatedRecommendation = nameof(RepeatedRecommendation);

    /// <summary>A visit's recommendation whose response was due and none is recorded.</summary>
    public const string RecommendationResponseOverdue = nameof(RecommendationResponseOverdue);

    /// <summary>
    /// Codes the region's monitors (the Commissioner's office, ADR 0030) are told of whatever their severity, and only they:
    /// what becomes of the mechanism's own recommendations is its work to follow, not the supervisory prosecutor's.
    /// </summary>
    public static readonly IReadOnlySet<string> ToMonitors = new HashSet<string>(StringComparer.Ordinal) { RepeatedRecommendation, RecommendationResponseOverdue };
}

public enum AlertStatus
{
    Open,
    Acknowledged,
}

/// <summary>
/// An alert raised on a record. <see cref="Key"/> makes raising idempotent: the same rule firing
/// for the same cause (a clock, an event, a notification) on two nodes yields one alert.
/// Acknowledgement is a one-way transition that keeps who, when and why.
/// </summary>
public sealed class Alert
{
    public Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Key { get; init; }
    public Guid? DetentionId { get; init; }

    /// <summary>
    /// Copies of the detention's <c>DestinationFacilityId</c> and <c>DetainedAt</c> (both set once at registration and never
    /// changed), taken when the alert is raised, so that the visit plan counts a window's alerts per facility from the
    /// alerts alone instead of joining them to half a million detentions (issue 17, ADR 0030 addendum). Null when the
    /// alert names no detention. Not in the alert's log entries (they stay as they were): the detentions' audit names an
    /// alert whose copies differ from its detention.
    /// </summary>
    public Guid? DetentionFacilityId { get; init; }

    /// <inheritdoc cref="DetentionFacilityId"/>
    public DateTimeOffset? DetainedAt { get; init; }
    public Guid? ReportId { get; init; }
    public Guid? CaseId { get; init; }
    public required string Region { get; init; }
    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>The legal moment the alert is about (a deadline, an event's time).</summary>
    public DateTimeOffset? DueAt { get; init; }
    public string? Detail { get; init; }

    public AlertStatus Status { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    public string? Comment { get; set; }
}

/// <summary>
/// What the log commits to for an alert, from its raising (code, cause, subject, due time) to its acknowledgement (who,
/// when, why): every alert raised is an entry, so that deleting or editing one is named by the audit.
/// </summary>
public static class AlertLedger
{
    public static readonly LoggedState<Alert> State = new("alert.state", "alert", a => a.Id, (w, a) => w.StartObject()
        .Member("acknowledgedAt", a.AcknowledgedAt is { } at ? LedgerWriter.Instant(at) : null)
        .Member("acknowledgedBy", a.AcknowledgedBy?.ToString())
        .Member("caseId", a.CaseId?.ToString())
        .Member("code", a.Code)
        .Member("comment", a.Comment)
        .Member("detail", a.Detail)
        .Member("detentionId", a.DetentionId?.ToString())
        .Member("dueAt", a.DueAt is { } due ? LedgerWriter.Instant(due) : null)
        .Member("id", a.Id.ToString())
        .Member("key", a.Key)
        .Member("raisedAt", LedgerWriter.Instant(a.RaisedAt))
        .Member("region", a.Region)
        .Member("reportId", a.ReportId?.ToString())
        .Member("status", a.Status.ToString())
        .EndObject());
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.Key).IsUnique();
        b.HasIndex(a => new { a.Status, a.Region, a.RaisedAt });
        b.HasIndex(a => a.DetentionId);
        b.HasIndex(a => a.ReportId);
        b.HasIndex(a => a.CaseId);
        b.Property(a => a.Code).HasMaxLength(40);
        b.Property(a => a.Key).HasMaxLength(200);
        b.Property(a => a.Region).HasMaxLength(8);
        b.Property(a => a.Status).IsConcurrencyToken();
    }
}
