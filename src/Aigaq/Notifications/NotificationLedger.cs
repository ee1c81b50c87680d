using System.Text.Json.Nodes;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Notifications;

/// <summary>What the log commits to for notifications: each one queued, its status, and each delivery attempt.</summary>
public static class NotificationLedger
{
    /// <summary>
    /// A notification as queued (to whom, by which channel, what it says) and the status its attempts left. Left out,
    /// as the dispatcher's bookkeeping: the attempt count and next attempt time (each attempt is an entry of its own),
    /// the lease, and whether the late-delivery alert was raised (the alert is an entry of its own).
    /// </summary>
    public static readonly LoggedState<Notification> State = new("notification.state", "notification", n => n.Id, Content);

    /// <summary>
    /// The notification's content; the alert it announces only for such a message, and who resent it and when only once
    /// someone has (so that earlier entries still hold).
    /// </summary>
    private static void Content(CanonicalJsonWriter w, Notification n)
    {
        w.StartObject()
            .Member("address", n.Address);
        if (n.AlertId is { } alert)
        {
            w.Member("alertId", alert.ToString());
        }

        w
            .Member("body", n.Body)
            .Member("channel", n.Channel.ToString())
            .Member("createdAt", LedgerWriter.Instant(n.CreatedAt))
            .Member("detentionId", n.DetentionId?.ToString())
            .Member("id", n.Id.ToString())
            .Member("language", n.Language)
            .Member("region", n.Region);
        if (n.ResentAt is { } resent)
        {
            w.Member("resendReason", n.ResendReason).Member("resentAt", LedgerWriter.Instant(resent)).Member("resentBy", n.ResentBy?.ToString());
        }

        w.Member("role", n.Role)
            .Member("sentAt", n.SentAt is { } at ? LedgerWriter.Instant(at) : null)
            .Member("status", n.Status.ToString())
            .Member("subject", n.Subject)
            .EndObject();
    }
}

internal sealed class NotificationAttemptAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [OutboxDispatcher.AttemptKind];

    /// <summary>
    /// Each delivery attempt is one entry of its notification, in order: the n-th attempt by number
    /// pairs with the notification's n-th entry by index, and commits to its number and the status it left.
    /// </summary>
    public async Task CheckAsync(AuditRecords records, CancellationToken ct)
    {
        var db = records.Db;
        var rows =
            from a in db.Set<NotificationAttempt>().AsNoTracking()
            join n in db.Set<Notification>().AsNoTracking() on a.NotificationId equals n.Id
            orderby a.NotificationId, a.Number, a.Id
            select new AttemptRow(n.Id, n.DetentionId, n.Role, n.Channel, n.Address, a.Number, a.StatusAfter, a.At, a.Succeeded);
        var group = new List<AttemptRow>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (group.Count > 0 && group[0].NotificationId != row.NotificationId)
            {
                CheckAttempts(records, group);
                group.Clear();
            }

            group.Add(row);
        }

        if (group.Count > 0)
        {
            CheckAttempts(records, group);
        }
    }

    private sealed record AttemptRow(
        Guid NotificationId, Guid? DetentionId, string Role, NotificationChannel Channel, string Address,
        int Number, NotificationStatus StatusAfter, DateTimeOffset At, bool Succeeded);

    private static void CheckAttempts(AuditRecords records, List<AttemptRow> attempts)
    {
        // The contents are built later on another thread, and the caller reuses its list: they take a copy.
        var rows = attempts.ToArray();
        var contents = rows.Select(a => (Func<JsonObject>)(() => OutboxDispatcher.AttemptContent(
            a.NotificationId, a.DetentionId, a.Role, a.Channel, a.Address, a.Number, a.At, a.Succeeded, a.StatusAfter))).ToList();
        records.Many(OutboxDispatcher.AttemptKind, rows[0].NotificationId, "notification attempt", contents);
    }
}
