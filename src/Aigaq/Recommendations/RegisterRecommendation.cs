using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>The summary's wording in each language, beside CONTRACT.md's <c>summary</c> (a client may leave it out).</summary>
public sealed record SummariesInput(string? Kk = null, string? Ru = null, string? En = null);

/// <summary>
/// <c>POST /api/v1/recommendations</c> as CONTRACT.md gives it (and a row of <c>aigaq recommendations import</c>), with the
/// affected groups, the related recommendations' ids and the summary in each language added.
/// </summary>
public sealed record RegisterRecommendationRequest(
    string? Mechanism, string? Document, int? Paragraph, string? SubParagraph, string? Summary, DateOnly? AdoptedAt, bool? FollowUp,
    DateOnly? FollowUpDueBy = null, IReadOnlyList<string?>? Themes = null, IReadOnlyList<string?>? Addressees = null,
    IReadOnlyList<string?>? AffectedGroups = null, IReadOnlyList<Guid>? Related = null, SummariesInput? Summaries = null);

public sealed record RecommendationRegistered(Guid Id, string Document, int Paragraph, string? SubParagraph);

/// <summary>
/// Registers a UN recommendation: a mechanism of the rule pack, a document paragraph not registered before (409 naming
/// <c>paragraph</c>), related recommendations that exist. The same checks serve the import (<see cref="Build"/>).
/// </summary>
public sealed class RegisterRecommendation(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const int MaxDocument = 60;
    public const int MaxSubParagraph = 10;
    public const int MaxParagraph = 9999;
    public const int MaxSummary = 4000;
    public const int MaxRelated = 50;
    public const int EarliestYear = 1945;

    public async Task<Outcome<RecommendationRegistered>> HandleAsync(RegisterRecommendationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        var recommendation = Build(v, request, rules.At(now), now, user.RequiredUserId(), "api");
        if (recommendation is not null)
        {
            await RelatedExistAsync(db, v, [(recommendation, "related")], ct);
        }

        if (!v.IsValid || recommendation is null)
        {
            return new ProblemResult(v.Problem());
        }

        if (await db.Set<Recommendation>().AnyAsync(
            r => r.Document == recommendation.Document && r.Paragraph == recommendation.Paragraph && r.SubParagraph == recommendation.SubParagraph, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"{Name(recommendation)} is already registered.", "paragraph"));
        }

        db.Add(recommendation);
        LedgerWriter.Append(db, RecommendationLedger.Registered, recommendation.Id, now, RecommendationLedger.Content(recommendation));
        log.Add(user, "recommendation.register", recommendation.Id.ToString(), "allowed");
        return Outcome<RecommendationRegistered>.Created(
            () => new RecommendationRegistered(recommendation.Id, recommendation.Document, recommendation.Paragraph, NoneIfEmpty(recommendation.SubParagraph)),
            $"/api/v1/recommendations/{recommendation.Id}");
    }

    /// <summary>"CAT/C/KAZ/CO/4 para. 10 (a)", for messages.</summary>
    public static string Name(Recommendation r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Document} para. {r.Paragraph}") + (r.SubParagraph.Length > 0 ? $" ({r.SubParagraph})" : "");

    public static string? NoneIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>
    /// The recommendation a request describes, or null with its errors in <paramref name="v"/>: what can be checked without
    /// the database (the paragraph's and the related recommendations' existence are the caller's).
    /// </summary>
    public static Recommendation? Build(Validation v, RegisterRecommendationRequest r, RulePack pack, DateTimeOffset now, Guid by, string source)
    {
        var mechanism = v.Required("mechanism", r.Mechanism, RecommendationRules.MaxMechanism);
        if (mechanism.Length > 0 && !v.Has("mechanism") && !pack.Recommendations.IsMechanism(mechanism))
        {
            v.Add("mechanism", "must be one of " + string.Join(", ", pack.Recommendations.Mechanisms));
        }

        var document = v.Required("document", r.Document, MaxDocument).ToUpperInvariant();
        if (document.Length > 0 && !v.Has("document") && !document.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_'))
        {
            v.Add("document", "is not a UN document symbol such as CAT/C/KAZ/CO/4");
        }

        var paragraph = v.Required("paragraph", r.Paragraph);
        if (r.Paragraph is < 1 or > MaxParagraph)
        {
            v.Add("paragraph", $"must be from 1 to {MaxParagraph}");
        }

        var sub = (v.Optional("subParagraph", r.SubParagraph, MaxSubParagraph) ?? "").ToLowerInvariant();
        if (sub.Length > 0 && !v.Has("subParagraph") && !sub.All(c => char.IsAsciiLetterOrDigit(c) || c == '.'))
        {
            v.Add("subParagraph", "may hold letters, digits and dots only, such as a or 12");
        }

        var summary = v.Required("summary", r.Summary, MaxSummary);
        var kk = v.Optional("summaries.kk", r.Summaries?.Kk, MaxSummary);
        var ru = v.Optional("summaries.ru", r.Summaries?.Ru, MaxSummary);
        var en = v.Optional("summaries.en", r.Summaries?.En, MaxSummary);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, pack.Zone).DateTime);
        var adopted = v.Required("adoptedAt", r.AdoptedAt);
        if (r.AdoptedAt is { } a && (a > today || a.Year < EarliestYear))
        {
            v.Add("adoptedAt", a > today ? "is in the future" : $"is before {EarliestYear}");
        }

        var followUp = r.FollowUp ?? false;
        if (r.FollowUpDueBy is { } due)
        {
            if (!followUp)
            {
                v.Add("followUpDueBy", "is given only for a recommendation marked for follow-up");
            }
            else if (r.AdoptedAt is { } adoptedOn && due < adoptedOn)
            {
                v.Add("followUpDueBy", "is before adoptedAt");
            }
        }

        var lists = pack.Recommendations.Lists;
        var themes = Stored(Tags(v, "themes", r.Themes, lists));
        var groups = Stored(Tags(v, "affectedGroups", r.AffectedGroups, lists));
        var addressees = Stored(Texts(v, "addressees", r.Addressees, lists.MaxEntries, lists.MaxNameLength));
        var related = r.Related ?? [];
        if (related.Count > MaxRelated)
        {
            v.Add("related", $"has more than {MaxRelated} recommendations");
        }
        else if (related.Distinct().Count() != related.Count)
        {
            v.Add("related", "names a recommendation twice");
        }

        if (!v.IsValid)
        {
            return null;
        }

        return new Recommendation
        {
            Id = Guid.CreateVersion7(now),
            Mechanism = mechanism,
            Document = document,
            Paragraph = paragraph,
            SubParagraph = sub,
            Summary = summary,
            SummaryKk = kk,
            SummaryRu = ru,
            SummaryEn = en,
            AdoptedAt = adopted,
            FollowUp = followUp,
            FollowUpDueBy = r.FollowUpDueBy,
            Themes = themes,
            AffectedGroups = groups,
            Addressees = addressees,
            Related = JsonSerializer.Serialize(related.Select(id => id.ToString()), Json.Options),
            Source = source,
            RecordedAt = now,
            RecordedBy = by,
            RulePackId = pack.Id,
        };
    }

    /// <summary>Names, under each recommendation's field, a related recommendation that is not registered.</summary>
    public static async Task RelatedExistAsync(AigaqDb db, Validation v, IReadOnlyList<(Recommendation Recommendation, string Field)> items, CancellationToken ct)
    {
        var wanted = items.SelectMany(i => List(i.Recommendation.Related)).Select(Guid.Parse).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var found = (await db.Set<Recommendation>().AsNoTracking().Where(r => wanted.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        foreach (var (recommendation, field) in items)
        {
            foreach (var missing in List(recommendation.Related).Select(Guid.Parse).Where(id => !found.Contains(id)))
            {
                v.Add(field, $"{missing} is not a registered recommendation");
            }
        }
    }

    /// <summary>A stored JSON list of strings.</summary>
    public static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>
    /// <paramref name="items"/> as the JSON text kept in its column. Every list within the rule pack's limits fits its
    /// column, however many of its characters JSON escapes (<c>ListLimitsTests</c> checks each column against every
    /// pack's worst case), so what passes validation is stored, never cut off or refused by the database.
    /// </summary>
    internal static string Stored(IEnumerable<string> items) => JsonSerializer.Serialize(items, Json.Options);

    internal static List<string> Tags(Validation v, string field, IReadOnlyList<string?>? input, RecommendationListRules limits)
    {
        var tags = Texts(v, field, input, limits.MaxEntries, limits.MaxTagLength);
        for (var i = 0; i < tags.Count; i++)
        {
            if (!tags[i].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                v.Add($"{field}[{i}]", "may hold letters, digits and '-' only, such as custody-safeguards");
            }
        }

        return tags;
    }

    internal static List<string> Texts(Validation v, string field, IReadOnlyList<string?>? input, int maxEntries, int max)
    {
        if (input is null)
        {
            return [];
        }

        if (input.Count > maxEntries)
        {
            v.Add(field, $"has more than {maxEntries} items");
            return [];
        }

        var texts = input.Select((t, i) => v.Required($"{field}[{i}]", t, max)).ToList();
        if (v.IsValid && texts.Distinct(StringComparer.Ordinal).Count() != texts.Count)
        {
            v.Add(field, "names an item twice");
        }

        return texts;
    }
}
