using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary><c>POST /api/v1/visits/{id}/checks</c>: an area seen or a register checked, when, with a note.</summary>
public sealed record RecordVisitCheckRequest(VisitCheckKind? Kind, string? Name, DateTimeOffset? At, string? Note);

public sealed record VisitCheckRecorded(Guid Id);

/// <summary>Records an area the team saw or a register it checked (issue 17, item 4), as a fact of its own.</summary>
public sealed class RecordVisitCheck(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<VisitCheckRecorded>> HandleAsync(Guid visitId, RecordVisitCheckRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var v = new Validation();
        var kind = v.Required("kind", request.Kind);
        var name = v.Required("name", request.Name, PlanVisit.MaxName);
        var at = v.Required("at", request.At);
        if (request.At is not null && v.Moment("at", at, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned")
            && await VisitFieldwork.ArrivedAtAsync(db, visitId, ct) is { } arrived && at < arrived)
        {
            v.Add("at", "is before the team arrived");
        }

        var note = v.Optional("note", request.Note, PlanVisit.MaxText);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await VisitFieldwork.UnapprovedAsync(db, visit, pack, ct) is { } unapproved)
        {
            return unapproved;
        }

        if (await VisitFieldwork.NotArrivedAsync(db, visit, ct) is { } notArrived)
        {
            return notArrived;
        }

        var check = new VisitCheck
        {
            Id = Guid.CreateVersion7(now),
            VisitId = visitId,
            Kind = kind,
            Name = name,
            At = at,
            Note = note,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(check);
        LedgerWriter.Append(db, VisitLedger.Checked, check.Id, now, VisitLedger.Content(check));
        log.Add(user, "visit.check", visitId.ToString(), "allowed");
        return Outcome<VisitCheckRecorded>.Created(() => new VisitCheckRecorded(check.Id), $"/api/v1/visits/{visitId}");
    }
}
