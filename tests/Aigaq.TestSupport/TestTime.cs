using Microsoft.Extensions.Time.Testing;

namespace Aigaq.TestSupport;

/// <summary>Clocks that stand still until a test moves them.</summary>
public static class TestTime
{
    public static FakeTimeProvider At(DateTimeOffset now) => new(now);

    /// <summary>A clock at a Unix time, as the C2SP examples give their timestamps.</summary>
    public static FakeTimeProvider AtUnixSeconds(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));
}
