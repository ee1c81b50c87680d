using Aigaq.Data;
using Aigaq.Rules;
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
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private const int Batch = 32;
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

        var attempted = 0;
        foreach (var id in due)
        {
            var leaseUntil = now + Lease;
            var claimed = await db.Set<Notification>()
                // Due again at claim time: another node may have just tried it and set its back-off.
                .Where(n => n.Id == id && n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now &&
                    (n.LeaseUntil == null || n.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseOwner, _node).SetProperty(n => n.LeaseUntil, leaseUntil), ct);
            if (claimed == 1)
            {
                await DeliverAsync(db, id, ct);
                attempted++;
            }
        }

        return attempted;
    }

    private async Task DeliverAsync(AigaqDb db, Guid id, CancellationToken ct)
    {
        var message = await db.Set<Notification>().FirstAsync(n => n.Id == id, ct);
        string? error = null;
        try
        {
            await _senders[message.Channel].SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message names the failure, not the recipient: addresses are personal data.
            error = $"{ex.GetType().Name}: {ex.Message}";
            logger.LogWarning("Notification {Id} by {Channel} failed: {Error}", id, message.Channel, ex.GetType().Name);
        }

        var now = clock.GetUtcNow();
        var policy = rules.At(message.CreatedAt).Notifications;
        message.Attempts++;
        message.AttemptLog.Add(new NotificationAttempt { NotificationId = id, At = now, Succeeded = error is null, Error = Truncate(error), Node = _node });
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
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
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
        return services;
    }
}
