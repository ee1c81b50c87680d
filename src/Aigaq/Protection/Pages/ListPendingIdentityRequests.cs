using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// An identity request waiting for custodians, as their list shows it: whose (by pseudonym), when, how many grants it
/// needs and has, and whether the reader decided it already or asked it (then it is another custodian's to decide).
/// The reason is read on the request itself (<see cref="GetIdentityRequest"/>), which logs that read.
/// </summary>
public sealed record PendingIdentityRequest(
    Guid Id, Guid ProtectedPersonId, string Pseudonym, DateTimeOffset RequestedAt, int Approvals, int Granted, bool DecidedByMe, bool Mine);

/// <summary>
/// The identity requests still pending for the persons of a custodian's region (none without a region), oldest first:
/// the first asked is the first to decide. Pending requests are few (each is decided or denied within the day), so one
/// page holds up to <see cref="Limit"/>. The list is logged.
/// </summary>
public sealed class ListPendingIdentityRequests(AigaqDb db, AccessLog log)
{
    public const int Limit = 200;

    public async Task<Answer<Page<PendingIdentityRequest>>> HandleAsync(ClaimsPrincipal user, CancellationToken ct) =>
        Answer<Page<PendingIdentityRequest>>.Ok(await PendingAsync(user, ct));

    public async Task<Page<PendingIdentityRequest>> PendingAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var region = user.RegionScope();
        var userId = user.UserId();
        List<PendingIdentityRequest> items = [];
        if (region is not null && user.Can(Permissions.HoldIdentities))
        {
            var decisions = db.Set<IdentityDecision>();
            // Pending: no denial and no grant that completed the approvals (only that grant carries an envelope).
            var rows = await (
                from r in db.Set<IdentityRequest>().AsNoTracking()
                join p in db.Set<ProtectedPerson>().AsNoTracking() on r.ProtectedPersonId equals p.Id
                where p.Region == region
                    && !decisions.Any(d => d.RequestId == r.Id && (d.Decision == IdentityDecisionKind.Denied || d.GrantEnvelope != null))
                orderby r.RequestedAt, r.Id
                select new
                {
                    r.Id,
                    r.ProtectedPersonId,
                    p.Pseudonym,
                    r.RequestedAt,
                    r.Approvals,
                    r.RequestedBy,
                    Granted = decisions.Count(d => d.RequestId == r.Id && d.Decision == IdentityDecisionKind.Granted),
                    DecidedByMe = decisions.Any(d => d.RequestId == r.Id && d.DecidedBy == userId),
                }).Take(Limit).ToListAsync(ct);
            items = [.. rows.Select(r => new PendingIdentityRequest(
                r.Id, r.ProtectedPersonId, r.Pseudonym, r.RequestedAt, r.Approvals, r.Granted, r.DecidedByMe, r.RequestedBy == userId))];
        }

        log.Add(user, "identity.request.pending", $"{items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return new Page<PendingIdentityRequest>(items, null);
    }
}
