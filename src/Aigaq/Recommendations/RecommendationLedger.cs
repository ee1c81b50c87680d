using System.Globalization;
using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Recommendations;

/// <summary>
/// What of the recommendations area the transparency log commits to, from the stored rows alone, so that the audit
/// recomputes it. Recommendations are public UN text, but an assessment's rationale, a manual indicator's label and a
/// correction's reason are people's words that may name someone: those are committed as SHA-256 digests.
/// </summary>
public static class RecommendationLedger
{
    public const string Registered = "recommendation.registered";
    public const string Assessed = "recommendation.assessed";
    public const string IndicatorTracked = "recommendation.indicator";
    public const string IndicatorSnapshotTaken = "recommendation.indicator.snapshot";
    public const string Corrected = "recommendation.corrected";

    public static JsonObject Content(Recommendation r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["mechanism"] = r.Mechanism,
        ["document"] = r.Document,
        ["paragraph"] = r.Paragraph,
        ["subParagraph"] = r.SubParagraph,
        ["summary"] = r.Summary,
        ["summaryKk"] = r.SummaryKk,
        ["summaryRu"] = r.SummaryRu,
        ["summaryEn"] = r.SummaryEn,
        ["adoptedAt"] = Day(r.AdoptedAt),
        ["followUp"] = r.FollowUp,
        ["followUpDueBy"] = r.FollowUpDueBy is { } due ? Day(due) : null,
        ["themes"] = r.Themes,
        ["affectedGroups"] = r.AffectedGroups,
        ["addressees"] = r.Addressees,
        ["related"] = r.Related,
        ["source"] = r.Source,
        ["recordedAt"] = LedgerWriter.Instant(r.RecordedAt),
        ["recordedBy"] = r.RecordedBy.ToString(),
        ["rulePack"] = r.RulePackId,
    };

    /// <summary>A correction: the values after it as the registration commits them; its reason (people's words) as a digest.</summary>
    public static JsonObject Content(RecommendationCorrection c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["recommendationId"] = c.RecommendationId.ToString(),
        ["revision"] = c.Revision,
        ["reason"] = Digest(c.Reason),
        ["fields"] = c.Fields,
        ["summary"] = c.Summary,
        ["summaryKk"] = c.SummaryKk,
        ["summaryRu"] = c.SummaryRu,
        ["summaryEn"] = c.SummaryEn,
        ["followUpDueBy"] = c.FollowUpDueBy is { } due ? Day(due) : null,
        ["themes"] = c.Themes,
        ["affectedGroups"] = c.AffectedGroups,
        ["addressees"] = c.Addressees,
        ["related"] = c.Related,
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    public static JsonObject Content(RecommendationAssessment a) => new()
    {
        ["id"] = a.Id.ToString(),
        ["recommendationId"] = a.RecommendationId.ToString(),
        ["actor"] = Json.Name(a.Actor),
        ["scales"] = a.ScalesId,
        ["scalesVersion"] = a.ScalesVersion,
        ["scale"] = a.Scale,
        ["grade"] = a.Grade,
        ["rationale"] = Digest(a.Rationale),
        ["at"] = LedgerWriter.Instant(a.At),
        ["recordedAt"] = LedgerWriter.Instant(a.RecordedAt),
        ["recordedBy"] = a.RecordedBy.ToString(),
    };

    public static JsonObject Content(RecommendationIndicator i) => new()
    {
        ["id"] = i.Id.ToString(),
        ["recommendationId"] = i.RecommendationId.ToString(),
        ["metric"] = i.Metric,
        ["region"] = i.Region,
        ["label"] = Digest(i.Label),
        ["unit"] = Json.Name(i.Unit),
        ["key"] = Digest(i.Key),
        ["recordedAt"] = LedgerWriter.Instant(i.RecordedAt),
        ["recordedBy"] = i.RecordedBy.ToString(),
    };

    public static JsonObject Content(IndicatorSnapshot s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["indicatorId"] = s.IndicatorId.ToString(),
        ["year"] = s.Year,
        // As text with no trailing zeros: PostgreSQL's numeric gives back 1.0000 for 1.
        ["value"] = s.Value is { } value ? value.ToString("0.############################", CultureInfo.InvariantCulture) : null,
        ["part"] = s.Part,
        ["whole"] = s.Whole,
        ["suppressed"] = s.Suppressed,
        ["manual"] = s.Manual,
        ["computedAt"] = LedgerWriter.Instant(s.ComputedAt),
        ["recordedBy"] = s.RecordedBy.ToString(),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of a free text as UTF-8, in hex; null for none.</summary>
    private static string? Digest(string? text) =>
        text is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
