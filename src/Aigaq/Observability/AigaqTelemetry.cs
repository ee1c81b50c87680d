using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aigaq.Observability;

/// <summary>
/// Aigaq's own traces and metrics (issue 19, item 6; ADR 0029). Spans and instruments carry ids, counts, channels and
/// scanner names only: never a name, an address, a phone number or free text, since exporters send them off the node.
/// </summary>
public static class AigaqTelemetry
{
    /// <summary>The name of the activity source and of the meter that exporters subscribe to.</summary>
    public const string Name = "Aigaq";

    /// <summary>Spans of registrations, deliveries, log integration steps and scanner passes.</summary>
    public static readonly ActivitySource Source = new(Name);
}

/// <summary>
/// The instruments, made from the host's <see cref="IMeterFactory"/> (so that each host in a process has its own
/// meter and tests can listen to one host):
/// <list type="bullet">
/// <item><c>aigaq.commands</c>: write commands (a registration is <c>detentions.register</c>), by <c>operation</c> and
/// <c>outcome</c> (stored, replayed, refused, keyReused);</item>
/// <item><c>aigaq.notifications.attempts</c>: delivery attempts, by <c>channel</c> and <c>outcome</c> (sent, failed);</item>
/// <item><c>aigaq.log.integrated</c>: log entries integrated into a signed checkpoint; <c>aigaq.log.pending</c>: entries
/// waiting for one (as the back-pressure gate last counted them);</item>
/// <item><c>aigaq.scanner.passes</c> by <c>scanner</c> and <c>outcome</c> (ok, failed), <c>aigaq.scanner.alerts</c>
/// raised by <c>scanner</c>, and <c>aigaq.scanner.duration</c> in seconds;</item>
/// <item><c>aigaq.log.lag</c>, <c>aigaq.outbox.due</c> and <c>aigaq.outbox.lag</c>: the shared backlogs
/// (<see cref="BacklogGauges"/>).</item>
/// </list>
/// </summary>
public sealed class AigaqMetrics
{
    private readonly Counter<long> _commands;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _integrated;
    private readonly Counter<long> _passes;
    private readonly Counter<long> _alerts;
    private readonly Histogram<double> _duration;

    public AigaqMetrics(IMeterFactory meters, TransparencyLog.LedgerBackPressure pressure, BacklogGauges backlog)
    {
        var meter = meters.Create(AigaqTelemetry.Name);
        _commands = meter.CreateCounter<long>("aigaq.commands", "{command}", "Write commands by operation and outcome");
        _attempts = meter.CreateCounter<long>("aigaq.notifications.attempts", "{attempt}", "Notification delivery attempts");
        _integrated = meter.CreateCounter<long>("aigaq.log.integrated", "{entry}", "Log entries integrated into a signed checkpoint");
        meter.CreateObservableGauge("aigaq.log.pending", () => pressure.Pending, "{entry}", "Log entries waiting for a checkpoint");
        _passes = meter.CreateCounter<long>("aigaq.scanner.passes", "{pass}", "Scanner passes");
        _alerts = meter.CreateCounter<long>("aigaq.scanner.alerts", "{alert}", "Alerts (or records) a scanner pass produced");
        _duration = meter.CreateHistogram<double>("aigaq.scanner.duration", "s", "How long a scanner pass took");
        backlog.CreateInstruments(meter);
    }

    public void Command(string operation, string outcome) =>
        _commands.Add(1, new("operation", operation), new("outcome", outcome));

    public void Attempted(string channel, bool sent) =>
        _attempts.Add(1, new("channel", channel), new("outcome", sent ? "sent" : "failed"));

    public void Integrated(int entries)
    {
        if (entries > 0)
        {
            _integrated.Add(entries);
        }
    }

    public void ScannerPass(string scanner, bool ok, int produced, TimeSpan took)
    {
        var name = new KeyValuePair<string, object?>("scanner", scanner);
        _passes.Add(1, name, new("outcome", ok ? "ok" : "failed"));
        if (produced > 0)
        {
            _alerts.Add(produced, name);
        }

        _duration.Record(took.TotalSeconds, name);
    }
}
