using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary><c>POST /api/v1/recommendations/{id}/measures</c> as CONTRACT.md gives it, with <c>supporting</c> institutions beside.</summary>
public sealed record AddMeasureRequest(string? Title, string? Lead, IReadOnlyList<string?>? Supporting, DateOnly? TargetDate, MeasureStatus? Status);

public sealed record MeasureAdded(Guid Id, Guid RecommendationId, MeasureStatus Status);

/// <summary>
/// Records a measure on a recommendation with its first status (at the moment of recording): the measure row and the
/// status row, each in the log, in one unit of work. A later status is <see cref="ChangeMeasureStatus"/>.
/// </summary>
public sealed class AddMeasure(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const int MaxTitle = 500;

    /// <summary>The lead institution's column; the name's limit is the rule pack's (<see cref="RecommendationListRules.MaxNameLength"/>).</summary>
    public const int MaxInstitution = RecommendationListRules.MostNameLength;

    public const int MaxNote = 4000;

    public async Task<Outcome<MeasureAdded>> HandleAsync(Guid id, AddMeasureRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var recommendation = await db.Set<Recommendation>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (recommendation is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The recommendation"));
        }

        var v = new Validation();
        var title = v.Required("title", request.Title, MaxTitle);
        var lists = rules.At(now).Recommendations.Lists;
        var lead = v.Required("lead", request.Lead, lists.MaxNameLength);
        var supporting = RegisterRecommendation.Stored(Institutions(v, request.Supporting, lead, lists));
        var status = v.Required("status", request.Status);
        if (request.TargetDate is { } target && target < recommendation.AdoptedAt)
        {
            v.Add("targetDate", "is before the recommendation was adopted");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        var measure = new RecommendationMeasure
        {
            Id = Guid.CreateVersion7(now),
            RecommendationId = id,
            Title = title,
            Lead = lead,
            Supporting = supporting,
            TargetDate = request.TargetDate,
            RecordedAt = now,
            RecordedBy = userId,
        };
        var first = new MeasureStatusChange
        {
            Id = Guid.CreateVersion7(now),
            MeasureId = measure.Id,
            Status = status,
            At = now,
            RecordedAt = now,
            RecordedBy = userId,
        };
        db.Add(measure);
        db.Add(first);
        LedgerWriter.Append(db, MeasureLedger.Added, measure.Id, now, MeasureLedger.Content(measure));
        LedgerWriter.Append(db, MeasureLedger.StatusChanged, first.Id, now, MeasureLedger.Content(first));
        log.Add(user, "recommendation.measure", id.ToString(), "allowed");
        return Outcome<MeasureAdded>.Created(() => new MeasureAdded(measure.Id, id, status), $"/api/v1/recommendations/{id}");
    }

    /// <summary>The supporting institutions: each named once, none the lead itself.</summary>
    private static List<string> Institutions(Validation v, IReadOnlyList<string?>? input, string lead, RecommendationListRules lists)
    {
        if (input is null)
        {
            return [];
        }

        if (input.Count > lists.MaxEntries)
        {
            v.Add("supporting", $"has more than {lists.MaxEntries} items");
            return [];
        }

        var names = input.Select((t, i) => v.Required($"supporting[{i}]", t, lists.MaxNameLength)).ToList();
        var named = !names.Where((_, i) => v.Has($"supporting[{i}]")).Any();
        if (named && names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            v.Add("supporting", "names an institution twice");
        }
        else if (named && names.Contains(lead, StringComparer.Ordinal))
        {
            v.Add("supporting", "names the lead institution");
        }

        return names;
    }
}
