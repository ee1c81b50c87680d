using System.Net;
using Aigaq.Access;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Detentions;

public sealed class LookupHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => Lookups.Generous;
}

public sealed class PostgresLookupHost() : HostFixture(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => Lookups.Generous;
}

public sealed class StrictLookupHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:PublicLookup:PermitPerMinute"] = "3",
        ["Aigaq:PublicLookup:PagePermitPerMinute"] = "1000",
        ["Aigaq:PublicLookup:NamePermitPerHour"] = "1000",
        ["Aigaq:PublicLookup:NamePermitPerAddressPerHour"] = "1000",
    };
}

/// <summary>Unique names for lookups, each with its Latin spelling, and hosts' settings.</summary>
public static class Lookups
{
    public static readonly Dictionary<string, string?> Generous = new()
    {
        ["Aigaq:PublicLookup:PermitPerMinute"] = "1000",
        ["Aigaq:PublicLookup:PagePermitPerMinute"] = "1000",
        ["Aigaq:PublicLookup:NamePermitPerHour"] = "1000",
        ["Aigaq:PublicLookup:NamePermitPerAddressPerHour"] = "1000",
    };

    private const string Cyrillic = "бвгдклмнпрст";
    private const string Latin = "bvgdklmnprst";

    /// <summary>A last name no other test uses, in Cyrillic and in Latin letters.</summary>
    public static (string Cyrillic, string Latin) LastName(string stem, string latinStem)
    {
        var picks = Enumerable.Range(0, 6).Select(_ => Random.Shared.Next(Cyrillic.Length)).ToArray();
        return (stem + new string([.. picks.Select(i => Cyrillic[i])]), latinStem + new string([.. picks.Select(i => Latin[i])]));
    }

    public static string Url(string last, string first, string born, string? patronymic = null) =>
        $"/api/v1/public/custody?lastName={Uri.EscapeDataString(last)}&firstName={Uri.EscapeDataString(first)}&birthDate={born}"
        + (patronymic is null ? "" : "&patronymic=" + Uri.EscapeDataString(patronymic));
}

