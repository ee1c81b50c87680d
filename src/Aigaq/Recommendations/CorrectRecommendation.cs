using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>
/// <c>POST /api/v1/recommendations/{id}/corrections</c>: why, and the fields to correct, each as <c>POST
/// /api/v1/recommendations</c> takes it; a field left out stays as it is. A summary in one language given as "" is
/// removed (the contract's <c>summary</c> cannot be). The follow-up due date is given only for a recommendation marked
/// for follow-up.
/// </summary>
public sealed record CorrectRecommendationRequest(
    string? Reason, string? Summary = null, SummariesInput? Summaries = null, IReadOnlyList<string?>? Themes = null,
    IReadOnlyList<string?>? AffectedGroups = null, IReadOnlyList<string?>? Addressees = null, DateOnly? FollowUpDueBy = null,
    IReadOnlyList<Guid>? Related = null);

public sealed record RecommendationCorrected(Guid Id, Guid RecommendationId, int Revision, IReadOnlyList<string> Fields);

/// <summary>
/// Corrects a registered recommendation by appending a <see cref="RecommendationCorrection"/> (never an update): the
/// fields given are checked as at registration, compared with the recommendation as it stands, and the correction names
/// those that changed. A request that changes nothing is refused (400 naming <c>fields</c>); one made while another
/// correction was stored from the same revision is refused (409). Logged as <see cref="RecommendationLedger.Corrected"/>,
/// its reason as a digest.
/// </summary>
public sealed class CorrectRecommendation(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const int MaxReason = 2000;

    /// <summary>The refusal of a correction that would change nothing.</summary>
    public const string NothingChanged = "changes nothing: each field given has that value already";

    public const string NotFollowedUp = "is given only for a recommendation marked for follow-up";
    public const string BeforeAdoption = "is before adoptedAt";
    public const string NamesItself = "names this recommendation itself";

    public async Task<Outcome<RecommendationCorrected>> HandleAsync(Guid id, CorrectRecommendationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var registered = await db.Set<Recommendation>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (registered is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The recommendation"));
        }

        var latest = (await RecommendationCorrection.LatestAsync(db, [id], ct)).GetValueOrDefault(id);
        var current = RecommendationCorrection.Current(registered, latest);

        var v = new Validation();
        var reason = v.Required("reason", request.Reason, MaxReason);
        var summary = request.Summary is null ? current.Summary : v.Required("summary", request.Summary, RegisterRecommendation.MaxSummary);
        var kk = Language(v, "summaries.kk", request.Summaries?.Kk, current.SummaryKk);
        var ru = Language(v, "summaries.ru", request.Summaries?.Ru, current.SummaryRu);
        var en = Language(v, "summaries.en", request.Summaries?.En, current.SummaryEn);
        var lists = rules.At(now).Recommendations.Lists;
        var themes = request.Themes is null
            ? current.Themes
            : RegisterRecommendation.Stored(RegisterRecommendation.Tags(v, "themes", request.Themes, lists));
        var groups = request.AffectedGroups is null
            ? current.AffectedGroups
            : RegisterRecommendation.Stored(RegisterRecommendation.Tags(v, "affectedGroups", request.AffectedGroups, lists));
        var addressees = request.Addressees is null
            ? current.Addressees
            : RegisterRecommendation.Stored(RegisterRecommendation.Texts(v, "addressees", request.Addressees, lists.MaxEntries, lists.MaxNameLength));
        if (request.FollowUpDueBy is { } due)
        {
            if (!registered.FollowUp)
            {
                v.Add("followUpDueBy", NotFollowedUp);
            }
            else if (due < registered.AdoptedAt)
            {
                v.Add("followUpDueBy", BeforeAdoption);
            }
        }

        var related = current.Related;
        if (request.Related is { } links)
        {
            if (links.Count > RegisterRecommendation.MaxRelated)
            {
                v.Add("related", $"has more than {RegisterRecommendation.MaxRelated} recommendations");
            }
            else if (links.Distinct().Count() != links.Count)
            {
                v.Add("related", "names a recommendation twice");
            }
            else if (links.Contains(id))
            {
                v.Add("related", NamesItself);
            }
            else
            {
                var found = (await db.Set<Recommendation>().AsNoTracking().Where(r => links.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
                foreach (var missing in links.Where(l => !found.Contains(l)))
                {
                    v.Add("related", $"{missing} is not a registered recommendation");
                }
            }

            related = Serialize(links.Select(l => l.ToString()));
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var correction = new RecommendationCorrection
        {
            Id = Guid.CreateVersion7(now),
            RecommendationId = id,
            Revision = (latest?.Revision ?? 0) + 1,
            Reason = reason,
            Fields = "[]",
            Summary = summary,
            SummaryKk = kk,
            SummaryRu = ru,
            SummaryEn = en,
            FollowUpDueBy = request.FollowUpDueBy ?? current.FollowUpDueBy,
            Themes = themes,
            AffectedGroups = groups,
            Addressees = addressees,
            Related = related,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        var changed = Changed(current, correction);
        if (changed.Count == 0)
        {
            v.Add("fields", NothingChanged);
            return new ProblemResult(v.Problem());
        }

        correction = Named(correction, changed);
        db.Add(correction);
        LedgerWriter.Append(db, RecommendationLedger.Corrected, correction.Id, now, RecommendationLedger.Content(correction));
        log.Add(user, "recommendation.correct", id.ToString(), "allowed");
        return Outcome<RecommendationCorrected>.Created(
            () => new RecommendationCorrected(correction.Id, id, correction.Revision, changed), $"/api/v1/recommendations/{id}");
    }

    /// <summary>The fields whose values differ between the recommendation as it stood and as corrected, by their API names.</summary>
    public static List<string> Changed(Recommendation before, RecommendationCorrection after)
    {
        List<string> fields = [];
        void Compare(string name, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                fields.Add(name);
            }
        }

        Compare("summary", before.Summary, after.Summary);
        Compare("summaries.kk", before.SummaryKk, after.SummaryKk);
        Compare("summaries.ru", before.SummaryRu, after.SummaryRu);
        Compare("summaries.en", before.SummaryEn, after.SummaryEn);
        Compare("themes", before.Themes, after.Themes);
        Compare("affectedGroups", before.AffectedGroups, after.AffectedGroups);
        Compare("addressees", before.Addressees, after.Addressees);
        if (before.FollowUpDueBy != after.FollowUpDueBy)
        {
            fields.Add("followUpDueBy");
        }

        Compare("related", before.Related, after.Related);
        return fields;
    }

    /// <summary>A summary in one language: left out, as it was; "" removes it.</summary>
    private static string? Language(Validation v, string field, string? given, string? current) =>
        given is null ? current : v.Optional(field, given, RegisterRecommendation.MaxSummary) is { Length: > 0 } text ? text : null;

    private static string Serialize(IEnumerable<string> items) => JsonSerializer.Serialize(items, Json.Options);

    private static RecommendationCorrection Named(RecommendationCorrection c, List<string> fields) => new()
    {
        Id = c.Id,
        RecommendationId = c.RecommendationId,
        Revision = c.Revision,
        Reason = c.Reason,
        Fields = Serialize(fields),
        Summary = c.Summary,
        SummaryKk = c.SummaryKk,
        SummaryRu = c.SummaryRu,
        SummaryEn = c.SummaryEn,
        FollowUpDueBy = c.FollowUpDueBy,
        Themes = c.Themes,
        AffectedGroups = c.AffectedGroups,
        Addressees = c.Addressees,
        Related = c.Related,
        RecordedAt = c.RecordedAt,
        RecordedBy = c.RecordedBy,
    };
}
