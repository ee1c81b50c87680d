using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record DecideMotionRequest(MotionOutcome? Outcome, MotionDecider? DecidedBy, DateTimeOffset? At, string? Reasons);

/// <summary>Records the decision on a motion, once (see <see cref="MotionCase"/>).</summary>
public sealed class DecideMotion(AigaqDb db, RulePackCatalog rules, TimeProvider clock)
{
    public async Task<Outcome<MotionRecordedView>> HandleAsync(Guid caseId, Guid motionId, DecideMotionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, problem) = await MotionCase.FindAsync(db, caseId, user, ct);
        if (c is null)
        {
            return new ProblemResult(problem!);
        }

        var history = await db.Set<CaseEvent>().AsNoTracking()
            .Where(e => e.CaseId == c.Id && (e.Type == CaseEventTypes.MotionFiled || e.Type == CaseEventTypes.MotionDecided))
            .ToListAsync(ct);
        var filed = history.FirstOrDefault(e => e.Id == motionId && e.Type == CaseEventTypes.MotionFiled);
        if (filed is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The motion"));
        }

        if (MotionView.From(history).Single(m => m.Id == motionId).Outcome is not null)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The motion is already decided; its outcome is recorded once."));
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var outcome = v.Required("outcome", request.Outcome);
        var decidedBy = v.Required("decidedBy", request.DecidedBy);
        var reasons = v.Optional("reasons", request.Reasons, 20000);
        var at = request.At ?? now;
        MotionCase.When(rules, v, "at", at, filed.At, "the motion was filed", c, now);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var data = new JsonObject { ["motionId"] = motionId.ToString(), ["outcome"] = Json.Name(outcome), ["decidedBy"] = Json.Name(decidedBy) };
        var e = CaseRouting.Event(db, c, CaseEventTypes.MotionDecided, at, user.RequiredUserId(), data, reasons, now);
        return Outcome<MotionRecordedView>.Created(
            () => new MotionRecordedView(c.Id, MotionView.From([filed, e]).Single()), $"/api/v1/cases/{c.Id}");
    }
}
