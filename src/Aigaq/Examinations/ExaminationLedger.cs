using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Examinations;

/// <summary>
/// What of the examinations the transparency log commits to, from the stored rows alone, so that an audit can recompute
/// it. The person's name and every free text (which may name people or describe injuries) are committed as digests only:
/// an edit of any still changes the commitment.
/// </summary>
public static class ExaminationLedger
{
    public const string Requested = "examination.requested";
    public const string ExaminerAssigned = "examination.examiner";
    public const string SessionRecorded = "examination.session";
    public const string ConsentRecorded = "examination.consent";
    public const string SectionRecorded = "examination.section";
    public const string FindingRecorded = "examination.finding";
    public const string Sealed = "examination.sealed";
    public const string Amended = "examination.amendment";

    public static IReadOnlyCollection<string> Kinds =>
        [Requested, ExaminerAssigned, SessionRecorded, ConsentRecorded, SectionRecorded, FindingRecorded, Sealed, Amended];

    public static JsonObject Content(Examination e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["seq"] = e.Seq,
        ["number"] = e.Number,
        ["region"] = e.Region,
        ["form"] = e.FormId,
        ["rulePack"] = e.RulePackId,
        ["requestedAt"] = LedgerWriter.Instant(e.RequestedAt),
        ["requestedByKind"] = e.RequestedByKind,
        ["requestedByReference"] = Digest(e.RequestedByReference),
        ["person"] = Digest(string.Join('\u001f', e.LastName, e.FirstName, e.Patronymic ?? "",
            e.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "", e.Iin ?? "")),
        ["reportId"] = e.ReportId?.ToString(),
        ["caseId"] = e.CaseId?.ToString(),
        ["detentionId"] = e.DetentionId?.ToString(),
        ["detentionEventId"] = e.DetentionEventId?.ToString(),
        ["dueBy"] = LedgerWriter.Instant(e.DueBy),
        ["recordedAt"] = LedgerWriter.Instant(e.RecordedAt),
        ["recordedBy"] = e.RecordedBy.ToString(),
    };

    public static JsonObject Content(ExaminationExaminer x) => new()
    {
        ["id"] = x.Id.ToString(),
        ["examinationId"] = x.ExaminationId.ToString(),
        ["recorderId"] = x.RecorderId.ToString(),
        ["examinerUserId"] = x.ExaminerUserId?.ToString(),
        ["name"] = Digest(x.Name),
        ["qualifications"] = Digest(x.Qualifications),
        ["employer"] = x.Employer,
        ["independenceDeclared"] = x.IndependenceDeclared,
        ["conflicts"] = Digest(x.Conflicts),
        ["notIndependentReason"] = Digest(x.NotIndependentReason),
        ["recordedAt"] = LedgerWriter.Instant(x.RecordedAt),
    };

    public static JsonObject Content(ExaminationSession s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["examinationId"] = s.ExaminationId.ToString(),
        ["place"] = Digest(s.Place),
        ["startedAt"] = LedgerWriter.Instant(s.StartedAt),
        ["endedAt"] = s.EndedAt is { } end ? LedgerWriter.Instant(end) : null,
        ["interpreter"] = Digest(s.Interpreter),
        ["interpreterLanguage"] = s.InterpreterLanguage,
        ["present"] = Digest(s.Present),
        ["policePresent"] = s.PolicePresent,
        ["policeAskedToLeave"] = s.PoliceAskedToLeave,
        ["restrictions"] = Digest(s.Restrictions),
        ["recordedAt"] = LedgerWriter.Instant(s.RecordedAt),
        ["recordedBy"] = s.RecordedBy.ToString(),
    };

    /// <summary>Consent: the items themselves (yes or no, no one named) and the refusal's reason as its digest.</summary>
    public static JsonObject Content(ExaminationConsent c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["examinationId"] = c.ExaminationId.ToString(),
        ["at"] = LedgerWriter.Instant(c.At),
        ["items"] = c.Items,
        ["refusalReason"] = Digest(c.RefusalReason),
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    public static JsonObject Content(ExaminationSection s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["examinationId"] = s.ExaminationId.ToString(),
        ["section"] = s.Section,
        ["fields"] = Digest(s.Fields),
        ["recordedAt"] = LedgerWriter.Instant(s.RecordedAt),
        ["recordedBy"] = s.RecordedBy.ToString(),
    };

    public static JsonObject Content(ExaminationFinding f) => new()
    {
        ["id"] = f.Id.ToString(),
        ["examinationId"] = f.ExaminationId.ToString(),
        ["view"] = f.View,
        ["bodyRegion"] = f.BodyRegion,
        ["x"] = f.X.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["y"] = f.Y.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["size"] = Digest(f.Size),
        ["description"] = Digest(f.Description),
        ["consistency"] = f.Consistency,
        ["rationale"] = Digest(f.Rationale),
        ["recordedAt"] = LedgerWriter.Instant(f.RecordedAt),
        ["recordedBy"] = f.RecordedBy.ToString(),
    };

    public static JsonObject Content(ExaminationSeal s)
    {
        var content = SealFields(s);

        // The records sealed, by id (no one named): a seal from before they were kept commits to what it did then.
        if (s.FindingIds is not null)
        {
            content["findings"] = new JsonArray([.. ExaminationSeals.Ids(s.FindingIds).Select(id => JsonValue.Create(id.ToString()))]);
        }

        if (s.SectionIds is not null)
        {
            content["sections"] = new JsonArray([.. ExaminationSeals.Ids(s.SectionIds).Select(id => JsonValue.Create(id.ToString()))]);
        }

        return content;
    }

    private static JsonObject SealFields(ExaminationSeal s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["examinationId"] = s.ExaminationId.ToString(),
        ["opinion"] = s.Opinion,
        ["conclusions"] = Digest(s.Conclusions),
        ["recommendations"] = Digest(s.Recommendations),
        ["policePresent"] = s.PolicePresent,
        ["restrictions"] = Digest(s.Restrictions),
        ["absenceStatement"] = s.AbsenceStatement,
        ["sealedAt"] = LedgerWriter.Instant(s.SealedAt),
        ["sealedBy"] = s.SealedBy.ToString(),
    };

    public static JsonObject Content(ExaminationAmendment a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["examinationId"] = a.ExaminationId.ToString(),
        ["reason"] = Digest(a.Reason),
        ["text"] = Digest(a.Text),
        ["findingId"] = a.FindingId?.ToString(),
        ["section"] = a.Section,
        ["recordedAt"] = LedgerWriter.Instant(a.RecordedAt),
        ["recordedBy"] = a.RecordedBy.ToString(),
    };

    /// <summary>SHA-256 of a text as UTF-8, in hex; null for none.</summary>
    private static string? Digest(string? text) =>
        text is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
