using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/visits/{id}/arrival</c>).</summary>
public sealed record RecordArrivalRequest(DateTimeOffset? ArrivedAt, DateTimeOffset? AdmittedAt);

public sealed record ArrivalRecorded(Guid Id);

/// <summary>
/// Records when the team arrived at the place and, if it was let in, when (issue 17, item 4): once per visit. The time
/// between the two is what a delayed admission costs; a team never let in records an access denial of the facility.
/// </summary>
public sealed class RecordArrival(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ArrivalRecorded>> HandleAsync(Guid visitId, RecordArrivalRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var v = new Validation();
        var arrivedAt = v.Required("arrivedAt", request.ArrivedAt);
        if (request.ArrivedAt is not null)
        {
            v.Moment("arrivedAt", arrivedAt, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned");
        }

        if (request.AdmittedAt is { } admitted && v.Moment("admittedAt", admitted, now, pack) && request.ArrivedAt is not null && admitted < arrivedAt)
        {
            v.Add("admittedAt", "is before arrivedAt");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await VisitFieldwork.UnapprovedAsync(db, visit, pack, ct) is { } unapproved)
        {
            return unapproved;
        }

        if (await db.Set<VisitArrival>().AnyAsync(a => a.VisitId == visitId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The visit's arrival is already recorded."));
        }

        var arrival = new VisitArrival
        {
            Id = Guid.CreateVersion7(now),
            VisitId = visitId,
            ArrivedAt = arrivedAt,
            AdmittedAt = request.AdmittedAt,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(arrival);
        LedgerWriter.Append(db, VisitLedger.Arrived, arrival.Id, now, VisitLedger.Content(arrival));
        log.Add(user, "visit.arrival", visitId.ToString(), "allowed");
        return Outcome<ArrivalRecorded>.Created(() => new ArrivalRecorded(arrival.Id), $"/api/v1/visits/{visitId}");
    }
}
