using System.Globalization;
using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Recommendations;

/// <summary>
/// What of measures the transparency log commits to, from the stored rows alone. Institutions' names are public (as a
/// recommendation's addressees are); a measure's title, a status note and an evidence file's name are people's words
/// that may name someone: committed as SHA-256 digests. Evidence is committed with the SHA-256 of its file.
/// </summary>
public static class MeasureLedger
{
    public const string Added = "recommendation.measure";
    public const string StatusChanged = "recommendation.measure.status";
    public const string EvidenceAdded = "recommendation.measure.evidence";

    public static JsonObject Content(RecommendationMeasure m) => new()
    {
        ["id"] = m.Id.ToString(),
        ["recommendationId"] = m.RecommendationId.ToString(),
        ["title"] = Digest(m.Title),
        ["lead"] = m.Lead,
        ["supporting"] = m.Supporting,
        ["targetDate"] = m.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["recordedAt"] = LedgerWriter.Instant(m.RecordedAt),
        ["recordedBy"] = m.RecordedBy.ToString(),
    };

    public static JsonObject Content(MeasureStatusChange s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["measureId"] = s.MeasureId.ToString(),
        ["status"] = Json.Name(s.Status),
        ["note"] = Digest(s.Note),
        ["at"] = LedgerWriter.Instant(s.At),
        ["recordedAt"] = LedgerWriter.Instant(s.RecordedAt),
        ["recordedBy"] = s.RecordedBy.ToString(),
    };

    public static JsonObject Content(MeasureEvidence e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["measureId"] = e.MeasureId.ToString(),
        ["sha256"] = e.Sha256,
        ["size"] = e.Size,
        ["mediaType"] = e.MediaType,
        ["fileName"] = Digest(e.FileName),
        ["recordedAt"] = LedgerWriter.Instant(e.RecordedAt),
        ["recordedBy"] = e.RecordedBy.ToString(),
    };

    private static string? Digest(string? text) =>
        text is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
