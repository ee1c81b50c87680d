using System.Globalization;
using Aigaq.TransparencyLog;

namespace Aigaq.Tests.Infrastructure;

/// <summary>
/// Committed instants are part of every commitment already in a log, so their text must never change: the fast
/// formatting gives exactly the bytes of the custom format the log was first written with.
/// </summary>
public sealed class LedgerInstantTests
{
    /// <summary>An instant as the log's first commitments wrote it: the oracle of every content test.</summary>
    internal static string AsFirstWritten(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    public static TheoryData<string> Edges() =>
    [
        "0001-01-01T00:00:00.0000000+00:00",
        "0999-12-31T23:59:59.9999999+00:00",
        "2026-11-29T09:47:54.1234567+05:00",
        "2026-01-01T00:00:00.0000009-12:00",
        "2024-02-29T23:59:59.9999990+14:00",
        "9999-12-31T23:59:59.9999999+00:00",
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void An_edge_instant_is_written_as_it_was_first(string text)
    {
        var value = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(AsFirstWritten(value), LedgerWriter.Instant(value));
    }

    [Fact]
    public void Random_instants_in_any_offset_are_written_as_they_were_first()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 100_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            var value = new DateTimeOffset(ticks, offset);
            Assert.Equal(AsFirstWritten(value), LedgerWriter.Instant(value));
        }
    }
}
