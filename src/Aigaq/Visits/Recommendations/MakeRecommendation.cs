using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// <c>POST /api/v1/visits/{id}/recommendations</c> (CONTRACT.md): to whom, on which theme of the visit's checklist, the
/// text, the priority and the local day by which a response is asked; <c>repeats</c> (optional) names the earlier
/// recommendation to the same place that this one makes again.
/// </summary>
public sealed record MakeRecommendationRequest(
    string? Addressee, string? Theme, string? Text, RecommendationPriority? Priority, DateOnly? ResponseDueBy, Guid? Repeats = null);

/// <summary>The recommendation made; <c>repeats</c> is the earlier one it makes again (then <c>alertId</c> is the alert raised).</summary>
public sealed record RecommendationMade(Guid Id, string Number, Guid? Repeats, Guid? AlertId);

/// <summary>
/// Records a monitoring team's recommendation to the authority on a visit the team made (issue 17, item 8). The same
/// recommendation made before to the same place, on another visit (named by <c>repeats</c>, or found by
/// <see cref="RecommendationMatch"/> among those of the same theme), marks it repeated and raises
/// <see cref="AlertCodes.RepeatedRecommendation"/> in the same transaction, for the region's monitors.
/// </summary>
public sealed class MakeRecommendation(AigaqDb db, VisitChecklists checklists, NumberAllocator numbers, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const string Series = NumberAllocator.VisitRecommendations;

    public async Task<Outcome<RecommendationMade>> HandleAsync(Guid visitId, MakeRecommendationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var v = new Validation();
        var addressee = v.Required("addressee", request.Addressee, PlanVisit.MaxName);
        var theme = v.Required("theme", request.Theme, 40);
        var themes = checklists.Version(visit.ChecklistId, visit.ChecklistVersion)?.Themes ?? [];
        if (request.Theme is { Length: > 0 } && !themes.Contains(theme, StringComparer.Ordinal))
        {
            v.Add("theme", "must be a theme of the visit's checklist: " + string.Join(", ", themes));
        }

        var text = v.Required("text", request.Text, VisitRecommendationConfiguration.MaxText);
        var priority = v.Required("priority", request.Priority);
        var dueBy = v.Required("responseDueBy", request.ResponseDueBy);
        var today = DateOnly.FromDateTime(pack.ToLocal(now).DateTime);
        var latest = today.AddDays(pack.VisitRecommendations.ResponseDueMaxDays);
        if (request.ResponseDueBy is not null && (dueBy < today || dueBy > latest))
        {
            v.Add("responseDueBy", $"must be a day from {today:yyyy-MM-dd} to {latest:yyyy-MM-dd}");
        }

        VisitRecommendation? named = null;
        if (request.Repeats is { } repeats)
        {
            named = await VisitRecommendation.Readable(db.Set<VisitRecommendation>().AsNoTracking(), user)
                .FirstOrDefaultAsync(r => r.Id == repeats && r.FacilityId == visit.FacilityId && r.VisitId != visitId, ct);
            if (named is null)
            {
                v.Add("repeats", "is not an earlier visit's recommendation to this place");
            }
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        // A recommendation follows what the team saw, so it waits for the arrival; it is often written after the team
        // has left, so the departure does not end it.
        if (await VisitFieldwork.ArrivedAtAsync(db, visit.Id, ct) is null)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                $"The team's arrival at visit {visit.Number} is not recorded yet: it comes first (POST .../arrival).", "arrival"));
        }

        // Of the earlier visits' recommendations of the theme to the place, the latest to the same addressee alike in words.
        var earlier = named ?? (await db.Set<VisitRecommendation>().AsNoTracking()
                .Where(r => r.FacilityId == visit.FacilityId && r.Theme == theme && r.VisitId != visitId)
                .OrderByDescending(r => r.Seq).ToListAsync(ct))
            .FirstOrDefault(r => RecommendationMatch.SameAddressee(r.Addressee, addressee)
                && RecommendationMatch.Similarity(r.Text, text) >= pack.VisitRecommendations.RepeatSimilarity);

        var seq = await numbers.NextAsync(Series, ct);
        var dueLocal = dueBy.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var recommendation = new VisitRecommendation
        {
            Id = Guid.CreateVersion7(now),
            Seq = seq,
            Number = "VR-" + seq.ToString("D6", CultureInfo.InvariantCulture),
            VisitId = visitId,
            FacilityId = visit.FacilityId,
            Region = visit.Region,
            Addressee = addressee,
            Theme = theme,
            Text = text,
            Priority = priority,
            ResponseDueBy = dueBy,
            // The response is due by the end of the day in the pack's zone.
            ResponseDueAt = new DateTimeOffset(dueLocal, pack.Zone.GetUtcOffset(dueLocal)).ToUniversalTime(),
            RepeatsId = earlier?.Id,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(recommendation);
        LedgerWriter.Append(db, VisitRecommendationLedger.Recommended, recommendation.Id, now, VisitRecommendationLedger.Content(recommendation));
        Alert? alert = null;
        if (earlier is not null)
        {
            alert = AlertFactory.Create(
                new AlertDue(AlertCodes.RepeatedRecommendation, $"{AlertCodes.RepeatedRecommendation}:{recommendation.Id}{GetVisit.KeySuffix(visitId)}", now,
                    $"{visit.Number} · {recommendation.Number} · {earlier.Number}"),
                detention: null, visit.Region, now);
            db.Add(alert);
        }

        log.Add(user, "visit.recommendation", visitId.ToString(), "allowed");
        return Outcome<RecommendationMade>.Created(
            () => new RecommendationMade(recommendation.Id, recommendation.Number, earlier?.Id, alert?.Id), $"/api/v1/visit-recommendations/{recommendation.Id}");
    }
}
