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

        Assert.True(limits.TryName(guesser, "Омаров", "Бауыржан", null, Born.AddDays(1), out _));
        Assert.True(limits.TryName(guesser, "Omarov", "Baurzhan", null, Born.AddDays(2), out _));
        Assert.False(limits.TryName(guesser, "Омаров", "Бауржан", null, Born.AddDays(3), out var retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);

        // Another address still finds the person: the guesser could not spend the name's whole budget.
        Assert.True(limits.TryName(family, "Омаров", "Бауыржан", null, Born, out _));
    }

    [Fact]
    public void The_name_budget_still_stops_guessing_spread_over_many_addresses()
    {
        using var limits = Limits(perName: 4, perAddress: 2);
        var granted = Enumerable.Range(0, 10)
            .Count(i => limits.TryName(IPAddress.Parse($"203.0.113.{i + 1}"), "Омаров", "Бауыржан", null, Born.AddDays(i), out _));

        Assert.Equal(4, granted);
        Assert.True(limits.TryName(IPAddress.Parse("203.0.113.50"), "Омаров", "Ерлан", null, Born, out _));
    }

    [Fact]
    public void Retrying_a_spent_name_does_not_cost_the_address_its_share()
    {
        using var limits = Limits(perName: 3, perAddress: 2);
        var family = IPAddress.Parse("198.51.100.20");
        Assert.True(limits.TryName(family, "Омаров", "Бауыржан", null, Born, out _));
        Assert.True(limits.TryName(IPAddress.Parse("203.0.113.1"), "Омаров", "Бауыржан", null, Born.AddDays(1), out _));
        Assert.True(limits.TryName(IPAddress.Parse("203.0.113.2"), "Омаров", "Бауыржан", null, Born.AddDays(2), out _));
        Assert.Equal(1, limits.ShareLeft(family, "Омаров", "Бауыржан"));
        for (var i = 1; i <= 5; i++)
        {
            Assert.False(limits.TryName(family, "Омаров", "Бауыржан", "Ерланұлы", Born.AddYears(i), out _));
        }

        // The family's share is untouched by the refusals, so it is there when the name's budget comes back.
        Assert.Equal(1, limits.ShareLeft(family, "Omarov", "Baurzhan"));
    }

    [Fact]
    public void An_IPv6_home_counts_as_one_address_for_a_names_share_and_a_patronymic_is_its_own_question()
    {
        using var limits = Limits(perName: 10, perAddress: 2);
        Assert.True(limits.TryName(IPAddress.Parse("2001:db8:1:1::5"), "Омаров", "Бауыржан", null, Born.AddDays(1), out _));
        Assert.True(limits.TryName(IPAddress.Parse("2001:db8:1:2::5"), "Омаров", "Бауыржан", null, Born.AddDays(2), out _));
        Assert.False(limits.TryName(IPAddress.Parse("2001:db8:1:ff::5"), "Омаров", "Бауыржан", null, Born.AddDays(3), out _));
        Assert.True(limits.TryName(IPAddress.Parse("2001:db8:2:1::5"), "Омаров", "Бауыржан", null, Born.AddDays(3), out _));

        // Guessing the patronymic of a known name and birth date is not a free repeat.
        var guesser = IPAddress.Parse("203.0.113.9");
        Assert.True(limits.TryName(guesser, "Омаров", "Бауыржан", "Ерланұлы", Born, out _));
        Assert.True(limits.TryName(guesser, "Омаров", "Бауыржан", "Ерланұлы", Born, out _));
        Assert.True(limits.TryName(guesser, "Омаров", "Бауыржан", "Серікұлы", Born, out _));
        Assert.False(limits.TryName(guesser, "Омаров", "Бауыржан", "Асқарұлы", Born, out _));
    }

    [Fact]
    public void Asking_the_same_name_and_birth_date_again_takes_nothing_from_either_budget()
    {
        using var limits = Limits(perName: 2, perAddress: 1);
        var family = IPAddress.Parse("198.51.100.20");

        for (var i = 0; i < 5; i++)
        {
            Assert.True(limits.TryName(family, "Омаров", "Бауыржан", null, Born, out _));
        }

        // The same question in another spelling is the same question.
        Assert.True(limits.TryName(IPAddress.Parse("198.51.100.21"), "Omarov", "Baurzhan", null, Born, out _));
        Assert.True(limits.TryName(IPAddress.Parse("198.51.100.22"), "Омаров", "Бауыржан", null, Born.AddDays(1), out _));
        Assert.False(limits.TryName(IPAddress.Parse("198.51.100.23"), "Омаров", "Бауыржан", null, Born.AddDays(2), out _));
    }
}
