using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Notifications;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

/// <summary>Reads one detention with its timeline, alerts and notifications; every read is logged.</summary>
public sealed class GetDetention(AigaqDb db, AccessLog log)
{
    public Task<DetentionView?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) => FindAsync(id, user, "detention.read", ct);

    /// <summary>The detention as <paramref name="user"/> may read it, the read logged as <paramref name="action"/>; null outside their scope.</summary>
    public async Task<DetentionView?> FindAsync(Guid id, ClaimsPrincipal user, string action, CancellationToken ct)
    {
        var d = await db.Set<Detention>().AsNoTracking().Visible(user)
            .Include(x => x.Contacts)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return null;
        }

        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => a.DetentionId == id).ToListAsync(ct);
        var events = await db.Set<DetentionEvent>().AsNoTracking().Where(e => e.DetentionId == id).ToListAsync(ct);
        var notifications = await db.Set<Notification>().AsNoTracking().Include(n => n.AttemptLog)
            .Where(n => n.DetentionId == id).ToListAsync(ct);
        var records = events.Select(e => e.Id).Append(id).ToList();
        var positions = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => records.Contains(e.RecordId) && (e.Kind == DetentionLedger.Registered || e.Kind == DetentionLedger.Event))
            .ToDictionaryAsync(e => e.RecordId, e => new LogPosition(e.Index, e.LeafHash), ct);
        if (positions.TryGetValue(id, out var registered))
        {
            positions[id] = registered with { WitnessedBy = await LedgerStore.EarliestWitnessedAsync(db, registered.Index, ct) };
        }

        log.Add(user, action, id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return DetentionView.From(d, alerts, events, notifications, NeedToKnow.Of(user), positions);
    }

    /// <summary>The detention, or 404: the existence of a detention outside one's scope is itself private (not 403).</summary>
    public async Task<Found<DetentionView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        Found<DetentionView>.Of(await FindAsync(id, user, ct), "The detention");
}
