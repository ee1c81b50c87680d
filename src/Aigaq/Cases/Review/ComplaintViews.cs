namespace Aigaq.Cases;

public sealed record ReviewerView(ReviewerKind Kind, string Name, string? Region)
{
    public static ReviewerView Of(Complaint c) => new(c.Reviewer, c.ReviewerName, c.ReviewerRegion);
}

public sealed record ComplaintDecisionView(
    Guid Id, ComplaintOutcome Outcome, string Reasons, DateTimeOffset DecidedAt, DateTimeOffset RecordedAt, Guid RecordedBy, Guid? ReportDecisionId)
{
    public static ComplaintDecisionView Of(ComplaintDecision d) => new(d.Id, d.Outcome, d.Reasons, d.DecidedAt, d.RecordedAt, d.RecordedBy, d.ReportDecisionId);
}

/// <summary>A complaint with its decision, if taken.</summary>
public sealed record ComplaintView(
    Guid Id, string Number, ComplaintKind Kind, Guid ReportId, string ReportNumber, Guid? CaseId, string? ErdrNumber, string Region,
    ComplainedActor Actor, ComplainedBody Body, string BodyRegion, string Action, DateTimeOffset? ActionAt, string Grounds,
    ComplainantKind Complainant, DateTimeOffset ReceivedAt, DateTimeOffset RecordedAt, ReviewerView Reviewer, DateTimeOffset DueBy,
    ComplaintStatus Status, ComplaintDecisionView? Decision)
{
    public static ComplaintView From(Complaint c, string reportNumber, string? erdrNumber, ComplaintDecision? d) => new(
        c.Id, c.Number, c.Kind, c.ReportId, reportNumber, c.CaseId, erdrNumber, c.Region, c.Actor, c.Body, c.BodyRegion, c.Action, c.ActionAt,
        c.Grounds, c.Complainant, c.ReceivedAt, c.RecordedAt, ReviewerView.Of(c), c.DueBy, c.Status, d is null ? null : ComplaintDecisionView.Of(d));
}

/// <summary>A line of an inbox or of a case's or report's complaints.</summary>
public sealed record ComplaintSummary(
    Guid Id, string Number, ComplaintKind Kind, Guid ReportId, Guid? CaseId, string Region, ComplainedBody Body, ReviewerView Reviewer,
    DateTimeOffset ReceivedAt, DateTimeOffset DueBy, ComplaintStatus Status, ComplaintOutcome? Outcome);
