using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary><c>{ "decision": "escalate" | "keep", "reason" }</c>.</summary>
public sealed record DecideConflictRequest(ConflictDecision? Decision, string? Reason);

public sealed record ConflictDecidedView(Guid CaseId, ConflictDecision Decision, BodyView ResponsibleBody, ReferralView? Referral);

/// <summary>
/// A supervisory prosecutor decides an institutional conflict: escalate the case to the body the
/// rule pack names, or keep it where it is with a written reason. Either way it stays on record.
/// </summary>
public sealed class DecideConflict(AigaqDb db, Rules.RulePackCatalog rules, TimeProvider clock)
{
    public async Task<Outcome<ConflictDecidedView>> HandleAsync(Guid caseId, DecideConflictRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Set<Case>().Visible(user, db.Set<Referral>()).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The case"));
        }

        if (!c.ConflictOpen)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The case has no institutional conflict waiting for a decision."));
        }

        var v = new Validation();
        var decision = v.Required("decision", request.Decision);
        var reason = v.Required("reason", request.Reason, 4000);
        var pack = rules.ById(c.RulePackId) ?? rules.At(c.RegisteredAt);
        var alleged = await CaseRouting.AllegedAsync(db, c.ReportId, ct);
        var conflicted = CaseRouting.Target(pack, c, alleged);
        if (decision == ConflictDecision.Escalate && Jurisdiction.EscalationOf(pack, conflicted) is null)
        {
            v.Add("decision", $"{conflicted} has no body to escalate to in rule pack {pack.Id}");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var now = clock.GetUtcNow();
        var userId = user.RequiredUserId();
        c.Conflict = decision;
        c.ConflictOpen = false;
        var target = CaseRouting.Target(pack, c, alleged);
        CaseRouting.Event(db, c, CaseEventTypes.ConflictDecided, now, userId,
            new JsonObject { ["decision"] = decision.ToString(), ["body"] = conflicted.ToString(), ["routedTo"] = target.ToString() }, reason);
        var referral = await CaseRouting.SendAsync(db, pack, c, target, reason, userId, now, ct);
        c.Version++;
        return Outcome<ConflictDecidedView>.Created(
            () => new ConflictDecidedView(c.Id, decision, BodyView.Of(c.ResponsibleKind, c.ResponsibleRegion), referral is null ? null : ReferralView.Of(referral)),
            $"/api/v1/cases/{c.Id}");
    }
}
