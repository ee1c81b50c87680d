using System.Runtime.CompilerServices;
using Aigaq.Data;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

/// <summary>
/// Detentions as registered and their custody state now: each row's registration is checked against its
/// <c>detention.registered</c> entry, and its status and current facility against its latest <c>detention.state</c>
/// (the table is the bulk of a log, so it is read once for both).
/// </summary>
internal sealed class DetentionAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [DetentionLedger.Registered, DetentionLedger.State.Kind];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await using var forContacts = audit.OpenAnother();
        await foreach (var d in DetentionsAsync(audit.Db, forContacts, ct))
        {
            audit.One(DetentionLedger.Registered, d.Id, "detention", w => DetentionLedger.Content(w, d));
            DetentionLedger.State.Check(audit, d);
        }
    }

    /// <summary>
    /// Every detention with its contacts. With a second context, the two tables are read side by side in the order of
    /// the detention's id and merged (a third of the CPU time of the join that EF's Include reads); else by the join.
    /// </summary>
    private static async IAsyncEnumerable<Detention> DetentionsAsync(
        AigaqDb db, AigaqDb? forContacts, [EnumeratorCancellation] CancellationToken ct)
    {
        if (forContacts is null)
        {
            await foreach (var d in db.Set<Detention>().AsNoTracking().Include(d => d.Contacts).AsSingleQuery().AsAsyncEnumerable().WithCancellation(ct))
            {
                yield return d;
            }

            yield break;
        }

        await using var contacts = forContacts.Set<DetentionContact>().AsNoTracking().OrderBy(c => c.DetentionId).ThenBy(c => c.Id)
            .AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var pending = await contacts.MoveNextAsync() ? contacts.Current : null;
        Guid? previous = null;
        await foreach (var d in db.Set<Detention>().AsNoTracking().OrderBy(d => d.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            // The merge needs the database's order of ids to be .NET's (uuid and text orders both are); say so if not.
            if (previous is { } p && p.CompareTo(d.Id) >= 0)
            {
                throw new InvalidOperationException($"The database returned detention {d.Id} after {p}: its order of ids is not the one the audit merges by.");
            }

            previous = d.Id;

            // A contact of no stored detention (impossible with the foreign key) has no record to be part of.
            while (pending is not null && pending.DetentionId.CompareTo(d.Id) < 0)
            {
                pending = await contacts.MoveNextAsync() ? contacts.Current : null;
            }

            while (pending is not null && pending.DetentionId == d.Id)
            {
                d.Contacts.Add(pending);
                pending = await contacts.MoveNextAsync() ? contacts.Current : null;
            }

            yield return d;
        }
    }
}

/// <summary>The custody timeline: each event against its <c>detention.event</c> entry.</summary>
internal sealed class DetentionEventAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [DetentionLedger.Event];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var e in audit.Db.Set<DetentionEvent>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(DetentionLedger.Event, e.Id, "detention event", w => DetentionLedger.Content(w, e));
        }
    }
}
