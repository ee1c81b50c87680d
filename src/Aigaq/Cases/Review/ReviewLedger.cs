using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Cases;

/// <summary>What of complaints the transparency log commits to, from the stored rows alone, so that an audit can recompute it.</summary>
public static class ReviewLedger
{
    public const string ComplaintReceived = "complaint.received";
    public const string ComplaintDecided = "complaint.decision";

    /// <summary>A complaint's status: open until decided.</summary>
    public static readonly LoggedState<Complaint> State = new("complaint.state", "complaint", c => c.Id, (w, c) => w.StartObject()
        .Member("id", c.Id.ToString())
        .Member("status", c.Status.ToString())
        .EndObject());

    public static JsonObject Content(Complaint c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["number"] = c.Number,
        ["kind"] = c.Kind.ToString(),
        ["reportId"] = c.ReportId.ToString(),
        ["caseId"] = c.CaseId?.ToString(),
        ["region"] = c.Region,
        ["actor"] = c.Actor.ToString(),
        ["body"] = c.Body.ToString(),
        ["bodyRegion"] = c.BodyRegion,
        ["action"] = c.Action,
        ["actionAt"] = c.ActionAt is { } a ? LedgerWriter.Instant(a) : null,
        ["grounds"] = c.Grounds,
        ["complainant"] = c.Complainant.ToString(),
        ["receivedAt"] = LedgerWriter.Instant(c.ReceivedAt),
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
        ["reviewer"] = c.Reviewer.ToString(),
        ["reviewerName"] = c.ReviewerName,
        ["reviewerRegion"] = c.ReviewerRegion,
        ["dueBy"] = LedgerWriter.Instant(c.DueBy),
        ["rulePack"] = c.RulePackId,
    };

    public static JsonObject Content(ComplaintDecision d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["complaintId"] = d.ComplaintId.ToString(),
        ["outcome"] = d.Outcome.ToString(),
        ["reasons"] = d.Reasons,
        ["decidedAt"] = LedgerWriter.Instant(d.DecidedAt),
        ["recordedAt"] = LedgerWriter.Instant(d.RecordedAt),
        ["recordedBy"] = d.RecordedBy.ToString(),
        ["reportDecisionId"] = d.ReportDecisionId?.ToString(),
    };
}
