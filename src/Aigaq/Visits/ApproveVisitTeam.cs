using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

public sealed record ApproveVisitTeamRequest(string? Comment);

public sealed record VisitTeamApproved(Guid Id, DateTimeOffset ApprovedAt);

/// <summary>
/// Records the approval of a visit's team (issue 17, item 3): who approved it and when, once. Another monitor of the
/// region approves, never the one who planned the visit, so that a team is chosen by one and checked by another.
/// </summary>
public sealed class ApproveVisitTeam(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<VisitTeamApproved>> HandleAsync(Guid visitId, ApproveVisitTeamRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var v = new Validation();
        var comment = v.Optional("comment", request.Comment, PlanVisit.MaxText);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        if (visit.RecordedBy == userId)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The monitor who planned a visit does not approve its team."));
        }

        // Nor does a member of the team approve the team they are on.
        if (await db.Set<VisitTeamMember>().AnyAsync(m => m.VisitId == visitId && m.UserId == userId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("A member of a visit's team does not approve that team."));
        }

        if (await db.Set<VisitApproval>().AnyAsync(a => a.VisitId == visitId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The visit's team is already approved."));
        }

        var approval = new VisitApproval { Id = Guid.CreateVersion7(now), VisitId = visitId, Comment = comment, ApprovedAt = now, ApprovedBy = userId };
        db.Add(approval);
        LedgerWriter.Append(db, VisitLedger.TeamApproved, approval.Id, now, VisitLedger.Content(approval));
        log.Add(user, "visit.team.approve", visitId.ToString(), "allowed");
        return Outcome<VisitTeamApproved>.Created(() => new VisitTeamApproved(approval.Id, now), $"/api/v1/visits/{visitId}");
    }
}
