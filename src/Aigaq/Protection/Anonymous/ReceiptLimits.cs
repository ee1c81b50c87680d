using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary>The <c>Aigaq:Anonymous</c> section: how often a receipt code may be tried (ADR 0025).</summary>
public sealed class AnonymousOptions
{
    public const string Section = "Aigaq:Anonymous";

    /// <summary>Tries of a receipt code (right or wrong) one address may make in a window.</summary>
    public int ReceiptTries { get; set; } = 10;

    /// <summary>Anonymous reports one address may send in a window: enough for a family, not for a flood of reports.</summary>
    public int Reports { get; set; } = 5;

    /// <summary>The window's length in minutes.</summary>
    public int ReceiptWindowMinutes { get; set; } = 15;

    public bool IsValid() => ReceiptTries > 0 && Reports > 0 && ReceiptWindowMinutes > 0;
}

/// <summary>
/// Limits the tries of receipt codes, and the anonymous reports sent, per client address, in fixed windows of the injected clock. The limiter keeps
/// neither the address nor anything that gives it back: a partition is an HMAC of the address under a key made at start
/// and never written, so even this process's memory holds no address; nothing of it is logged or stored, and a restart
/// forgets it. A code is 16 digits: with 10,000 codes in use, one guess in 10^12 opens one; at 10 tries a quarter-hour
/// (960 a day) one address needs millions of years for that, a botnet of a million addresses about three years.
/// </summary>
public sealed class ReceiptLimits(IOptions<AnonymousOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Addresses counted in one window at most, per budget (a few tens of megabytes each). Past it a new address is
    /// refused that budget until the window ends: under a flood from that many addresses, guessing stays bounded rather
    /// than the counts being dropped. The budgets are counted apart, so a flood of reports does not keep reporters from
    /// their inboxes, nor a flood of guesses new reports out.
    /// </summary>
    internal const int MaxPartitions = 500_000;

    private readonly byte[] _partitionKey = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reports = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _window = -1;

    /// <summary>Takes one try of a receipt code from the address's budget; false, with when the window ends, past it.</summary>
    public bool TryTake(IPAddress? address, out TimeSpan retryAfter) => Take(_codes, options.Value.ReceiptTries, address, out retryAfter);

    /// <summary>Takes one anonymous report from the address's budget; false, with when the window ends, past it.</summary>
    public bool TryReport(IPAddress? address, out TimeSpan retryAfter) => Take(_reports, options.Value.Reports, address, out retryAfter);

    private bool Take(Dictionary<string, int> budget, int limit, IPAddress? address, out TimeSpan retryAfter)
    {
        var o = options.Value;
        var length = TimeSpan.FromMinutes(o.ReceiptWindowMinutes);
        var now = clock.GetUtcNow();
        var window = now.UtcTicks / length.Ticks;
        retryAfter = TimeSpan.FromTicks(((window + 1) * length.Ticks) - now.UtcTicks);
        var partition = Partition(address);
        lock (_lock)
        {
            if (window != _window)
            {
                _codes.Clear();
                _reports.Clear();
                _window = window;
            }

            var known = budget.TryGetValue(partition, out var taken);
            if (taken >= limit || (!known && budget.Count >= MaxPartitions))
            {
                return false;
            }

            budget[partition] = taken + 1;
            return true;
        }
    }

    /// <summary>The address as the limiter knows it: an IPv6 client by its /64 (as the public lookup counts them), keyed.</summary>
    private string Partition(IPAddress? address) =>
        Convert.ToBase64String(HMACSHA256.HashData(_partitionKey, Encoding.ASCII.GetBytes(Detentions.PublicLookupLimits.Partition(address))));
}
