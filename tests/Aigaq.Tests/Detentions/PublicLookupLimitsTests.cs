using System.Net;
using Aigaq.Detentions;
using Microsoft.Extensions.Options;

namespace Aigaq.Tests.Detentions;

/// <summary>The public lookup's budget per name: no one address can use it up, and asking the same again is free.</summary>
public sealed class PublicLookupLimitsTests
{
    private static readonly DateOnly Born = new(1994, 5, 17);

    private static PublicLookupLimits Limits(int perName, int perAddress) => new(Options.Create(new AigaqOptions
    {
        PublicLookup = new PublicLookupOptions { NamePermitPerHour = perName, NamePermitPerAddressPerHour = perAddress },
    }));

    [Fact]
    public void One_address_takes_only_its_share_of_a_names_budget_and_the_rest_stays_for_others()
    {
        using var limits = Limits(perName: 6, perAddress: 2);
        var guesser = IPAddress.Parse("203.0.113.7");
        var family = IPAddress.Parse("198.51.100.20");

        Assert.True(limits.TryName(guesser, "Омаров", "Бауыржан", Born.AddDays(1), out _));
        Assert.True(limits.TryName(guesser, "Omarov", "Baurzhan", Born.AddDays(2), out _));
        Assert.False(limits.TryName(guesser, "Омаров", "Бауржан", Born.AddDays(3), out var retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);

        // Another address still finds the person: the guesser could not spend the name's whole budget.
        Assert.True(limits.TryName(family, "Омаров", "Бауыржан", Born, out _));
    }

    [Fact]
    public void The_name_budget_still_stops_guessing_spread_over_many_addresses()
    {
        using var limits = Limits(perName: 4, perAddress: 2);
        var granted = Enumerable.Range(0, 10)
            .Count(i => limits.TryName(IPAddress.Parse($"203.0.113.{i + 1}"), "Омаров", "Бауыржан", Born.AddDays(i), out _));

        Assert.Equal(4, granted);
        Assert.True(limits.TryName(IPAddress.Parse("203.0.113.50"), "Омаров", "Ерлан", Born, out _));
    }

    [Fact]
    public void Asking_the_same_name_and_birth_date_again_takes_nothing_from_either_budget()
    {
        using var limits = Limits(perName: 2, perAddress: 1);
        var family = IPAddress.Parse("198.51.100.20");

        for (var i = 0; i < 5; i++)
        {
            Assert.True(limits.TryName(family, "Омаров", "Бауыржан", Born, out _));
        }

        // The same question in another spelling is the same question.
        Assert.True(limits.TryName(IPAddress.Parse("198.51.100.21"), "Omarov", "Baurzhan", Born, out _));
        Assert.True(limits.TryName(IPAddress.Parse("198.51.100.22"), "Омаров", "Бауыржан", Born.AddDays(1), out _));
        Assert.False(limits.TryName(IPAddress.Parse("198.51.100.23"), "Омаров", "Бауыржан", Born.AddDays(2), out _));
    }
}
