using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>One custodian's decision as the history shows it: who, when, what and why.</summary>
public sealed record IdentityDecisionEntry(Guid Id, Guid DecidedBy, DateTimeOffset DecidedAt, IdentityDecisionKind Decision, string Reason, DateTimeOffset? ExpiresAt);

/// <summary>A view of the granted identity: who, when.</summary>
public sealed record IdentityViewEntry(Guid ViewedBy, DateTimeOffset ViewedAt);

/// <summary>An identity request with its whole history: both sides' reasons, every decision and every view. Never the identity.</summary>
public sealed record IdentityRequestView(
    Guid Id, Guid ProtectedPersonId, string Pseudonym, Guid RequestedBy, DateTimeOffset RequestedAt, string Reason, int Approvals,
    IdentityRequestStatus Status, DateTimeOffset? ExpiresAt, IReadOnlyList<IdentityDecisionEntry> Decisions, IReadOnlyList<IdentityViewEntry> Views);

/// <summary>
/// Reads identity requests: the requester their own, the custodians of the person's region all of the person's. Every
/// read is logged.
/// </summary>
public sealed class GetIdentityRequest(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public async Task<Found<IdentityRequestView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await IdentityRequests.ReadableAsync(db, id, user, ct) is not { } found)
        {
            return Found<IdentityRequestView>.Of(null, "The identity request");
        }

        var views = await ViewsAsync([found.Request], found.Person, ct);
        log.Add(user, "identity.request.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return Found<IdentityRequestView>.Of(views.Single(), "The identity request");
    }

    /// <summary>The person's requests the user may read, oldest first (a person has few).</summary>
    public async Task<Found<Page<IdentityRequestView>>> ListAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
    {
        var person = await IdentityRequests.Askable(db.Set<ProtectedPerson>().AsNoTracking(), user).FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Found<Page<IdentityRequestView>>.Of(null, "The protected person");
        }

        var userId = user.UserId();
        var requests = db.Set<IdentityRequest>().AsNoTracking().Where(r => r.ProtectedPersonId == personId);
        if (!IdentityRequests.IsCustodianOf(user, person))
        {
            requests = requests.Where(r => r.RequestedBy == userId);
        }

        var views = await ViewsAsync(await requests.OrderBy(r => r.Id).ToListAsync(ct), person, ct);
        log.Add(user, "identity.request.list", personId.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return Found<Page<IdentityRequestView>>.Of(new Page<IdentityRequestView>(views, null), "The protected person");
    }

    private async Task<List<IdentityRequestView>> ViewsAsync(IReadOnlyList<IdentityRequest> requests, ProtectedPerson person, CancellationToken ct)
    {
        var ids = requests.Select(r => r.Id).ToList();
        var decisions = await db.Set<IdentityDecision>().AsNoTracking().Where(d => ids.Contains(d.RequestId)).ToListAsync(ct);
        var seen = await db.Set<IdentityView>().AsNoTracking().Where(v => ids.Contains(v.RequestId)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. requests.Select(r =>
        {
            var mine = decisions.Where(d => d.RequestId == r.Id).OrderBy(d => d.Ordinal).ToList();
            var (status, grant) = IdentityRequests.StatusOf(mine, now);
            return new IdentityRequestView(
                r.Id, person.Id, person.Pseudonym, r.RequestedBy, r.RequestedAt, r.Reason, r.Approvals, status, grant?.ExpiresAt,
                [.. mine.Select(d => new IdentityDecisionEntry(d.Id, d.DecidedBy, d.DecidedAt, d.Decision, d.Reason, d.ExpiresAt))],
                [.. seen.Where(v => v.RequestId == r.Id).OrderBy(v => v.Id).Select(v => new IdentityViewEntry(v.ViewedBy, v.ViewedAt))]);
        })];
    }
}
