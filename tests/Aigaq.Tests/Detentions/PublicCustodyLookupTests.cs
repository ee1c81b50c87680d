using System.Net;
using Aigaq.Access;

namespace Aigaq.Tests.Detentions;

public sealed class LookupHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Aigaq:PublicLookup:PermitPerMinute"] = "1000" };
}

public sealed class StrictLookupHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Aigaq:PublicLookup:PermitPerMinute"] = "3" };
}

/// <summary>GET /api/v1/public/custody: a relative asks whether a person is held, where, since when.</summary>
public sealed class PublicCustodyLookupTests(LookupHost fixture) : IClassFixture<LookupHost>
{
    private AigaqHost Host => fixture.Host;

    private static string Url(string last, string first, string born) =>
        $"/api/v1/public/custody?lastName={Uri.EscapeDataString(last)}&firstName={Uri.EscapeDataString(first)}&birthDate={born}";

    [Fact]
    public async Task A_held_person_is_found_with_only_whether_where_and_since()
    {
        var facility = await Host.FacilityAsync(name: "ИВС УП г. Алматы");
        var officer = await Host.UserAsync(Roles.Officer);
        var last = "Смагулова" + Guid.NewGuid().ToString("N")[..4];
        var detainedAt = Host.Now.AddMinutes(-3);
        await Host.RegisterAsync(officer, facility.Id, detainedAt, b => b.With("person.lastName", last).With("person.iin", IinTests.WithCheckDigit("94051740045")));

        // Any letter case; no login.
        var answer = await (await Host.Anonymous().GetAsync(Url(last.ToUpperInvariant(), "ерлан", "1994-05-17"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["facility", "inCustody", "since"], answer.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(answer["inCustody"]!.GetValue<bool>());
        Assert.Equal(["address", "name"], answer["facility"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("ИВС УП г. Алматы", answer["facility"].Str("name"));
        Assert.Equal(detainedAt, DateTimeOffset.Parse(answer.Str("since"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1994-05-18", "a different birth date is a different person")]
    [InlineData("1994-05-17", "released people are not in custody")]
    public async Task A_person_not_held_is_answered_inCustody_false_and_nothing_else(string birthDate, string reason)
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var last = "Петров" + Guid.NewGuid().ToString("N")[..4];
        var created = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-10), b => b.With("person.lastName", last));
        if (reason.StartsWith("released", StringComparison.Ordinal))
        {
            await (await officer.Client.PostJsonAsync($"{Scenario.Detentions}/{created.Id()}/events", Requests.Event("released", Host.Now.AddMinutes(-1))))
                .ExpectAsync(HttpStatusCode.Created);
        }

        var answer = await (await Host.Anonymous().GetAsync(Url(last, "Ерлан", birthDate))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["inCustody"], answer.Select(p => p.Key));
        Assert.False(answer["inCustody"]!.GetValue<bool>(), reason);
    }

    [Fact]
    public async Task A_lookup_without_birth_date_is_refused_naming_it() =>
        await (await Host.Anonymous().GetAsync("/api/v1/public/custody?lastName=A&firstName=B")).ExpectProblemAsync(HttpStatusCode.BadRequest, "birthDate");
}

public sealed class PublicCustodyRateLimitTests(StrictLookupHost fixture) : IClassFixture<StrictLookupHost>
{
    [Fact]
    public async Task Lookups_past_the_rate_limit_are_answered_429_with_a_problem()
    {
        var client = fixture.Host.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            await (await client.GetAsync("/api/v1/public/custody?lastName=A&firstName=B&birthDate=1990-01-01")).ExpectAsync(HttpStatusCode.OK);
        }

        var refused = await client.GetAsync("/api/v1/public/custody?lastName=A&firstName=B&birthDate=1990-01-01");

        await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
    }
}
