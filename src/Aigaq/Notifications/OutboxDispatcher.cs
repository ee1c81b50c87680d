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
        var due = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now &&
                channels.Contains(n.Channel) && (n.LeaseUntil == null || n.LeaseUntil < now))
            .OrderBy(n => n.NextAttemptAt).Take(Batch).Select(n => n.Id).ToListAsync(ct);
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

        var errors = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string?>();
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (message, token) => errors[message.Id] = await SendAsync(message, token));

        var finished = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        foreach (var message in messages)
        {
            var attempt = Record(message, errors[message.Id], finished);
            LedgerWriter.Append(db, AttemptKind, message.Id, finished, AttemptContent(
                message.Id, message.DetentionId, message.Role, message.Channel, message.Address,
                message.Attempts, attempt.At, attempt.Succeeded, message.Status));
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return messages.Count;
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
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The log names the failure, not the recipient: addresses are personal data.
            logger.LogWarning("Notification {Id} by {Channel} failed: {Error}", message.Id, message.Channel, ex.GetType().Name);
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private NotificationAttempt Record(Notification message, string? error, DateTimeOffset now)
    {
        var policy = rules.At(message.CreatedAt).Notifications;
        message.Attempts++;
        var attempt = new NotificationAttempt { NotificationId = message.Id, At = now, Succeeded = error is null, Error = Truncate(error), Node = _node };
        message.AttemptLog.Add(attempt);
        if (error is null)
        {
            message.Status = NotificationStatus.Sent;
            message.SentAt = now;
        }
        else if (message.Attempts >= policy.MaxAttempts)
        {
            message.Status = NotificationStatus.Failed;
        }
        else
        {
            var backoff = Math.Min(policy.MaxRetrySeconds, policy.FirstRetrySeconds * Math.Pow(2, message.Attempts - 1));
            message.NextAttemptAt = now.AddSeconds(backoff);
        }

        message.LeaseOwner = null;
        message.LeaseUntil = null;
        return attempt;
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
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddLoggedState(NotificationLedger.State);
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, NotificationAttemptAudit>();
        return services;
    }
}
