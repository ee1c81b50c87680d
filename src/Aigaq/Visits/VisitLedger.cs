using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>
/// What of the visits area the transparency log commits to, from the stored rows alone, so that the audit recomputes it.
/// Free texts that may name people (team members' names and e-mails, who refused access and why, notes) are committed as
/// their SHA-256 digests: an edit still changes the commitment, and the public log names no one.
/// </summary>
public static class VisitLedger
{
    public const string VisitPlanned = "visit.planned";
    public const string TeamApproved = "visit.team.approved";
    public const string Arrived = "visit.arrival";
    public const string Checked = "visit.check";
    public const string AccessDenied = "visit.access.denied";
    public const string MonitoringProfile = "facility.monitoring";
    public const string Headcount = "visit.headcount";

    /// <summary>A visit as planned, with its team in order (a member deleted or edited changes the visit's commitment).</summary>
    public static JsonObject Content(Visit v, IEnumerable<VisitTeamMember> team) => new()
    {
        ["id"] = v.Id.ToString(),
        ["number"] = v.Number,
        ["facilityId"] = v.FacilityId.ToString(),
        ["region"] = v.Region,
        ["plannedFor"] = LedgerWriter.Instant(v.PlannedFor),
        ["kind"] = Json.Name(v.Kind),
        ["announced"] = v.Announced,
        ["noticeGivenAt"] = v.NoticeGivenAt is { } notice ? LedgerWriter.Instant(notice) : null,
        ["checklist"] = v.ChecklistId,
        ["checklistVersion"] = v.ChecklistVersion,
        ["checklistKind"] = v.ChecklistKind,
        ["team"] = new JsonArray([.. team.OrderBy(m => m.Position).Select(m => (JsonNode)new JsonObject
        {
            ["id"] = m.Id.ToString(),
            ["position"] = m.Position,
            ["name"] = Digest(m.Name),
            ["email"] = Digest(m.Email),
            ["role"] = Json.Name(m.Role),
            ["sex"] = m.Sex is { } sex ? Json.Name(sex) : null,
            ["userId"] = m.UserId?.ToString(),
        })]),
        ["recordedAt"] = LedgerWriter.Instant(v.RecordedAt),
        ["recordedBy"] = v.RecordedBy.ToString(),
        ["rulePack"] = v.RulePackId,
    };

    public static JsonObject Content(VisitApproval a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["visitId"] = a.VisitId.ToString(),
        ["comment"] = Digest(a.Comment),
        ["approvedAt"] = LedgerWriter.Instant(a.ApprovedAt),
        ["approvedBy"] = a.ApprovedBy.ToString(),
    };

    public static JsonObject Content(VisitArrival a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["visitId"] = a.VisitId.ToString(),
        ["arrivedAt"] = LedgerWriter.Instant(a.ArrivedAt),
        ["admittedAt"] = a.AdmittedAt is { } admitted ? LedgerWriter.Instant(admitted) : null,
        ["recordedAt"] = LedgerWriter.Instant(a.RecordedAt),
        ["recordedBy"] = a.RecordedBy.ToString(),
    };

    public static JsonObject Content(VisitCheck c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["visitId"] = c.VisitId.ToString(),
        ["kind"] = Json.Name(c.Kind),
        ["name"] = Digest(c.Name),
        ["at"] = LedgerWriter.Instant(c.At),
        ["note"] = Digest(c.Note),
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    public static JsonObject Content(AccessDenial d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["visitId"] = d.VisitId.ToString(),
        ["facilityId"] = d.FacilityId.ToString(),
        ["region"] = d.Region,
        ["at"] = LedgerWriter.Instant(d.At),
        ["what"] = Json.Name(d.What),
        ["by"] = Digest(d.By),
        ["reason"] = Digest(d.Reason),
        ["minutes"] = d.Minutes,
        ["recordedAt"] = LedgerWriter.Instant(d.RecordedAt),
        ["recordedBy"] = d.RecordedBy.ToString(),
    };

    public static JsonObject Content(FacilityMonitoringChange c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["facilityId"] = c.FacilityId.ToString(),
        ["capacity"] = c.Capacity,
        ["closed"] = c.Closed,
        ["reason"] = Digest(c.Reason),
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    /// <summary>A headcount with every line in order; the names, birth dates and IINs of the people found as digests.</summary>
    public static JsonObject Content(Headcounts.VisitHeadcount h) => new()
    {
        ["id"] = h.Id.ToString(),
        ["visitId"] = h.VisitId.ToString(),
        ["facilityId"] = h.FacilityId.ToString(),
        ["at"] = LedgerWriter.Instant(h.At),
        ["entries"] = new JsonArray([.. h.Entries.OrderBy(e => e.Position).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id.ToString(),
            ["position"] = e.Position,
            ["finding"] = Json.Name(e.Finding),
            ["lastName"] = Digest(e.LastName),
            ["firstName"] = Digest(e.FirstName),
            ["patronymic"] = Digest(e.Patronymic),
            ["birthDate"] = Digest(e.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ["iin"] = Digest(e.Iin),
            ["detentionId"] = e.DetentionId?.ToString(),
            ["reportId"] = e.ReportId?.ToString(),
        })]),
        ["recordedAt"] = LedgerWriter.Instant(h.RecordedAt),
        ["recordedBy"] = h.RecordedBy.ToString(),
    };

    /// <summary>SHA-256 of a free text as UTF-8, in hex; null for none.</summary>
    private static string? Digest(string? text) =>
        text is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
