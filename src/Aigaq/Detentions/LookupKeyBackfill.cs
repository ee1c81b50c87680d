using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

/// <summary>
/// Fills <see cref="Detention.LookupKey"/> on rows registered before it existed (or cleared by a migration because
/// <see cref="LookupName"/> changed), once at start-up, a batch at a time. A row is set only while still empty, so
/// several nodes doing it at once, or a registration meanwhile, do no harm; until then the lookup finds such a row by
/// its exact names.
/// </summary>
internal sealed class LookupKeyBackfill(IServiceScopeFactory scopes, ILogger<LookupKeyBackfill> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var filled = await FillAsync(scopes, stoppingToken);
            if (filled > 0)
            {
                logger.LogInformation("Filled the lookup key of {Count} detentions", filled);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Filling lookup keys failed; it is tried again at the next start");
        }
    }

    /// <summary>Fills every empty lookup key; returns how many it filled.</summary>
    public static async Task<int> FillAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
            var rows = await db.Set<Detention>().AsNoTracking().Where(d => d.LookupKey == null)
                .OrderBy(d => d.Seq).Take(Batch).Select(d => new { d.Id, d.LastName }).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return filled;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in rows)
            {
                var key = LookupName.Skeleton(row.LastName);
                filled += await db.Set<Detention>().Where(d => d.Id == row.Id && d.LookupKey == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LookupKey, key), ct);
            }

            await tx.CommitAsync(ct);
        }
    }
}
