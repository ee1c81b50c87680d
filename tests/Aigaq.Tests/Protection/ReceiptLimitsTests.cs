using System.Net;
using Aigaq.Protection;
using Microsoft.Extensions.Time.Testing;

namespace Aigaq.Tests.Protection;

/// <summary>
/// The anonymous channel's limits count each budget apart: a flood of reports from as many addresses as the limiter
/// holds refuses further reports in that window, but keeps no reporter from trying their receipt code, and a new window
/// counts afresh.
/// </summary>
public sealed class ReceiptLimitsTests
{
    [Fact]
    public void A_flood_of_reports_fills_only_the_reports_budget_until_the_window_ends()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var limits = new ReceiptLimits(Microsoft.Extensions.Options.Options.Create(new AnonymousOptions()), clock);
        for (var i = 0; i < ReceiptLimits.MaxPartitions; i++)
        {
            Assert.True(limits.TryReport(new IPAddress(BitConverter.GetBytes(i + 1)), out _));
        }

        var reporter = IPAddress.Parse("203.0.113.77");
        Assert.False(limits.TryReport(reporter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(new AnonymousOptions().ReceiptWindowMinutes));
        Assert.True(limits.TryTake(reporter, out _));

        clock.Advance(retryAfter);
        Assert.True(limits.TryReport(reporter, out _));
    }

    [Fact]
    public void An_address_has_its_tries_and_reports_each_up_to_its_own_limit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var options = new AnonymousOptions { ReceiptTries = 3, Reports = 2 };
        var limits = new ReceiptLimits(Microsoft.Extensions.Options.Options.Create(options), clock);
        var address = IPAddress.Parse("198.51.100.4");

        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(i => limits.TryReport(address, out _)));
        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(i => limits.TryTake(address, out _)));
    }
}
