using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Aigaq.Access;

/// <summary>
/// How sign-in failures slow down further attempts (<c>Aigaq:SignIn</c>). There is no lockout: a lockout lets anyone who
/// knows an e-mail keep its owner out. Instead each source of failures waits longer and longer.
/// </summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failures of one account from one address before each further attempt there must wait.</summary>
    public int FreePerAccountAndAddress { get; set; } = 5;

    /// <summary>Failures from one address, whatever the accounts, before each further attempt from it must wait.</summary>
    public int FreePerAddress { get; set; } = 30;

    /// <summary>Failures of one account, from any address, before each further attempt on it must wait (a slow guesser spread over many addresses).</summary>
    public int FreePerAccount { get; set; } = 100;

    /// <summary>The first wait; each further failure doubles it.</summary>
    public TimeSpan FirstWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait.</summary>
    public TimeSpan LongestWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A source that has not failed for this long starts again with nothing counted.</summary>
    public TimeSpan Forget { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Counts sign-in failures by account and address, by address, and by account, and says how long an attempt must wait.
/// The owner of an account signing in from their own address is not slowed by someone failing elsewhere, unless that
/// someone fails more than <see cref="SignInThrottleOptions.FreePerAccount"/> times. Kept in memory by each node.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Source> _sources = new(StringComparer.Ordinal);

    private sealed record Source(int Failures, DateTimeOffset LastFailure, DateTimeOffset NotBefore);

    /// <summary>How long the attempt must still wait; null when it may go ahead.</summary>
    public TimeSpan? Wait(string? address, string account)
    {
        var now = clock.GetUtcNow();
        var until = DateTimeOffset.MinValue;
        foreach (var key in Keys(address, account))
        {
            if (_sources.TryGetValue(key.Name, out var s) && now - s.LastFailure < options.Value.Forget && s.NotBefore > until)
            {
                until = s.NotBefore;
            }
        }

        return until > now ? until - now : null;
    }

    /// <summary>Counts a failure against every source of the attempt.</summary>
    public void Failed(string? address, string account)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        foreach (var key in Keys(address, account))
        {
            _sources.AddOrUpdate(
                key.Name,
                _ => Next(0, key.Free, now, o),
                (_, s) => Next(now - s.LastFailure < o.Forget ? s.Failures : 0, key.Free, now, o));
        }

        if (_sources.Count > PruneAbove)
        {
            foreach (var (name, s) in _sources)
            {
                if (now - s.LastFailure >= o.Forget)
                {
                    _sources.TryRemove(name, out _);
                }
            }
        }
    }

    /// <summary>A success forgets the failures of this account from this address (not the address's, nor the account's).</summary>
    public void Succeeded(string? address, string account) => _sources.TryRemove(Pair(address, account), out _);

    private static Source Next(int before, int free, DateTimeOffset now, SignInThrottleOptions o)
    {
        var failures = before + 1;
        var over = failures - free;
        if (over < 0)
        {
            return new Source(failures, now, now);
        }

        // The free failures used up: the next attempt waits, twice as long after each further failure.
        var wait = TimeSpan.FromTicks((long)Math.Min(o.LongestWait.Ticks, o.FirstWait.Ticks * Math.Pow(2, Math.Min(over, 30))));
        return new Source(failures, now, now + wait);
    }

    private (string Name, int Free)[] Keys(string? address, string account)
    {
        var o = options.Value;
        return
        [
            (Pair(address, account), o.FreePerAccountAndAddress),
            ("address:" + (address ?? "unknown"), o.FreePerAddress),
            ("account:" + Normalize(account), o.FreePerAccount),
        ];
    }

    private static string Pair(string? address, string account) => "pair:" + (address ?? "unknown") + "|" + Normalize(account);

    private static string Normalize(string account) => account.Trim().ToUpperInvariant();
}
