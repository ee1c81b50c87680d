using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Aigaq.Detentions;

/// <summary>
/// The public lookup page's own limits (the API and the receipt check keep the shared per-address policy of
/// <see cref="PublicCustodyLookup.RateLimitPolicy"/>):
/// <list type="bullet">
/// <item>per address, generous, since a whole mobile carrier's customers may share one (an IPv6 client counts by its
/// /64, which one subscriber holds entirely);</item>
/// <item>per searched name, whatever the address, on the page and the API: guessing a person's birth date takes
/// hundreds of tries, a family checking on someone a few;</item>
/// <item>per searched name and address: one address takes only a share of a name's budget, so that one client cannot
/// use it up and so keep a family from looking the person up. A question already asked within the hour (the same
/// name and birth date) is answered again without drawing on either: it tells nothing new.</item>
/// </list>
/// </summary>
public sealed class PublicLookupLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly PartitionedRateLimiter<string> _names;
    private readonly PartitionedRateLimiter<string> _shares;
    private readonly MemoryCache _asked = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly TimeSpan _window = TimeSpan.FromHours(1);

    public PublicLookupLimits(IOptions<AigaqOptions> options)
    {
        var o = options.Value.PublicLookup;
        _addresses = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(
            address, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.PagePermitPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
        _names = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetSlidingWindowLimiter(
            name, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.NamePermitPerHour,
                Window = _window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
        _shares = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(
            key, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = Math.Min(o.NamePermitPerAddressPerHour, o.NamePermitPerHour),
                Window = _window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    /// <summary>Takes one lookup from the address's budget; false, with when to come back, past it.</summary>
    public bool TryAddress(IPAddress? address, out TimeSpan retryAfter) => Try(_addresses, Partition(address), TimeSpan.FromMinutes(1), out retryAfter);

    /// <summary>
    /// Takes one lookup from the searched name's budget (its spellings count as one name) and from the address's share
    /// of it; a question already asked within the hour takes nothing.
    /// </summary>
    public bool TryName(IPAddress? address, string lastName, string firstName, string? patronymic, DateOnly birthDate, out TimeSpan retryAfter)
    {
        var name = NameKey(lastName, firstName);
        var question = string.Join('|', name, LookupName.Skeleton(patronymic ?? ""), birthDate.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_asked.TryGetValue(question, out _))
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        // A name whose budget is spent is refused before the address's share is touched: retrying then must not cost a
        // family its share for the rest of the hour.
        if (_names.GetStatistics(name) is { CurrentAvailablePermits: <= 0 })
        {
            return Try(_names, name, TimeSpan.FromMinutes(10), out retryAfter);
        }

        if (!Try(_shares, SharePartition(address) + "|" + name, TimeSpan.FromMinutes(10), out retryAfter)
            || !Try(_names, name, TimeSpan.FromMinutes(10), out retryAfter))
        {
            return false;
        }

        _asked.Set(question, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _window });
        return true;
    }

    /// <summary>What is left of the address's share of the name's budget (for tests).</summary>
    internal long ShareLeft(IPAddress? address, string lastName, string firstName) =>
        _shares.GetStatistics(SharePartition(address) + "|" + NameKey(lastName, firstName))?.CurrentAvailablePermits ?? 0;

    /// <summary>A searched name as its budgets know it: its spellings are one name.</summary>
    private static string NameKey(string lastName, string firstName) => LookupName.Skeleton(lastName) + "|" + LookupName.Skeleton(firstName);

    /// <summary>
    /// The partition of a name's budget an address draws on: as <see cref="Partition"/>, but an IPv6 client by its /48,
    /// since one home is often delegated a whole /56 and so holds hundreds of /64s.
    /// </summary>
    public static string SharePartition(IPAddress? address)
    {
        if (address is { AddressFamily: AddressFamily.InterNetworkV6, IsIPv4MappedToIPv6: false })
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 6, 10);
            return new IPAddress(bytes).ToString() + "/48";
        }

        return Partition(address);
    }

    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }

    private static bool Try(PartitionedRateLimiter<string> limiter, string key, TimeSpan fallback, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(key);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : fallback;
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _addresses.Dispose();
        _names.Dispose();
        _shares.Dispose();
        _asked.Dispose();
    }
}
