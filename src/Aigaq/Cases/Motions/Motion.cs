using System.Security.Claims;
using System.Text.Json.Nodes;
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
                e.Id, data["evidence"]!.GetValue<string>(), Parse<MotionGrounds>(data["grounds"]), Parse<MotionParty>(data["filedBy"]), e.At,
                decided ? Parse<MotionOutcome>(d.Data["outcome"]) : null,
                decided ? Parse<MotionDecider>(d.Data["decidedBy"]) : null,
                decided ? d.Event.At : null,
                decided ? d.Event.Reason : null);
        })];
    }

    private static T Parse<T>(JsonNode? node)
        where T : struct, Enum => Enum.Parse<T>(node!.GetValue<string>(), ignoreCase: true);
}

public sealed record MotionRecordedView(Guid CaseId, MotionView Motion);

/// <summary>
/// Motions to exclude evidence obtained under torture or duress, tracked with their outcome: filed
/// (<see cref="FileMotion"/>) and decided (<see cref="DecideMotion"/>) as facts of the case's history, so in the
/// transparency log, recorded by the body responsible for the case or the region's supervisory prosecutor.
/// </summary>
internal static class MotionCase
{
    /// <summary>The case, if the user may read it and record its motions; else the problem to answer.</summary>
    internal static async Task<(Case? Case, IResult? Problem)> FindAsync(AigaqDb db, Guid caseId, ClaimsPrincipal user, CancellationToken ct)
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

    /// <summary>An instant of the case's proceedings: not in the future, not before <paramref name="notBefore"/>.</summary>
    internal static void When(RulePackCatalog rules, Validation v, string field, DateTimeOffset at, DateTimeOffset notBefore, string what, Case c, DateTimeOffset now) =>
        v.Moment(field, at, now, rules.ById(c.RulePackId) ?? rules.At(c.RegisteredAt), notBefore, what);
}
