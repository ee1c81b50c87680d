using System.Text.Json.Nodes;
using Aigaq.Alerts;
using Aigaq.Facilities;
using Aigaq.Rules;

namespace Aigaq.Cases;

public sealed record VictimView(string? LastName, string? FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin);

public sealed record AllegedView(Agency Agency, string? Unit, string? Name);

public sealed record ReportDecisionView(
    Guid Id, ReportDecisionKind Kind, DateTimeOffset At, DateTimeOffset RecordedAt, Guid RecordedBy,
    string? ErdrNumber, int? Part, Guid? CaseId, string? Reason);

public sealed record ReportView(
    Guid Id, string Number, DateTimeOffset ReceivedAt, DateTimeOffset RecordedAt, ReportSource Source, string Narrative,
    string Region, IReadOnlyList<VictimView> Victims, IReadOnlyList<AllegedView> Alleged, Guid? DetentionId,
    Guid? FacilityId, DateTimeOffset? IncidentAt, string? Injuries, bool Anonymous, ReportStatus Status,
    DateTimeOffset RegistrationDueBy, Guid? CaseId, IReadOnlyList<ReportDecisionView> Decisions, IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<ComplaintSummary> Complaints)
{
    public static ReportView From(
        Report r, IEnumerable<ReportDecision> decisions, IEnumerable<Alert> alerts, IReadOnlyList<ComplaintSummary>? complaints = null) => new(
        r.Id, r.Number, r.ReceivedAt, r.RecordedAt, r.Source, r.Narrative, r.Region,
        [.. r.Victims.Select(v => new VictimView(v.LastName, v.FirstName, v.Patronymic, v.BirthDate, v.Iin))],
        [.. r.Alleged.OrderBy(a => a.Id).Select(a => new AllegedView(a.Agency, a.Unit, a.Name))],
        r.DetentionId, r.FacilityId, r.IncidentAt, r.Injuries, r.Anonymous, r.Status, r.RegistrationDueBy, r.CaseId,
        [.. decisions.OrderBy(d => d.RecordedAt).Select(d => new ReportDecisionView(d.Id, d.Kind, d.At, d.RecordedAt, d.RecordedBy, d.ErdrNumber, d.Part, d.CaseId, d.Reason))],
        [.. alerts.OrderBy(a => a.RaisedAt).Select(AlertView.From)],
        complaints ?? []);
}

/// <summary>An investigating body: its kind and the region it serves.</summary>
public sealed record BodyView(BodyKind Kind, string Name, string Region)
{
    public static BodyView Of(BodyKind kind, string region) => new(kind, Bodies.Name(kind, region), region);
}

public sealed record ReferralView(
    Guid Id, Guid CaseId, BodyView From, BodyView To, ReferralStatus Status, string Reason, DateTimeOffset CreatedAt,
    Guid CreatedBy, DateTimeOffset DueBy, DateTimeOffset? AcceptedAt, Guid? AcceptedBy)
{
    public static ReferralView Of(Referral r) => new(
        r.Id, r.CaseId, BodyView.Of(r.FromKind, r.FromRegion), BodyView.Of(r.ToKind, r.ToRegion), r.Status, r.Reason,
        r.CreatedAt, r.CreatedBy, r.DueBy, r.AcceptedAt, r.AcceptedBy);
}

public sealed record CaseEventView(Guid Id, string Type, DateTimeOffset At, DateTimeOffset RecordedAt, Guid RecordedBy, JsonObject Fields, string? Reason);

public sealed record StageView(CaseStage Stage, DateTimeOffset At, DateTimeOffset RecordedAt, Guid RecordedBy, JsonObject Fields);

public sealed record ConflictView(bool Open, ConflictDecision? Decision, IReadOnlyList<Agency> Agencies);

public sealed record CaseView(
    Guid Id, string ErdrNumber, Guid ReportId, string ReportNumber, string Region, DateTimeOffset RegisteredAt, int Part, bool Torture,
    BodyView ResponsibleBody, ConflictView Conflict, IReadOnlyList<ReferralView> Referrals, IReadOnlyList<StageView> Stages,
    IReadOnlyList<CaseEventView> History, bool Closed, IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<MotionView> Motions, IReadOnlyList<ComplaintSummary> Complaints);

/// <summary>The API's names of investigating bodies (pages name them from the resources, in the reader's language).</summary>
public static class Bodies
{
    public static string Name(BodyKind kind, string region)
    {
        var place = Regions.Find(region)?.En ?? region;
        return kind switch
        {
            BodyKind.SpecialProsecutor => $"Special prosecutor, {place}",
            _ => $"Internal affairs, {place}",
        };
    }
}
