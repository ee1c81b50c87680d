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
    /// as the dispatcher's bookkeeping: the attempt count and next attempt time (each attempt is committed, see
    /// <see cref="Delivered"/>), the lease, and whether the late-delivery alert was raised (the alert is an entry of its
    /// own). The area's audit checks it (<see cref="NotificationAttemptAudit"/>), since the entry that records a delivery
    /// also commits to the attempt that made it.
    /// </summary>
    public static readonly LoggedState<Notification> State = new("notification.state", "notification", n => n.Id, (w, n) => Content(w, n, null), AuditedByArea: true);

    /// <summary>
    /// The attempt that delivered a message, as the state entry of its delivery commits to it (ADR 0009, addendum of
    /// issue 19): its number, when, that it succeeded, and the status it left.
    /// </summary>
    public sealed record Delivery(int Attempt, DateTimeOffset At, bool Succeeded, NotificationStatus StatusAfter);

    /// <summary>
    /// The one entry of a delivery outcome: the notification's state as sent, with the attempt that sent it inside, so
    /// that the delivering attempt needs no <c>notification.attempt</c> entry of its own (one entry per delivered message
    /// instead of two, each taking a log index while registrations wait for the same row).
    /// </summary>
    public static void Delivered(CanonicalJsonWriter w, Notification n, Delivery delivery) => Content(w, n, delivery);

    /// <summary>
    /// The notification's content; the alert it announces only for such a message, who resent it and when only once
    /// someone has, and the delivering attempt only in the entry of its delivery (so that earlier entries still hold).
    /// </summary>
    private static void Content(CanonicalJsonWriter w, Notification n, Delivery? delivery)
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
            .Member("createdAt", LedgerWriter.Instant(n.CreatedAt));
        if (delivery is not null)
        {
            w.Name("delivery").StartObject()
                .Member("at", LedgerWriter.Instant(delivery.At))
                .Member("attempt", delivery.Attempt)
                .Member("status", delivery.StatusAfter.ToString())
                .Member("succeeded", delivery.Succeeded)
                .EndObject();
        }

        w
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

/// <summary>
/// Checks each notification's state and its delivery attempts together. An attempt's facts are in one of two places: a
/// <c>notification.attempt</c> entry of its own (every failed attempt, a second success from a lease race, and every
/// attempt logged before issue 19), or, for the attempt that delivered the message, inside the state entry of its
/// delivery (<see cref="NotificationLedger.Delivered"/>). Which one the log used is read from the log itself: a sent
/// notification with one attempt more than its attempt entries was delivered in the new shape.
/// </summary>
internal sealed class NotificationAttemptAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [OutboxDispatcher.AttemptKind, NotificationLedger.State.Kind];

    /// <summary>
    /// Each notification with its attempts by number (consecutive rows of one left join): the attempts that have entries
    /// of their own pair with them in order; the latest state entry commits to the row, and to the delivering attempt
    /// when the delivery was logged in one entry.
    /// </summary>
    public async Task CheckAsync(AuditRecords records, CancellationToken ct)
    {
        var db = records.Db;
        var rows =
            from n in db.Set<Notification>().AsNoTracking()
            join a in db.Set<NotificationAttempt>().AsNoTracking() on n.Id equals a.NotificationId into tried
            from a in tried.DefaultIfEmpty()
            orderby n.Id, a!.Number, a.Id
            select new { Notification = n, Attempt = a };
        Notification? current = null;
        var attempts = new List<NotificationAttempt>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (current is not null && current.Id != row.Notification.Id)
            {
                Check(records, current, attempts);
                attempts = [];
            }

            current = row.Notification;
            if (row.Attempt is not null)
            {
                attempts.Add(row.Attempt);
            }
        }

        if (current is not null)
        {
            Check(records, current, attempts);
        }

        // State entries of notifications no longer stored: deleted by the application when the latest says so.
        foreach (var id in records.RecordIds(NotificationLedger.State.Kind).ToList())
        {
            records.Gone(NotificationLedger.State.Kind, id, "notification", w => LoggedState<Notification>.Deleted(w, id));
        }
    }

    private static void Check(AuditRecords records, Notification n, List<NotificationAttempt> attempts)
    {
        // The delivering attempt was logged inside the delivery's state entry when a sent notification has one attempt
        // more than it has attempt entries: the first success (a success is never undone, so later ones found it sent).
        var delivering = n.Status == NotificationStatus.Sent && attempts.Count == records.Count(OutboxDispatcher.AttemptKind, n.Id) + 1
            ? attempts.Find(a => a.Succeeded)
            : null;
        NotificationLedger.Delivery? delivery = delivering is null
            ? null
            : new(delivering.Number, delivering.At, delivering.Succeeded, delivering.StatusAfter);
        Action<CanonicalJsonWriter> state = delivery is { } d
            ? w => NotificationLedger.Delivered(w, n, d)
            : w => NotificationLedger.State.Content(w, n);
        records.Latest(NotificationLedger.State.Kind, n.Id, "notification", state, initial: false);

        var own = delivering is null ? attempts : attempts.Where(a => a != delivering).ToList();
        if (own.Count == 0 && records.Count(OutboxDispatcher.AttemptKind, n.Id) == 0)
        {
            return;
        }

        // The contents are built later on another thread from these plain values.
        var contents = own.Select(a => (Func<JsonObject>)(() => OutboxDispatcher.AttemptContent(
            n.Id, n.DetentionId, n.Role, n.Channel, n.Address, a.Number, a.At, a.Succeeded, a.StatusAfter))).ToList();
        // Named by the attempts' own numbers: in a lease race the delivering attempt 1 is in the state entry, and the
        // second success, attempt 2, has the one attempt entry.
        records.Many(OutboxDispatcher.AttemptKind, n.Id, "notification attempt", contents, [.. own.Select(a => a.Number)]);
    }
}
