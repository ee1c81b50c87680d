using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary>
/// Erases the protected persons whose retention date has passed (<see cref="EraseExpired"/>), once an hour: a date is a
/// day at the finest, and each pass judges every candidate by their last activity. On every node; two passes at once
/// erase a person once (the trace's unique person id).
/// </summary>
internal sealed class RetentionScanner(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, Observability.AigaqMetrics metrics, ILogger<RetentionScanner> logger)
    : Observability.PeriodicScanner("retention", Interval, clock, options, metrics, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task<int> PassAsync(DateTimeOffset now, CancellationToken ct)
    {
        var erased = await EraseExpired.RunAsync(scopes, now, ct);
        if (erased > 0)
        {
            logger.LogInformation("Retention: {Count} protected person(s) erased", erased);
        }

        return erased;
    }
}
