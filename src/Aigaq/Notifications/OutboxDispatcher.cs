using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Notifications;

/// <summary>
/// Delivers outbox rows. A node takes a row by a conditional update of its lease, so two nodes
/// never send the same row at once; a node that dies mid-send leaves a lease that runs out and
/// the row is sent again (delivery is at least once). Every attempt is recorded.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IChannelSender> senders,
    RulePackCatalog rules,
    TimeProvider clock,
    IOptions<AigaqOptions> options,
    Observability.AigaqMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int Batch = 256;

    /// <summary>Messages sent at once; the e-mail sender keeps as many SMTP connections.</summary>
    public const int Parallelism = 16;
    private readonly string _node = options.Value.ResolveNodeName();
    private readonly Dictionary<NotificationChannel, IChannelSender> _senders = senders.ToDictionary(s => s.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying");
                sent = 0;
            }

            if (sent == 0)
            {
                await Task.Delay(Poll, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims and delivers one batch of due rows; returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var channels = _senders.Values.Where(s => s.IsConfigured).Select(s => s.Channel).ToList();
        if (channels.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var now = clock.GetUtcNow();
        List<Guid> due;
        // The poll (four a second) is not traced; a batch that has messages is ("outbox deliver").
        using (OpenTelemetry.SuppressInstrumentationScope.Begin())
        {
            due = await db.Set<Notification>().AsNoTracking()
                .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now &&
                    channels.Contains(n.Channel) && (n.LeaseUntil == null || n.LeaseUntil < now))
                .OrderBy(n => n.NextAttemptAt).Take(Batch).Select(n => n.Id).ToListAsync(ct);
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // One conditional update claims the batch: a row another node leased meanwhile no longer
        // matches, so each row is held by one node at a time. The claim token finds our rows.
        var claim = $"{_node}:{Guid.NewGuid():N}";
        var leaseUntil = now + Lease;
        await db.Set<Notification>()
            // Due again at claim time: another node may have just tried it and set its back-off.
            .Where(n => due.Contains(n.Id) && n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now &&
                (n.LeaseUntil == null || n.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseOwner, claim).SetProperty(n => n.LeaseUntil, leaseUntil), ct);
        var messages = await db.Set<Notification>().Where(n => n.LeaseOwner == claim).ToListAsync(ct);
        using var activity = Observability.AigaqTelemetry.Source.StartActivity("outbox deliver");
        activity?.SetTag("aigaq.messages", messages.Count);

        var errors = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string?>();
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (message, token) => errors[message.Id] = await SendAsync(message, token));

        var finished = clock.GetUtcNow();
        await RecordAsync(db, scope.ServiceProvider.GetRequiredService<LedgerSequencer>(), messages, errors, claim, finished);
        await WakeWorkingChannelsAsync(db, messages, errors, finished, ct);
        return messages.Count;
    }

    /// <summary>At most this many rounds of recording a batch again after another node recorded one of its rows first.</summary>
    private const int RecordRounds = 5;

    /// <summary>
    /// Records each attempt with the next number of its notification and its log entry, in one transaction, in two saves
    /// so that the log's index row (which every registration takes too) is held only for what the log needs:
    /// <list type="number">
    /// <item>the attempts and the schedule (count, next attempt, lease), which change no logged state and take no index;</item>
    /// <item>the statuses the attempts changed and their entries: one per delivered message (its state as sent, with the
    /// attempt inside: <see cref="NotificationLedger.Delivered"/>), and a <see cref="AttemptKind"/> entry for every other
    /// attempt (a failure, or a second success after a lease ran out). The statuses are written first and the entries
    /// last (<see cref="LedgerSequencer.SaveEntriesLastAsync"/>): the index row is taken by the entries' own insert, so it
    /// is held from that statement to the commit only.</item>
    /// </list>
    /// A send that outlived its lease may find that another node has meanwhile tried the same row and recorded an attempt:
    /// the attempt count is a concurrency token and the attempt's number unique, so the first save fails (on whichever the
    /// database checks first), and the batch is recorded again on the rows as they now are. Each attempt thus keeps a
    /// number of its own, and a success is never undone.
    /// </summary>
    private async Task RecordAsync(AigaqDb db, LedgerSequencer sequencer, List<Notification> messages, IReadOnlyDictionary<Guid, string?> errors, string claim, DateTimeOffset at)
    {
        for (var round = 1; ; round++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var outcomes = messages.Select(m => Schedule(db, m, errors[m.Id], claim, at)).ToList();
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                for (var i = 0; i < messages.Count; i++)
                {
                    Log(db, messages[i], outcomes[i], at);
                }

                // The statuses first, then the entries with the log's index row taken in the same statement.
                await sequencer.SaveEntriesLastAsync(db, CancellationToken.None);
                await tx.CommitAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException) when (round < RecordRounds)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                var ids = messages.Select(m => m.Id).ToList();
                messages = await db.Set<Notification>().Where(n => ids.Contains(n.Id)).ToListAsync(CancellationToken.None);
                at = clock.GetUtcNow();
            }
        }
    }

    /// <summary>Channels this node last saw failing with no success: the first success after that wakes what waits.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<NotificationChannel, bool> _down = new();

    /// <summary>
    /// A channel that failed every attempt of a batch is down; when one of its sends succeeds again, the notifications
    /// waiting on it (at the slow pace, or backing off) are due at once instead of at their next slow attempt.
    /// </summary>
    private async Task WakeWorkingChannelsAsync(
        AigaqDb db, List<Notification> messages, IReadOnlyDictionary<Guid, string?> errors, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var group in messages.GroupBy(m => m.Channel))
        {
            var works = group.Any(m => errors[m.Id] is null);
            if (!works)
            {
                _down[group.Key] = true;
                continue;
            }

            if (_down.TryRemove(group.Key, out _))
            {
                var channel = group.Key;
                await db.Set<Notification>()
                    .Where(n => n.Channel == channel && n.Status == NotificationStatus.Pending && n.Attempts > 0 && n.NextAttemptAt > now &&
                        (n.LeaseUntil == null || n.LeaseUntil < now))
                    .ExecuteUpdateAsync(x => x.SetProperty(n => n.NextAttemptAt, now), ct);
            }
        }
    }

    public const string AttemptKind = "notification.attempt";

    /// <summary>
    /// What the log commits to for one delivery attempt: which message, to whom, the attempt's
    /// number, when, whether it succeeded and the status it left; never the text of the message.
    /// </summary>
    public static JsonObject AttemptContent(
        Guid notificationId, Guid? detentionId, string role, NotificationChannel channel, string address,
        int attempt, DateTimeOffset at, bool succeeded, NotificationStatus status) => new()
        {
            ["notificationId"] = notificationId.ToString(),
            ["detentionId"] = detentionId?.ToString(),
            ["role"] = role,
            ["channel"] = channel.ToString(),
            ["address"] = address,
            ["attempt"] = attempt,
            ["at"] = LedgerWriter.Instant(at),
            ["succeeded"] = succeeded,
            ["status"] = status.ToString(),
        };

    private async Task<string?> SendAsync(Notification message, CancellationToken ct)
    {
        try
        {
            await _senders[message.Channel].SendAsync(message, ct);
            metrics.Attempted(message.Channel.ToString(), sent: true);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The log names the failure, not the recipient: addresses are personal data. The attempt keeps a short
            // code that pages translate, not the exception's text.
            var failure = DeliveryFailure.Of(ex);
            metrics.Attempted(message.Channel.ToString(), sent: false);
            logger.LogWarning("Notification {Id} by {Channel} failed: {Failure} ({Error})", message.Id, message.Channel, failure, ex.GetType().Name);
            return failure;
        }
    }

    /// <summary>What one attempt did: its number, whether it succeeded, and the status it leaves.</summary>
    private sealed record Outcome(int Number, bool Succeeded, NotificationStatus Status);

    /// <summary>
    /// One attempt on the row as it is now, first save: its number is the next one; a failure of a pending row retries it
    /// fast, then at the slow pace until the rule pack's time from its queueing (or last resend) is up, and only then
    /// leaves it failed. The lease is released if it is still ours. The status is decided here and set with the log
    /// entries (<see cref="Log"/>), so that this save changes no logged state.
    /// </summary>
    private Outcome Schedule(AigaqDb db, Notification message, string? error, string claim, DateTimeOffset now)
    {
        var policy = rules.At(message.CreatedAt).Notifications;
        message.Attempts++;
        var status = message.Status;
        if (error is null)
        {
            status = NotificationStatus.Sent;
        }
        else if (message.Status == NotificationStatus.Pending)
        {
            if (message.Attempts < policy.MaxAttempts)
            {
                message.NextAttemptAt = now.AddSeconds(Math.Min(policy.MaxRetrySeconds, policy.FirstRetrySeconds * Math.Pow(2, message.Attempts - 1)));
            }
            else if (now < (message.ResentAt ?? message.CreatedAt).AddHours(policy.GiveUpAfterHours))
            {
                message.NextAttemptAt = now.AddMinutes(policy.SlowRetryMinutes);
            }
            else
            {
                status = NotificationStatus.Failed;
            }
        }

        db.Add(new NotificationAttempt
        {
            NotificationId = message.Id,
            Number = message.Attempts,
            At = now,
            Succeeded = error is null,
            StatusAfter = status,
            Error = Truncate(error),
            Node = _node,
        });
        if (message.LeaseOwner == claim)
        {
            message.LeaseOwner = null;
            message.LeaseUntil = null;
        }

        return new Outcome(message.Attempts, error is null, status);
    }

    /// <summary>
    /// Second save: the status the attempt left, and its entry. The attempt that delivers a message (a success is never
    /// undone, so only the first success finds it unsent) is committed inside the state entry of the delivery; any
    /// other attempt gets an entry of its own. A status changed otherwise (a message given up) gets its state entry
    /// from the sequencer as before.
    /// </summary>
    private static void Log(AigaqDb db, Notification message, Outcome outcome, DateTimeOffset now)
    {
        if (outcome.Succeeded && message.Status != NotificationStatus.Sent)
        {
            message.Status = NotificationStatus.Sent;
            message.SentAt = now;
            var delivery = new NotificationLedger.Delivery(outcome.Number, now, Succeeded: true, outcome.Status);
            LedgerWriter.Append(db, NotificationLedger.State.Kind, message.Id, now, w => NotificationLedger.Delivered(w, message, delivery));
            return;
        }

        message.Status = outcome.Status;
        LedgerWriter.Append(db, AttemptKind, message.Id, now, AttemptContent(
            message.Id, message.DetentionId, message.Role, message.Channel, message.Address, outcome.Number, now, outcome.Succeeded, outcome.Status));
    }

    private static string? Truncate(string? s) => s is { Length: > 1000 } ? s[..1000] : s;
}

internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddHttpClient(SmsSender.Client, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<IChannelSender, EmailSender>();
        services.AddSingleton<IChannelSender, SmsSender>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<ResendNotification>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddLoggedState(NotificationLedger.State);
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, NotificationAttemptAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/notifications").WithTags("Notifications")
            .MapPost("/{id:guid}/resend", async (Guid id, ResendNotificationRequest? body, System.Security.Claims.ClaimsPrincipal user, ResendNotification handler, CancellationToken ct) =>
                (await handler.HandleAsync(id, body?.Reason, user, ct)).ToResult())
            .RequireAuthorization(Access.Permissions.ResendNotifications)
            .Produces<ResentNotificationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ResendNotification");
        return app;
    }
}
