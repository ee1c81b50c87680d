using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.TransparencyLog;

/// <summary>
/// Counts unintegrated entries (next index minus the latest checkpoint's size) at most once a
/// second, and refuses API writes with 503 and Retry-After while the count is over
/// Aigaq:Ledger:MaxPending. Requests pay no query of their own except the one that refreshes a
/// stale count.
/// </summary>
public sealed class LedgerBackPressure(TimeProvider clock, IOptions<AigaqOptions> options)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    public const int RetryAfterSeconds = 5;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private long _pending;
    private long _refreshedAtTicks = long.MinValue;

    public long Pending => Interlocked.Read(ref _pending);
    public long MaxPending => options.Value.Ledger.MaxPending;
    public bool IsOver => Pending > MaxPending;

    public async Task RefreshAsync(AigaqDb db, CancellationToken ct)
    {
        var next = await db.Set<LedgerState>().Where(s => s.Id == 1).Select(s => s.NextIndex).FirstOrDefaultAsync(ct);
        var integrated = await db.Set<LedgerCheckpoint>().MaxAsync(c => (long?)c.Size, ct) ?? 0;
        Interlocked.Exchange(ref _pending, Math.Max(0, next - integrated));
        Interlocked.Exchange(ref _refreshedAtTicks, clock.GetUtcNow().UtcTicks);
    }

    internal async Task<bool> ShouldRefuseAsync(HttpContext http)
    {
        var age = clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _refreshedAtTicks);
        if (age > MaxAge.Ticks && await _refreshing.WaitAsync(0))
        {
            try
            {
                await RefreshAsync(http.RequestServices.GetRequiredService<AigaqDb>(), http.RequestAborted);
            }
            finally
            {
                _refreshing.Release();
            }
        }

        return IsOver;
    }

    /// <summary>Middleware for POST /api/v1/...: the writes that append to the log.</summary>
    internal static async Task Filter(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsPost(http.Request.Method)
            && http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
            && await http.RequestServices.GetRequiredService<LedgerBackPressure>().ShouldRefuseAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Type = ProblemTypes.Unavailable,
                    Title = "The transparency log is behind; try again shortly.",
                },
            });
            return;
        }

        await next(http);
    }
}
