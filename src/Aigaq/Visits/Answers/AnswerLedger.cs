using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Visits.Answers;

/// <summary>
/// What the log commits of a visit's checklist answers and its end, from the stored rows alone. A text answer and a note
/// may name people: their SHA-256 digests are committed, never the texts; a yes/no, a number or a choice is committed as
/// stored (they name no one).
/// </summary>
public static class AnswerLedger
{
    public const string Answered = "visit.checklist.answer";
    public const string Departed = "visit.departure";
    public const string EvidenceAttached = "visit.checklist.evidence";

    public static JsonObject Content(VisitChecklistAnswer a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["visitId"] = a.VisitId.ToString(),
        ["checklist"] = a.ChecklistId,
        ["checklistVersion"] = a.ChecklistVersion,
        ["item"] = a.ItemId,
        ["revision"] = a.Revision,
        ["answerType"] = a.AnswerType,
        ["value"] = a.AnswerType == "text" ? Digest(a.Value) : a.Value,
        ["note"] = Digest(a.Note),
        ["at"] = LedgerWriter.Instant(a.At),
        ["recordedAt"] = LedgerWriter.Instant(a.RecordedAt),
        ["recordedBy"] = a.RecordedBy.ToString(),
    };

    /// <summary>A file attached to an answer: its SHA-256 commits to the bytes kept, with the visit, item and revision.</summary>
    public static JsonObject Content(VisitAnswerEvidence e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["visitId"] = e.VisitId.ToString(),
        ["answerId"] = e.AnswerId.ToString(),
        ["item"] = e.ItemId,
        ["revision"] = e.Revision,
        ["sha256"] = e.Sha256,
        ["size"] = e.Size,
        ["mediaType"] = e.MediaType,
        ["metadataRemoved"] = e.MetadataRemoved,
        ["recordedAt"] = LedgerWriter.Instant(e.RecordedAt),
        ["recordedBy"] = e.RecordedBy.ToString(),
    };

    public static JsonObject Content(VisitDeparture d) => new()
    {
        ["id"] = d.Id.ToString(),
        ["visitId"] = d.VisitId.ToString(),
        ["at"] = LedgerWriter.Instant(d.At),
        ["recordedAt"] = LedgerWriter.Instant(d.RecordedAt),
        ["recordedBy"] = d.RecordedBy.ToString(),
    };

    /// <summary>SHA-256 of a free text as UTF-8, in hex; null for none.</summary>
    private static string? Digest(string? text) =>
        text is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
