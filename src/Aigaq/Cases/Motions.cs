using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>Why the evidence should be excluded: obtained under torture, under other duress, or on other grounds.</summary>
public enum MotionGrounds
{
    Torture,
    Duress,
    Other,
}

public enum MotionParty
{
    Defender,
    Suspect,
    Victim,
    Prosecutor,
}

public enum MotionOutcome
{
    Granted,
    Refused,
}

/// <summary>Who decided a motion: the body conducting the proceedings, the investigating judge, or the trial court.</summary>
public enum MotionDecider
{
    Investigator,
    Prosecutor,
    InvestigatingJudge,
    Court,
}

public sealed record FileMotionRequest(string? Evidence, MotionGrounds? Grounds, MotionParty? FiledBy, DateTimeOffset? FiledAt, string? Note);

public sealed record DecideMotionRequest(MotionOutcome? Outcome, MotionDecider? DecidedBy, DateTimeOffset? At, string? Reasons);

/// <summary>A motion to exclude evidence, with its outcome once decided.</summary>
public sealed record MotionView(
    Guid Id, string Evidence, MotionGrounds Grounds, MotionParty FiledBy, DateTimeOffset FiledAt,
    MotionOutcome? Outcome, MotionDecider? DecidedBy, DateTimeOffset? DecidedAt, string? Reasons)
{
    /// <summary>The motions of a case, from its history: a <c>motionFiled</c> event is the motion, a <c>motionDecided</c> its outcome.</summary>
    public static IReadOnlyList<MotionView> From(IEnumerable<CaseEvent> history)
    {
        var events = history.ToList();
        var decisions = events.Where(e => e.Type == CaseEventTypes.MotionDecided)
            .Select(e => (Event: e, Data: JsonNode.Parse(e.Data)!))
            .ToDictionary(d => Guid.Parse(d.Data["motionId"]!.GetValue<string>()));
        return [.. events.Where(e => e.Type == CaseEventTypes.MotionFiled).OrderBy(e => e.At).Select(e =>
        {
            var data = JsonNode.Parse(e.Data)!;
            var decided = decisions.TryGetValue(e.Id, out var d);
            return new MotionView(
                e.Id, data["evidence"]!.GetValue<string>(), Motions.Parse<MotionGrounds>(data["grounds"]), Motions.Parse<MotionParty>(data["filedBy"]), e.At,
                decided ? Motions.Parse<MotionOutcome>(d.Data["outcome"]) : null,
                decided ? Motions.Parse<MotionDecider>(d.Data["decidedBy"]) : null,
                decided ? d.Event.At : null,
                decided ? d.Event.Reason : null);
        })];
    }
}

public sealed record MotionRecordedView(Guid CaseId, MotionView Motion);

/// <summary>
/// Motions to exclude evidence obtained under torture or duress, tracked with their outcome:
/// filed and decided as facts of the case's history (so in the transparency log), recorded by
/// the body responsible for the case or the region's supervisory prosecutor.
/// </summary>
public sealed class Motions(AigaqDb db, RulePackCatalog rules, TimeProvider clock)
{
    public async Task<Outcome<MotionRecordedView>> FileAsync(Guid caseId, FileMotionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, problem) = await CaseAsync(caseId, user, ct);
        if (c is null)
        {
            return new ProblemResult(problem!);
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var evidence = v.Required("evidence", request.Evidence, 4000);
        var grounds = v.Required("grounds", request.Grounds);
        var filedBy = v.Required("filedBy", request.FiledBy);
        var note = v.Optional("note", request.Note, 4000);
        var filedAt = request.FiledAt ?? now;
        When(v, "filedAt", filedAt, c.RegisteredAt, "the case was registered", c, now);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var data = new JsonObject
        {
            ["kind"] = "excludeEvidence",
            ["evidence"] = evidence,
            ["grounds"] = Json.Name(grounds),
            ["filedBy"] = Json.Name(filedBy),
        };
        var e = CaseRouting.Event(db, c, CaseEventTypes.MotionFiled, filedAt, user.RequiredUserId(), data, note, now);
        return Outcome<MotionRecordedView>.Created(
            () => new MotionRecordedView(c.Id, MotionView.From([e]).Single()), $"/api/v1/cases/{c.Id}");
    }

    public async Task<Outcome<MotionRecordedView>> DecideAsync(Guid caseId, Guid motionId, DecideMotionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, problem) = await CaseAsync(caseId, user, ct);
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
        When(v, "at", at, filed.At, "the motion was filed", c, now);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var data = new JsonObject { ["motionId"] = motionId.ToString(), ["outcome"] = Json.Name(outcome), ["decidedBy"] = Json.Name(decidedBy) };
        var e = CaseRouting.Event(db, c, CaseEventTypes.MotionDecided, at, user.RequiredUserId(), data, reasons, now);
        return Outcome<MotionRecordedView>.Created(
            () => new MotionRecordedView(c.Id, MotionView.From([filed, e]).Single()), $"/api/v1/cases/{c.Id}");
    }

    internal static T Parse<T>(JsonNode? node)
        where T : struct, Enum => Enum.Parse<T>(node!.GetValue<string>(), ignoreCase: true);

    private async Task<(Case? Case, IResult? Problem)> CaseAsync(Guid caseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Set<Case>().Visible(user, db.Set<Referral>()).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return (null, ProblemTypes.NotFoundProblem("The case"));
        }

        return CaseScope.MayRecordStages(user, c.Region, c.ResponsibleKind, c.ResponsibleRegion)
            ? (c, null)
            : (null, Results.Problem(
                type: ProblemTypes.Forbidden, title: "Only the responsible body or the supervisory prosecutor records a case's motions.",
                statusCode: StatusCodes.Status403Forbidden));
    }

    private void When(Validation v, string field, DateTimeOffset at, DateTimeOffset notBefore, string what, Case c, DateTimeOffset now) =>
        v.Moment(field, at, now, rules.ById(c.RulePackId) ?? rules.At(c.RegisteredAt), notBefore, what);

}
