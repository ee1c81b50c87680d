using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Aigaq.Observability;

/// <summary>
/// The loop every scanner shares: a pass each <paramref name="interval"/> (the first after one interval, so that the
/// outbox has delivered what waited while the process was down), on nodes that run workers; a failed pass is logged and
/// the next one runs on time. Each pass is a span and is counted and timed (<see cref="AigaqMetrics"/>).
/// </summary>
internal abstract class PeriodicScanner(
    string name, TimeSpan interval, TimeProvider clock, IOptions<AigaqOptions> options, AigaqMetrics metrics, ILogger logger)
    : BackgroundService
{
    /// <summary>One pass at <paramref name="now"/>; returns how many alerts (or records) it produced.</summary>
    protected abstract Task<int> PassAsync(DateTimeOffset now, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunPassAsync(stoppingToken);
        }
    }

    internal async Task RunPassAsync(CancellationToken ct)
    {
        using var activity = AigaqTelemetry.Source.StartActivity("scan " + name);
        activity?.SetTag("aigaq.scanner", name);
        var started = clock.GetTimestamp();
        try
        {
            var produced = await PassAsync(clock.GetUtcNow(), ct);
            activity?.SetTag("aigaq.scanner.produced", produced);
            metrics.ScannerPass(name, ok: true, produced, clock.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            metrics.ScannerPass(name, ok: false, 0, clock.GetElapsedTime(started));
            logger.LogError(ex, "The {Scanner} scan failed; it runs again in {Interval}", name, interval);
        }
    }
}
