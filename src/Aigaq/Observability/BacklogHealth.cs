using Aigaq.Data;
using Aigaq.Notifications;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Aigaq.Observability;

/// <summary>The <c>Aigaq:Health</c> section: how far behind the log and the outbox may fall before a node is unready.</summary>
public sealed class HealthOptions
{

    /// <summary>The oldest log entry not yet in a signed checkpoint may wait this long (the integrator signs every 250 ms).</summary>
    public int IntegratorMaxLagSeconds { get; set; } = 60;

    /// <summary>A notification due for a configured channel may wait this long for its attempt (the outbox polls every 250 ms).</summary>
    public int OutboxMaxLagSeconds { get; set; } = 300;

    /// <summary>The backlog gauges (aigaq.log.lag, aigaq.outbox.due, aigaq.outbox.lag) are measured at most this often.</summary>
    public int BacklogMetricsSeconds { get; set; } = 15;
}

/// <summary>
/// <c>/health/backlog</c> (issue 19, item 6): unhealthy (503) when the integrator has left a log entry out of every
/// signed checkpoint for longer than <see cref="HealthOptions.IntegratorMaxLagSeconds"/> (receipts and witnesses wait on
/// it, and the write gate will soon refuse registrations), or when a notification due on a configured channel has not
/// been attempted for <see cref="HealthOptions.OutboxMaxLagSeconds"/> (defenders and relatives are not being told). A
/// delivery that fails and waits for its retry is not "behind": the outbox is working, and the missed-notification
/// alert covers it. Two small indexed queries; the answer names the backlog's size and age, never a record. The backlogs
/// are shared by every node, so this is not part of <c>/health/ready</c>: one stuck integrator would take every node out
/// of a load balancer at once. Monitoring alerts on it.
/// </summary>
internal sealed class BacklogHealth(AigaqDb db, IEnumerable<IChannelSender> senders, TimeProvider clock, IOptions<HealthOptions> options)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var channels = senders.Where(s => s.IsConfigured).Select(s => s.Channel).ToList();
        var backlog = await Backlog.MeasureAsync(db, channels, clock.GetUtcNow(), cancellationToken);
        var problems = new List<string>();
        if (backlog.LogLagSeconds > options.Value.IntegratorMaxLagSeconds)
        {
            problems.Add($"the log integrator is behind: entry {backlog.FirstUnintegrated} has waited {(int)backlog.LogLagSeconds} s for a checkpoint");
        }

        if (backlog.OutboxLagSeconds > options.Value.OutboxMaxLagSeconds)
        {
            problems.Add($"the outbox is behind: {backlog.OutboxDue} notification(s) due, the oldest for {(int)backlog.OutboxLagSeconds} s (more than {options.Value.OutboxMaxLagSeconds} s)");
        }

        return problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(string.Join("; ", problems));
    }
}
