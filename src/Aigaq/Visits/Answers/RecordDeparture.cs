using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Answers;

/// <summary><c>POST /api/v1/visits/{id}/departure</c>: when the team left the place.</summary>
public sealed record RecordDepartureRequest(DateTimeOffset? At);

public sealed record DepartureRecorded(Guid Id);

/// <summary>
/// Records the visit's end (issue 17, "visit done"): once, after the recorded arrival and not before anything the team
/// recorded there. From then on the visit is <c>done</c> and takes no fieldwork (409 naming <c>departure</c>).
/// </summary>
public sealed class RecordDeparture(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<DepartureRecorded>> HandleAsync(Guid visitId, RecordDepartureRequest request, ClaimsPrincipal user, CancellationToken ct)
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
            && await LastFieldworkAsync(visitId, ct) is { } last && at < last)
        {
            v.Add("at", "is before the team's arrival or something it recorded there");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await VisitFieldwork.NotArrivedAsync(db, visit, ct) is { } notArrived)
        {
            return notArrived;
        }

        var departure = new VisitDeparture
        {
            Id = Guid.CreateVersion7(now),
            VisitId = visitId,
            At = at,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(departure);
        LedgerWriter.Append(db, AnswerLedger.Departed, departure.Id, now, AnswerLedger.Content(departure));
        log.Add(user, "visit.departure", visitId.ToString(), "allowed");
        return Outcome<DepartureRecorded>.Created(() => new DepartureRecorded(departure.Id), $"/api/v1/visits/{visitId}");
    }

    /// <summary>The latest moment of the visit's arrival, checks, headcount, answers, interviews and checks of earlier recommendations: the team left after all of them.</summary>
    private async Task<DateTimeOffset?> LastFieldworkAsync(Guid visitId, CancellationToken ct)
    {
        var moments = new[]
        {
            await db.Set<VisitArrival>().Where(a => a.VisitId == visitId).Select(a => (DateTimeOffset?)(a.AdmittedAt ?? a.ArrivedAt)).FirstOrDefaultAsync(ct),
            await db.Set<VisitCheck>().Where(c => c.VisitId == visitId).Select(c => (DateTimeOffset?)c.At).ToListAsync(ct) is { Count: > 0 } checks ? checks.Max() : null,
            await db.Set<Headcounts.VisitHeadcount>().Where(h => h.VisitId == visitId).Select(h => (DateTimeOffset?)h.At).FirstOrDefaultAsync(ct),
            await db.Set<VisitChecklistAnswer>().Where(a => a.VisitId == visitId).Select(a => (DateTimeOffset?)a.At).ToListAsync(ct) is { Count: > 0 } answers ? answers.Max() : null,
            await db.Set<Interviews.VisitInterview>().Where(i => i.VisitId == visitId).Select(i => (DateTimeOffset?)i.At).ToListAsync(ct) is { Count: > 0 } talks ? talks.Max() : null,
            await db.Set<VisitRecommendationCheck>().Where(c => c.VisitId == visitId).Select(c => (DateTimeOffset?)c.At).ToListAsync(ct) is { Count: > 0 } found ? found.Max() : null,
        };
        return moments.Max();
    }
}
