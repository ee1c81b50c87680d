namespace Aigaq.TestSupport;

/// <summary>How an <see cref="AigaqHost"/> runs; the defaults suit tests that drive the clock and the workers themselves.</summary>
public sealed record HostOptions
{
    /// <summary>Extra configuration, given as host settings.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The node's name (<c>Aigaq:NodeName</c>); several hosts on one database model several nodes. Unset: the application's default.</summary>
    public string? NodeName { get; init; }

    /// <summary>
    /// True: the application's own clock (the system's), for tests whose peers or processes run on real time.
    /// False: a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> the test moves.
    /// </summary>
    public bool SystemClock { get; init; }

    /// <summary>True: the background workers (integrator, scanners, dispatchers) run as in production.</summary>
    public bool Workers { get; init; }

    /// <summary>True: Kestrel on a free loopback port, for a browser or any other client outside the process.</summary>
    public bool Kestrel { get; init; }

    public string Environment { get; init; } = "Testing";
}
