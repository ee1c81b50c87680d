using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>
/// What of a visit's recommendations the transparency log commits to, from the stored rows alone (one function for writing
/// and auditing). The addressee (often a post and a name), the texts and notes may name people: the log holds their
/// SHA-256 digests, so an edit still changes the commitment and the public log names no one.
/// </summary>
public static class VisitRecommendationLedger
{
    public const string Recommended = "visit.recommendation";
    public const string Responded = "visit.recommendation.response";
    public const string Checked = "visit.recommendation.check";

    public static JsonObject Content(VisitRecommendation r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["number"] = r.Number,
        ["visitId"] = r.VisitId.ToString(),
        ["facilityId"] = r.FacilityId.ToString(),
        ["region"] = r.Region,
        ["addressee"] = Digest(r.Addressee),
        ["theme"] = r.Theme,
        ["text"] = Digest(r.Text),
        ["priority"] = Json.Name(r.Priority),
        ["responseDueBy"] = r.ResponseDueBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["responseDueAt"] = LedgerWriter.Instant(r.ResponseDueAt),
        ["repeats"] = r.RepeatsId?.ToString(),
        ["recordedAt"] = LedgerWriter.Instant(r.RecordedAt),
        ["recordedBy"] = r.RecordedBy.ToString(),
    };

    public static JsonObject Content(VisitRecommendationResponse r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["recommendationId"] = r.RecommendationId.ToString(),
        ["at"] = LedgerWriter.Instant(r.At),
        ["text"] = Digest(r.Text),
        ["status"] = Json.Name(r.Status),
        ["recordedAt"] = LedgerWriter.Instant(r.RecordedAt),
        ["recordedBy"] = r.RecordedBy.ToString(),
    };

    public static JsonObject Content(VisitRecommendationCheck c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["recommendationId"] = c.RecommendationId.ToString(),
        ["visitId"] = c.VisitId.ToString(),
        ["at"] = LedgerWriter.Instant(c.At),
        ["finding"] = Json.Name(c.Finding),
        ["note"] = Digest(c.Note),
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    /// <summary>SHA-256 of a free text as UTF-8, in hex; null for none.</summary>
    private static string? Digest(string? text) =>
        text is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
