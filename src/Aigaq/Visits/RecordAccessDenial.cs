using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/visits/{id}/access-denials</c>); minutes is how long access was refused.</summary>
public sealed record RecordAccessDenialRequest(DateTimeOffset? At, DeniedAccess? What, string? By, string? Reason, int? Minutes);

public sealed record AccessDenialRecorded(Guid Id, Guid AlertId);

/// <summary>
/// Records a refusal of access on a visit (issue 17, item 4) and, in the same transaction, raises
/// <see cref="AlertCodes.AccessDenied"/> in the visit's region. Its severity in the rule pack makes the alert messages
/// reach the region's supervisory prosecutors and the Commissioner's office (the region's monitors) at once through the
/// outbox (ADR 0030). The alert names the visit's number and what was refused, never who refused it.
/// </summary>
public sealed class RecordAccessDenial(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<AccessDenialRecorded>> HandleAsync(Guid visitId, RecordAccessDenialRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var v = new Validation();
        var at = v.Required("at", request.At);
        if (request.At is not null && v.Moment("at", at, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned")
            && await VisitFieldwork.ArrivedAtAsync(db, visitId, ct) is { } arrived && at < arrived)
        {
            v.Add("at", "is before the team arrived");
        }

        var what = v.Required("what", request.What);
        var by = v.Required("by", request.By, PlanVisit.MaxName);
        var reason = v.Optional("reason", request.Reason, PlanVisit.MaxText);
        // A refusal said to have lasted longer than the pack's figure is a typing mistake, or a place closed to monitoring.
        var maxMinutes = pack.VisitTeams.AccessDenialMaxMinutes;
        if (request.Minutes < 0 || request.Minutes > maxMinutes)
        {
            v.Add("minutes", $"must be from 0 to {maxMinutes}");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        // Not held back by the team's approval (review M6): a refusal at the gate is a fact the prosecutor hears of at once.

        var denial = new AccessDenial
        {
            Id = Guid.CreateVersion7(now),
            VisitId = visitId,
            FacilityId = visit.FacilityId,
            Region = visit.Region,
            At = at,
            What = what,
            By = by,
            Reason = reason,
            Minutes = request.Minutes,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(denial);
        LedgerWriter.Append(db, VisitLedger.AccessDenied, denial.Id, now, VisitLedger.Content(denial));
        var alert = AlertFactory.Create(
            new AlertDue(AlertCodes.AccessDenied, $"{AlertCodes.AccessDenied}:{denial.Id}{GetVisit.KeySuffix(visitId)}", at, $"{visit.Number} · {Json.Name(what)}"),
            detention: null, visit.Region, now);
        db.Add(alert);
        log.Add(user, "visit.access.denied", visitId.ToString(), "allowed");
        return Outcome<AccessDenialRecorded>.Created(() => new AccessDenialRecorded(denial.Id, alert.Id), $"/api/v1/visits/{visitId}");
    }
}
