using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// What records of a visit's fieldwork check first (ADR 0030): that its team is approved (arrival, checks, headcount; not
/// an access denial, told at once), unless the rule pack lets an unannounced visit start first; that the team arrived
/// (checks, headcount); and the earliest moment anything of the visit can have happened, a plan recorded after the fact being backdated at most <see cref="VisitTeamRules.PlanBackdateHours"/>.
/// </summary>
internal static class VisitFieldwork
{
    /// <summary>A 409 naming <c>approval</c> when the visit's team is not approved and the pack asks that it be; otherwise null.</summary>
    public static async Task<ProblemResult?> UnapprovedAsync(AigaqDb db, Visit visit, RulePack pack, CancellationToken ct)
    {
        if ((!visit.Announced && pack.VisitTeams.UnannouncedWithoutApproval)
            || await db.Set<VisitApproval>().AnyAsync(a => a.VisitId == visit.Id, ct))
        {
            return null;
        }

        return new ProblemResult(ProblemTypes.ConflictProblem(
            $"The team of visit {visit.Number} is not approved yet: another monitor of the region approves it first (POST .../approval).", "approval"));
    }

    /// <summary>The earliest moment of the visit's fieldwork: its plan's recording, less the backdating the pack allows.</summary>
    public static DateTimeOffset Earliest(Visit visit, RulePack pack) => visit.RecordedAt - TimeSpan.FromHours(pack.VisitTeams.PlanBackdateHours);

    /// <summary>
    /// A 409 naming <c>arrival</c> until the team's arrival is recorded (what it saw and counted follows it), and one naming
    /// <c>departure</c> once its departure is: the visit is done, and what it found is closed.
    /// </summary>
    public static async Task<ProblemResult?> NotArrivedAsync(AigaqDb db, Visit visit, CancellationToken ct)
    {
        if (!await db.Set<VisitArrival>().AnyAsync(a => a.VisitId == visit.Id, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                $"The team's arrival at visit {visit.Number} is not recorded yet: it comes first (POST .../arrival).", "arrival"));
        }

        return await db.Set<Answers.VisitDeparture>().AnyAsync(d => d.VisitId == visit.Id, ct)
            ? new ProblemResult(ProblemTypes.ConflictProblem($"The team has left: visit {visit.Number} is done and takes no more fieldwork.", "departure"))
            : null;
    }

    /// <summary>When the team arrived, if that is recorded: a check or a denial is not before it.</summary>
    public static Task<DateTimeOffset?> ArrivedAtAsync(AigaqDb db, Guid visitId, CancellationToken ct) =>
        db.Set<VisitArrival>().Where(a => a.VisitId == visitId).Select(a => (DateTimeOffset?)a.ArrivedAt).FirstOrDefaultAsync(ct);
}
