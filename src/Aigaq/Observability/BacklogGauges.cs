using System.Diagnostics.Metrics;
using Aigaq.Data;
using Aigaq.Notifications;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Observability;

/// <summary>
/// The work the nodes share, measured at one instant: how long the oldest log entry outside every signed checkpoint has
/// waited (<see cref="LogLagSeconds"/>, 0 when there is none), and how many notifications on a configured channel are
/// due for an attempt (<see cref="OutboxDue"/>) and how long the oldest of them has been due
/// (<see cref="OutboxLagSeconds"/>). Counts and ages only, never a record.
/// </summary>
public sealed record Backlog(long FirstUnintegrated, double LogLagSeconds, long OutboxDue, double OutboxLagSeconds)
{
    /// <summary>Two small indexed queries (the same on every node, since the backlogs are the nodes' shared work).</summary>
    public static async Task<Backlog> MeasureAsync(AigaqDb db, IReadOnlyCollection<NotificationChannel> channels, DateTimeOffset now, CancellationToken ct)
    {
        var integrated = await db.Set<LedgerCheckpoint>().MaxAsync(c => (long?)c.Size, ct) ?? 0;
        var oldest = await db.Set<LedgerEntry>().Where(e => e.Index == integrated)
            .Select(e => (DateTimeOffset?)e.RecordedAt).FirstOrDefaultAsync(ct);

        long due = 0;
        DateTimeOffset? firstDue = null;
        if (channels.Count > 0)
        {
            var pending = db.Set<Notification>()
                .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now && channels.Contains(n.Channel));
            due = await pending.LongCountAsync(ct);
            if (due > 0)
            {
                firstDue = await pending.OrderBy(n => n.NextAttemptAt).Select(n => (DateTimeOffset?)n.NextAttemptAt).FirstOrDefaultAsync(ct);
            }
        }

        return new Backlog(integrated, Seconds(now - oldest), due, Seconds(now - firstDue));
    }

    private static double Seconds(TimeSpan? waited) => waited is { } w && w > TimeSpan.Zero ? Math.Round(w.TotalSeconds, 3) : 0;
}

/// <summary>
/// The backlogs as gauges on the <c>Aigaq</c> meter (issue 19, item 6): <c>aigaq.log.lag</c> (seconds),
/// <c>aigaq.outbox.due</c> (notifications) and <c>aigaq.outbox.lag</c> (seconds), beside <c>aigaq.log.pending</c>.
/// They are measured only while something collects them (an exporter, a listener), at most once every
/// <see cref="HealthOptions.BacklogMetricsSeconds"/>: a collection that finds the figures older starts a measurement in
/// the background and reports the last one, so no exporter waits on the database and a node that nobody observes asks
/// it nothing. A failed measurement (the database unavailable) is logged by its type and leaves the last figures.
/// </summary>
public sealed class BacklogGauges(IServiceScopeFactory scopes, TimeProvider clock, IOptions<HealthOptions> options, ILogger<BacklogGauges> logger)
{
    private readonly SemaphoreSlim _measuring = new(1, 1);
    private Backlog? _last;
    private long _measuredAtTicks = long.MinValue;

    /// <summary>The last measurement, if any.</summary>
    public Backlog? Last => Volatile.Read(ref _last);

    /// <summary>Measures now (waiting for a measurement in progress first).</summary>
    public async Task<Backlog> MeasureAsync(CancellationToken ct)
    {
        await _measuring.WaitAsync(ct);
        try
        {
            return await MeasureHeldAsync(ct);
        }
        finally
        {
            _measuring.Release();
        }
    }

    internal void CreateInstruments(Meter meter)
    {
        meter.CreateObservableGauge("aigaq.log.lag", () => Observe(b => b.LogLagSeconds), "s",
            "How long the oldest log entry outside every signed checkpoint has waited");
        meter.CreateObservableGauge("aigaq.outbox.due", () => Observe(b => b.OutboxDue), "{notification}",
            "Notifications on a configured channel due for a delivery attempt");
        meter.CreateObservableGauge("aigaq.outbox.lag", () => Observe(b => b.OutboxLagSeconds), "s",
            "How long the oldest notification due for an attempt has waited");
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<Backlog, T> figure)
        where T : struct
    {
        var age = clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _measuredAtTicks);
        if (age > TimeSpan.FromSeconds(Math.Max(1, options.Value.BacklogMetricsSeconds)).Ticks && _measuring.Wait(0))
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await MeasureHeldAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogWarning("The backlog gauges could not be measured ({Error})", e.GetType().Name);
                }
                finally
                {
                    _measuring.Release();
                }
            });
        }

        return Last is { } last ? [new Measurement<T>(figure(last))] : [];
    }

    private async Task<Backlog> MeasureHeldAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var channels = scope.ServiceProvider.GetServices<IChannelSender>().Where(s => s.IsConfigured).Select(s => s.Channel).ToList();
        var now = clock.GetUtcNow();
        var measured = await Backlog.MeasureAsync(scope.ServiceProvider.GetRequiredService<AigaqDb>(), channels, now, ct);
        Volatile.Write(ref _last, measured);
        Interlocked.Exchange(ref _measuredAtTicks, now.UtcTicks);
        return measured;
    }
}
