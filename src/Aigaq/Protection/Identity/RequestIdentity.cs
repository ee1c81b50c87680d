using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary><c>{ "reason" }</c>: why the requester needs to see the identity.</summary>
public sealed record RequestIdentityRequest(string? Reason);

/// <summary>CONTRACT.md's answer: <c>{ "id", "status": "pending" }</c>.</summary>
public sealed record IdentityRequestCreated(Guid Id, IdentityRequestStatus Status);

/// <summary>
/// Asks to see a protected person's identity, with a reason (required: it is what the custodians decide on, and it stays in
/// the history). The approvals rule in force now is kept on the request. Asking opens nothing: custodians decide
/// (<see cref="DecideIdentityRequest"/>), and only a requester who may see identities ever views one.
/// </summary>
public sealed class RequestIdentity(AigaqDb db, AccessLog log, IOptions<AigaqOptions> options, TimeProvider clock)
{
    public async Task<Outcome<IdentityRequestCreated>> HandleAsync(Guid personId, RequestIdentityRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var reason = v.Required("reason", request.Reason, IdentityRequests.MaxReason);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (!await IdentityRequests.Askable(db.Set<ProtectedPerson>(), user).AnyAsync(p => p.Id == personId, ct))
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protected person"));
        }

        var now = clock.GetUtcNow();
        var row = new IdentityRequest
        {
            Id = Guid.CreateVersion7(now),
            ProtectedPersonId = personId,
            RequestedBy = user.RequiredUserId(),
            RequestedAt = now,
            Reason = reason,
            Approvals = options.Value.Protection.Approvals,
        };
        db.Add(row);
        LedgerWriter.Append(db, IdentityLedger.Requested, row.Id, now, IdentityLedger.Content(row));
        log.Add(user, "identity.request", row.Id.ToString(), "allowed");
        return Outcome<IdentityRequestCreated>.Created(
            () => new IdentityRequestCreated(row.Id, IdentityRequestStatus.Pending), $"/api/v1/identity-requests/{row.Id}");
    }
}
