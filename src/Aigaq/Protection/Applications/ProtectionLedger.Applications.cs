using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Protection;

/// <summary>
/// Applications, decisions, appeals, measures and follow-up contacts, each row from its stored columns. Free text that
/// may name people (reasons, grounds, a contact's outcome, the names of bodies) is committed as a digest of the text, so
/// that an edit is named by the audit while nothing of it is held by the log's content.
/// </summary>
public static partial class ProtectionLedger
{
    public const string ApplicationReceived = "protection.application";
    public const string DecisionRecorded = "protection.decision";
    public const string AppealFiled = "protection.appeal";
    public const string MeasureInForce = "protection.measure";
    public const string MeasureChanged = "protection.measure.change";
    public const string ContactRecorded = "protection.contact";

    public static JsonObject Content(ProtectionApplication a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["personId"] = a.PersonId.ToString(),
        ["region"] = a.Region,
        ["receivedAt"] = LedgerWriter.Instant(a.ReceivedAt),
        ["measures"] = a.Measures,
        ["decidingBodyKind"] = a.DecidingBodyKind,
        ["decidingBodyName"] = Digest(a.DecidingBodyName),
        ["decisionDueBy"] = LedgerWriter.Instant(a.DecisionDueBy),
        ["rulePack"] = a.RulePackId,
        ["recordedAt"] = LedgerWriter.Instant(a.RecordedAt),
        ["recordedBy"] = a.RecordedBy.ToString(),
    };

    public static JsonObject Content(ProtectionDecision d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["applicationId"] = d.ApplicationId.ToString(),
        ["round"] = d.Round,
        ["appealId"] = d.AppealId?.ToString(),
        ["decision"] = d.Decision.ToString(),
        ["reason"] = Digest(d.Reason),
        ["decidedAt"] = LedgerWriter.Instant(d.DecidedAt),
        ["recordedAt"] = LedgerWriter.Instant(d.RecordedAt),
        ["recordedBy"] = d.RecordedBy.ToString(),
    };

    public static JsonObject Content(ProtectionAppeal a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["applicationId"] = a.ApplicationId.ToString(),
        ["round"] = a.Round,
        ["appealedDecisionId"] = a.AppealedDecisionId.ToString(),
        ["filedAt"] = LedgerWriter.Instant(a.FiledAt),
        ["by"] = a.By.ToString(),
        ["grounds"] = Digest(a.Grounds),
        ["recordedAt"] = LedgerWriter.Instant(a.RecordedAt),
        ["recordedBy"] = a.RecordedBy.ToString(),
    };

    public static JsonObject Content(ProtectionMeasure m) => new()
    {
        ["id"] = m.Id.ToString(),
        ["decisionId"] = m.DecisionId.ToString(),
        ["applicationId"] = m.ApplicationId.ToString(),
        ["personId"] = m.PersonId.ToString(),
        ["region"] = m.Region,
        ["code"] = m.Code,
        ["implementingBody"] = Digest(m.ImplementingBody),
        ["startsAt"] = LedgerWriter.Instant(m.StartsAt),
        ["endsAt"] = m.EndsAt is { } end ? LedgerWriter.Instant(end) : null,
        ["reviewBy"] = m.ReviewBy is { } review ? LedgerWriter.Instant(review) : null,
        ["recordedAt"] = LedgerWriter.Instant(m.RecordedAt),
        ["recordedBy"] = m.RecordedBy.ToString(),
    };

    public static JsonObject Content(ProtectionMeasureChange c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["measureId"] = c.MeasureId.ToString(),
        ["number"] = c.Number,
        ["kind"] = c.Kind.ToString(),
        ["at"] = LedgerWriter.Instant(c.At),
        ["endsAt"] = c.EndsAt is { } end ? LedgerWriter.Instant(end) : null,
        ["reviewBy"] = c.ReviewBy is { } review ? LedgerWriter.Instant(review) : null,
        ["reason"] = Digest(c.Reason),
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    public static JsonObject Content(FollowUpContact c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["personId"] = c.PersonId.ToString(),
        ["region"] = c.Region,
        ["at"] = LedgerWriter.Instant(c.At),
        ["channel"] = c.Channel.ToString(),
        ["outcome"] = c.Outcome is null ? null : Digest(c.Outcome),
        ["nextContactBy"] = c.NextContactBy is { } next ? LedgerWriter.Instant(next) : null,
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    /// <summary>base64(SHA-256) of free text as stored.</summary>
    private static string Digest(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
