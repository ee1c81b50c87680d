using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary>
/// Erases the protected persons whose retention date has passed (<see cref="EraseExpired"/>), once an hour: a date is a
/// day at the finest, and each pass judges every candidate by their last activity. On every node; two passes at once
/// erase a person once (the trace's unique person id).
/// </summary>
internal sealed class RetentionScanner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, ILogger<RetentionScanner> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var erased = await EraseExpired.RunAsync(scopes, clock.GetUtcNow(), stoppingToken);
                if (erased > 0)
                {
                    logger.LogInformation("Retention: {Count} protected person(s) erased", erased);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention scan failed; it runs again in {Interval}", Interval);
            }
        }
    }
}
