using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>
/// The receiving body accepts a referral: from this moment it, and no longer the sender, is
/// responsible for the case. Only the body the referral is addressed to may accept it.
/// </summary>
public sealed class AcceptReferral(AigaqDb db, TimeProvider clock)
{
    public async Task<Outcome<ReferralView>> HandleAsync(Guid referralId, ClaimsPrincipal user, CancellationToken ct)
    {
        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == referralId, ct);
        var c = referral is null ? null : await db.Set<Case>().Visible(user, db.Set<Referral>()).FirstOrDefaultAsync(x => x.Id == referral.CaseId, ct);
        if (referral is null || c is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The referral"));
        }

        if (CaseScope.BodyOf(user) is not { } body || body.Kind != referral.ToKind || body.Region != referral.ToRegion)
        {
            return new ProblemResult(Results.Problem(
                type: ProblemTypes.Forbidden,
                title: "Only the body the referral is addressed to may accept it.",
                detail: $"The referral is addressed to {Bodies.Name(referral.ToKind, referral.ToRegion)}.",
                statusCode: StatusCodes.Status403Forbidden));
        }

        if (referral.Status != ReferralStatus.Pending)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"The referral is {referral.Status.ToString().ToLowerInvariant()}, not pending."));
        }

        var now = clock.GetUtcNow();
        referral.Status = ReferralStatus.Accepted;
        referral.AcceptedAt = now;
        referral.AcceptedBy = user.RequiredUserId();
        c.ResponsibleKind = referral.ToKind;
        c.ResponsibleRegion = referral.ToRegion;
        c.Version++;
        return Outcome<ReferralView>.Created(() => ReferralView.Of(referral), $"/api/v1/cases/{c.Id}");
    }
}
