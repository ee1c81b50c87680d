using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary><c>{ "part", "reason" }</c>, with the aid's answers if asked and whether the case is torture.</summary>
public sealed record RequalifyCaseRequest(int? Part, string? Reason, bool? Torture, QualificationInput? Qualification);

public sealed record RequalifiedView(Guid CaseId, int Part, bool Torture, BodyView ResponsibleBody, ReferralView? Referral, QualificationSuggestion? Suggestion);

/// <summary>
/// A supervisory prosecutor requalifies a case. When the competent body changes, a referral is
/// made; the sending body stays responsible until the receiving body accepts, so the case always
/// has exactly one responsible body.
/// </summary>
public sealed class RequalifyCase(AigaqDb db, RulePackCatalog rules, TimeProvider clock)
{
    public async Task<Outcome<RequalifiedView>> HandleAsync(Guid caseId, RequalifyCaseRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Set<Case>().Visible(user, db.Set<Referral>()).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The case"));
        }

        if (c.Closed)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The case is closed."));
        }

        var pack = rules.ById(c.RulePackId) ?? rules.At(c.RegisteredAt);
        var v = new Validation();
        var part = SuggestQualification.Part(v, pack, request.Part);
        var reason = v.Required("reason", request.Reason, 4000);
        var suggestion = SuggestQualification.Suggest(v, pack, request.Qualification);
        if (!v.IsValid || part is not { } chosen)
        {
            return new ProblemResult(v.Problem());
        }

        var torture = SuggestQualification.Torture(pack, chosen, request.Torture, suggestion);
        if (chosen == c.Part && torture == c.Torture)
        {
            v.Add("part", "is the case's part already");
            return new ProblemResult(v.Problem());
        }

        var now = clock.GetUtcNow();
        var userId = user.RequiredUserId();
        var alleged = await CaseRouting.AllegedAsync(db, c.ReportId, ct);
        var fromPart = c.Part;
        var before = CaseRouting.Target(pack, c, alleged);
        c.Part = chosen;
        c.Torture = torture;
        var target = CaseRouting.Target(pack, c, alleged);
        if (target != before && c.Conflict == ConflictDecision.Keep)
        {
            // A decision to keep the case with a conflicted body was about that body.
            c.Conflict = null;
        }

        var data = SuggestQualification.Qualification(chosen, torture, target, request.Qualification, suggestion);
        data["fromPart"] = fromPart;
        var e = CaseRouting.Event(db, c, CaseEventTypes.Requalified, now, userId, data, reason);
        var referral = await CaseRouting.SendAsync(db, pack, c, target, reason, userId, now, ct);
        c.ConflictOpen = false;
        await CaseRouting.CheckConflictAsync(db, pack, c, target, alleged, e.Id, now, ct);
        c.Version++;

        return Outcome<RequalifiedView>.Created(
            () => new RequalifiedView(c.Id, chosen, torture, BodyView.Of(c.ResponsibleKind, c.ResponsibleRegion), referral is null ? null : ReferralView.Of(referral), suggestion),
            $"/api/v1/cases/{c.Id}");
    }
}
