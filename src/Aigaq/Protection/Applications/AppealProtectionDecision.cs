using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary><c>POST /api/v1/protection-applications/{id}/appeals</c>: when it was filed, by whom, on what grounds.</summary>
public sealed record AppealProtectionDecisionRequest(DateTimeOffset? FiledAt, AppealFiledBy? By, string? Grounds);

public sealed record ProtectionAppealCreated(Guid Id, Guid ApplicationId, int Round, Guid AppealedDecisionId, DateTimeOffset FiledAt);

/// <summary>
/// Records an appeal against the latest decision on an application. One appeal waits at a time: its outcome
/// (<see cref="DecideProtectionApplication.HandleAppealAsync"/>) is the decision of the next round, which may be appealed
/// in turn.
/// </summary>
public sealed class AppealProtectionDecision(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ProtectionAppealCreated>> HandleAsync(
        Guid applicationId, AppealProtectionDecisionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var application = await ProtectionApplications.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protection application"));
        }

        var latest = await db.Set<ProtectionDecision>().AsNoTracking().Where(d => d.ApplicationId == applicationId)
            .OrderByDescending(d => d.Round).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The application is not decided yet: there is nothing to appeal."));
        }

        if (await db.Set<ProtectionAppeal>().AnyAsync(a => a.AppealedDecisionId == latest.Id, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("An appeal against this decision is already filed and waits for its outcome."));
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var filedAt = v.Required("filedAt", request.FiledAt);
        var by = v.Required("by", request.By);
        var grounds = v.Required("grounds", request.Grounds, 4000);
        if (!v.Has("filedAt"))
        {
            v.Moment("filedAt", filedAt, now, rules.At(filedAt), latest.DecidedAt, "the decision appealed");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var appeal = new ProtectionAppeal
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = applicationId,
            Round = latest.Round + 1,
            AppealedDecisionId = latest.Id,
            FiledAt = filedAt,
            By = by,
            Grounds = grounds,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(appeal);
        LedgerWriter.Append(db, ProtectionLedger.AppealFiled, appeal.Id, now, ProtectionLedger.Content(appeal));
        log.Add(user, "protection.appeal.file", appeal.Id.ToString(), "allowed");
        return Outcome<ProtectionAppealCreated>.Created(
            () => new ProtectionAppealCreated(appeal.Id, applicationId, appeal.Round, latest.Id, filedAt),
            $"/api/v1/protection-applications/{applicationId}");
    }
}
