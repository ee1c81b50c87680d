using System.Globalization;
using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Cases;

/// <summary>
/// What of reports and cases the transparency log commits to, computed from the stored rows alone
/// so that an audit can recompute it: the facts as registered, none of the projection they move.
/// </summary>
public static class CaseLedger
{
    public const string ReportReceived = "report.received";
    public const string ReportDecision = "report.decision";
    public const string CaseOpened = "case.opened";
    public const string CaseEvent = "case.event";
    public const string ReferralCreated = "referral.created";

    /// <summary>A report's status and deadline, moved by decisions (registered, refused, reopened on review).</summary>
    public static readonly LoggedState<Report> ReportState = new("report.state", "report", r => r.Id, (w, r) => w.StartObject()
        .Member("caseId", r.CaseId?.ToString())
        .Member("id", r.Id.ToString())
        .Member("registrationDueBy", LedgerWriter.Instant(r.RegistrationDueBy))
        .Member("status", r.Status.ToString())
        .EndObject());

    /// <summary>What a case's events, referrals and decisions move: its part, torture flag, responsible body, conflict and stage.</summary>
    public static readonly LoggedState<Case> CaseState = new("case.state", "case", c => c.Id, (w, c) => w.StartObject()
        .Member("closed", c.Closed)
        .Member("conflict", c.Conflict?.ToString())
        .Member("conflictOpen", c.ConflictOpen)
        .Member("convicted", c.Convicted)
        .Member("id", c.Id.ToString())
        .Member("part", c.Part)
        .Member("responsibleKind", c.ResponsibleKind.ToString())
        .Member("responsibleRegion", c.ResponsibleRegion)
        .Member("sentToCourtAt", c.SentToCourtAt is { } at ? LedgerWriter.Instant(at) : null)
        .Member("stage", c.Stage?.ToString())
        .Member("torture", c.Torture)
        .EndObject());

    /// <summary>A referral's status: pending, accepted (by whom and when) or withdrawn.</summary>
    public static readonly LoggedState<Referral> ReferralState = new("referral.state", "referral", r => r.Id, (w, r) => w.StartObject()
        .Member("acceptedAt", r.AcceptedAt is { } at ? LedgerWriter.Instant(at) : null)
        .Member("acceptedBy", r.AcceptedBy?.ToString())
        .Member("caseId", r.CaseId.ToString())
        .Member("id", r.Id.ToString())
        .Member("status", r.Status.ToString())
        .EndObject());

    public static JsonObject Content(Report r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["number"] = r.Number,
        ["receivedAt"] = LedgerWriter.Instant(r.ReceivedAt),
        ["recordedAt"] = LedgerWriter.Instant(r.RecordedAt),
        ["recordedBy"] = r.RecordedBy.ToString(),
        ["source"] = r.Source.ToString(),
        ["narrative"] = r.Narrative,
        ["region"] = r.Region,
        ["detentionId"] = r.DetentionId?.ToString(),
        ["detentionEventId"] = r.DetentionEventId?.ToString(),
        ["facilityId"] = r.FacilityId?.ToString(),
        ["incidentAt"] = r.IncidentAt is { } i ? LedgerWriter.Instant(i) : null,
        ["injuries"] = r.Injuries,
        ["anonymous"] = r.Anonymous,
        ["victims"] = new JsonArray([.. r.Victims.Select(v => (JsonNode)new JsonObject
        {
            ["lastName"] = v.LastName,
            ["firstName"] = v.FirstName,
            ["patronymic"] = v.Patronymic,
            ["birthDate"] = v.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["iin"] = v.Iin,
        })]),
        // In a stable order: the rows come back from the database in any order.
        ["alleged"] = new JsonArray([.. r.Alleged.OrderBy(a => a.Agency).ThenBy(a => a.Unit, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => (JsonNode)new JsonObject { ["agency"] = a.Agency.ToString(), ["unit"] = a.Unit, ["name"] = a.Name })]),
        ["rulePack"] = r.RulePackId,
    };

    public static JsonObject Content(ReportDecision d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["reportId"] = d.ReportId.ToString(),
        ["kind"] = d.Kind.ToString(),
        ["at"] = LedgerWriter.Instant(d.At),
        ["recordedAt"] = LedgerWriter.Instant(d.RecordedAt),
        ["recordedBy"] = d.RecordedBy.ToString(),
        ["erdrNumber"] = d.ErdrNumber,
        ["part"] = d.Part,
        ["caseId"] = d.CaseId?.ToString(),
        ["reason"] = d.Reason,
    };

    public static JsonObject Content(Case c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["erdrNumber"] = c.ErdrNumber,
        ["reportId"] = c.ReportId.ToString(),
        ["region"] = c.Region,
        ["registeredAt"] = LedgerWriter.Instant(c.RegisteredAt),
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
        ["rulePack"] = c.RulePackId,
    };

    public static JsonObject Content(CaseEvent e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["caseId"] = e.CaseId.ToString(),
        ["type"] = e.Type,
        ["at"] = LedgerWriter.Instant(e.At),
        ["recordedAt"] = LedgerWriter.Instant(e.RecordedAt),
        ["recordedBy"] = e.RecordedBy.ToString(),
        ["data"] = JsonNode.Parse(e.Data),
        ["reason"] = e.Reason,
    };

    public static JsonObject Created(Referral r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["caseId"] = r.CaseId.ToString(),
        ["from"] = new JsonObject { ["kind"] = r.FromKind.ToString(), ["region"] = r.FromRegion },
        ["to"] = new JsonObject { ["kind"] = r.ToKind.ToString(), ["region"] = r.ToRegion },
        ["reason"] = r.Reason,
        ["createdAt"] = LedgerWriter.Instant(r.CreatedAt),
        ["createdBy"] = r.CreatedBy.ToString(),
        ["dueBy"] = LedgerWriter.Instant(r.DueBy),
    };
}
