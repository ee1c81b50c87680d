using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Facilities;

namespace Aigaq.Tests.Facilities;

/// <summary>GET and POST /api/v1/facilities: the facility register.</summary>
public abstract class FacilityTests(HostFixture fixture)
{
    private const string Url = "/api/v1/facilities";
    private AigaqHost Host => fixture.Host;

    private static JsonObject Body(string name) => new()
    {
        ["name"] = name,
        ["type"] = "juvenileCentre",
        ["region"] = "KZ-39",
        ["agency"] = "police",
        ["address"] = "г. Костанай, ул. Байтурсынова, 1",
        ["acceptsMinors"] = true,
    };

    [Fact]
    public async Task An_administrator_adds_a_facility_that_then_appears_in_the_register()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var name = "ЦВИН Костанай " + Guid.NewGuid().ToString("N")[..4];

        var response = await admin.Client.PostJsonAsync(Url, Body(name));

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(name, created.Str("name"));
        Assert.Equal("juvenileCentre", created.Str("type"));
        Assert.Equal("police", created.Str("agency"));
        Assert.True(created["acceptsMinors"]!.GetValue<bool>());
        Assert.False(created.ContainsKey("phone"), "a facility registered without a phone has none, not an empty one");
        var listed = await (await admin.Client.GetAsync($"{Url}?region=KZ-39")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(listed["items"].Objects(), f => f.Str("id") == created.Str("id"));
        Assert.True(listed.ContainsKey("next"));
    }

    [Fact]
    public async Task A_facility_keeps_its_phone_for_the_public_lookup()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);

        var created = await (await admin.Client.PostJsonAsync(Url, Body("ИВС Костанай " + Guid.NewGuid().ToString("N")[..4]).With("phone", "+77142000100")))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("+77142000100", created.Str("phone"));
        var listed = await (await admin.Client.GetAsync($"{Url}?region=KZ-39")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("+77142000100", listed["items"].Objects().Single(f => f.Str("id") == created.Str("id")).Str("phone"));
    }

    public static TheoryData<string, string> BadFacilities => new()
    {
        { "unknown type", "type" },
        { "unknown agency", "agency" },
        { "unknown region", "region" },
        { "missing name", "name" },
        { "missing address", "address" },
        { "phone not in international form", "phone" },
    };

    [Theory]
    [MemberData(nameof(BadFacilities))]
    public async Task A_bad_facility_is_refused_naming_the_field_and_writes_nothing(string fault, string field)
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var body = fault switch
        {
            "unknown type" => Body("x").With("type", "dungeon"),
            "unknown agency" => Body("x").With("agency", "kgb"),
            "unknown region" => Body("x").With("region", "KZ-00"),
            "missing name" => Body("x").Without("name"),
            "missing address" => Body("x").Without("address"),
            "phone not in international form" => Body("x").With("phone", "8 (7142) 50-00-00"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var before = await Host.CountAsync<Facility>();

        await (await admin.Client.PostJsonAsync(Url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await Host.CountAsync<Facility>());
    }
}

public sealed class FacilitiesOnSqlite(SqliteHost fixture) : FacilityTests(fixture), IClassFixture<SqliteHost>;

public sealed class FacilitiesOnPostgres(PostgresHost fixture) : FacilityTests(fixture), IClassFixture<PostgresHost>;