/// <summary>GET /api/v1/public/custody: a relative asks whether a person is held, where, since when, by whom.</summary>
public abstract class PublicCustodyLookupTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private async Task<(string Cyrillic, string Latin, Guid Id)> HeldAsync(
        string first = "Бауыржан", string? patronymic = "Бауыржанұлы", string born = "1994-05-17", Guid? facilityId = null)
    {
        facilityId ??= (await Host.FacilityAsync()).Id;
        var officer = await Host.UserAsync(Roles.Officer);
        var (cyrillic, latin) = Lookups.LastName("Тоқтаров", "Toktarov");
        var created = await Host.RegisterAsync(officer, facilityId.Value, Host.Now.AddMinutes(-5), b => b
            .With("person.lastName", cyrillic).With("person.firstName", first).With("person.patronymic", patronymic).With("person.birthDate", born));
        return (cyrillic, latin, created.Id());
    }

    private async Task<System.Text.Json.Nodes.JsonObject> AskAsync(string url) =>
        await (await Host.Anonymous().GetAsync(url)).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_held_person_is_found_with_only_whether_where_since_and_by_whom()
    {
        var facility = await Host.FacilityAsync(name: "ИВС УП г. Алматы", phone: "+77272000101");
        var officer = await Host.UserAsync(Roles.Officer);
        var (last, _) = Lookups.LastName("Смагулова", "Smagulova");
        var detainedAt = Host.Now.AddMinutes(-3);
        await Host.RegisterAsync(officer, facility.Id, detainedAt, b => b.With("person.lastName", last).With("person.iin", IinTests.WithCheckDigit("94051740045")));

        // Any letter case; no login.
        var answer = await AskAsync(Lookups.Url(last.ToUpperInvariant(), "ерлан", "1994-05-17"));

        Assert.Equal(["agency", "facility", "inCustody", "since"], answer.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(answer["inCustody"]!.GetValue<bool>());
        Assert.Equal(["address", "name", "phone"], answer["facility"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("ИВС УП г. Алматы", answer["facility"].Str("name"));
        Assert.Equal("+77272000101", answer["facility"].Str("phone"));
        Assert.Equal("Департамент полиции г. Алматы", answer.Str("agency"));
        Assert.Equal(detainedAt, DateTimeOffset.Parse(answer.Str("since"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_facility_without_a_phone_is_answered_without_one()
    {
        var (last, _, _) = await HeldAsync();

        var answer = await AskAsync(Lookups.Url(last, "Бауыржан", "1994-05-17"));

        Assert.Equal(["address", "name"], answer["facility"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Бауржан", false)]
    [InlineData("Baurzhan", true)]
    [InlineData("BAUYRZHAN", true)]
    [InlineData("Bauyrjan", true)]
    [InlineData(" бауыржан ", false)]
    public async Task A_person_is_found_by_the_Kazakh_Russian_or_Latin_spelling_of_the_names(string first, bool latinLastName)
    {
        var (cyrillic, latin, _) = await HeldAsync();

        var answer = await AskAsync(Lookups.Url(latinLastName ? latin : cyrillic, first, "1994-05-17"));

        Assert.True(answer["inCustody"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("Бауыржанұлы", true, "the patronymic given matches")]
    [InlineData("Bauyrzhanuly", true, "in any spelling")]
    [InlineData("Ерланович", false, "a patronymic given that differs is another person")]
    public async Task A_patronymic_counts_only_when_given(string patronymic, bool found, string reason)
    {
        var (last, _, _) = await HeldAsync();

        var answer = await AskAsync(Lookups.Url(last, "Бауыржан", "1994-05-17", patronymic));

        Assert.True(found == answer["inCustody"]!.GetValue<bool>(), reason);
    }

    [Fact]
    public async Task A_patronymic_given_for_a_person_registered_without_one_does_not_hide_the_person()
    {
        var (last, _, _) = await HeldAsync(patronymic: null);

        var answer = await AskAsync(Lookups.Url(last, "Бауыржан", "1994-05-17", "Ерланұлы"));

        Assert.True(answer["inCustody"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("Бауыржан", "1994-05-18", "a different birth date is a different person, however close the names")]
    [InlineData("Бауыржан", "1994-06-17", "the birth date must match exactly")]
    [InlineData("Ерлан", "1994-05-17", "a different first name is a different person")]
    [InlineData("Бауыржанов", "1994-05-17", "a longer first name is a different one")]
    public async Task A_person_not_matching_is_answered_inCustody_false_and_nothing_else(string first, string birthDate, string reason)
    {
        var (last, _, _) = await HeldAsync();

        var answer = await AskAsync(Lookups.Url(last, first, birthDate));

        Assert.Equal(["inCustody"], answer.Select(p => p.Key));
        Assert.False(answer["inCustody"]!.GetValue<bool>(), reason);
    }

    [Fact]
    public async Task A_released_person_is_not_in_custody()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var (last, _) = Lookups.LastName("Петров", "Petrov");
        var created = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-10), b => b.With("person.lastName", last));
        await (await officer.Client.PostJsonAsync($"{Scenario.Detentions}/{created.Id()}/events", Requests.Event("released", Host.Now.AddMinutes(-1))))
            .ExpectAsync(HttpStatusCode.Created);

        var answer = await AskAsync(Lookups.Url(last, "Ерлан", "1994-05-17"));

        Assert.Equal(["inCustody"], answer.Select(p => p.Key));
    }

    [Fact]
    public async Task A_detention_registered_before_lookup_keys_is_found_exactly_at_once_and_by_any_spelling_once_filled()
    {
        var (last, latin, id) = await HeldAsync();
        await Host.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LookupKey, (string?)null)));

        Assert.True((await AskAsync(Lookups.Url(last, "Бауыржан", "1994-05-17")))["inCustody"]!.GetValue<bool>());
        Assert.False((await AskAsync(Lookups.Url(latin, "Baurzhan", "1994-05-17")))["inCustody"]!.GetValue<bool>());

        Assert.True(await LookupKeyBackfill.FillAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), default) >= 1);

        Assert.True((await AskAsync(Lookups.Url(latin, "Baurzhan", "1994-05-17")))["inCustody"]!.GetValue<bool>());
        Assert.Equal(LookupName.Skeleton(last), await Host.WithDbAsync(db => db.Set<Detention>().Where(d => d.Id == id).Select(d => d.LookupKey).SingleAsync()));
    }

    [Fact]
    public async Task Every_lookup_is_in_the_access_log_without_the_names_asked()
    {
        var (last, _, id) = await HeldAsync();

        await AskAsync(Lookups.Url(last, "Baurzhan", "1994-05-17"));

        var entries = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(e => e.Action == "public.custody-lookup" && e.Resource == id.ToString()).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal("found", entry.Outcome);
        Assert.DoesNotContain(entries, e => (e.Resource ?? "").Contains(last, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_lookup_without_birth_date_is_refused_naming_it() =>
        await (await Host.Anonymous().GetAsync("/api/v1/public/custody?lastName=A&firstName=B")).ExpectProblemAsync(HttpStatusCode.BadRequest, "birthDate");
}

public sealed class PublicCustodyLookupOnSqlite(LookupHost fixture) : PublicCustodyLookupTests(fixture), IClassFixture<LookupHost>;

public sealed class PublicCustodyLookupOnPostgres(PostgresLookupHost fixture) : PublicCustodyLookupTests(fixture), IClassFixture<PostgresLookupHost>;

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

public sealed class NameLimitedLookupHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:PublicLookup:PermitPerMinute"] = "1000",
        ["Aigaq:PublicLookup:PagePermitPerMinute"] = "1000",
        ["Aigaq:PublicLookup:NamePermitPerHour"] = "3",
    };
}

/// <summary>Guessing a person's birth date, from however many addresses, stops at the searched name's limit.</summary>
public sealed class PublicCustodyNameLimitTests(NameLimitedLookupHost fixture) : IClassFixture<NameLimitedLookupHost>
{
    [Fact]
    public async Task Past_the_limit_for_one_name_in_any_spelling_lookups_of_it_are_answered_429_and_other_names_are_not()
    {
        var host = fixture.Host;
        var (last, latin) = Lookups.LastName("Омаров", "Omarov");
        string[] spellings = [Lookups.Url(last, "Бауыржан", "1990-01-01"), Lookups.Url(latin, "Baurzhan", "1990-01-02"), Lookups.Url(last, "Бауржан", "1990-01-03")];
        foreach (var url in spellings)
        {
            await (await host.Anonymous().GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        }

        var refused = await host.Anonymous().GetAsync(Lookups.Url(latin, "Bauyrzhan", "1990-01-04"));

        await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
        await (await host.Anonymous().GetAsync(Lookups.Url(last, "Ерлан", "1990-01-04"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "public.custody-lookup" && e.Outcome == "limited")));
    }
}
