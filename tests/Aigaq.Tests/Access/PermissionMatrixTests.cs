using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Aigaq.Tests.Access;

public sealed class MatrixHost() : HostFixture(DatabaseProvider.Sqlite)
{
    public ConcurrentDictionary<string, Lazy<Task<TestUser>>> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>The facility every row's detention is bound for.</summary>
    public Lazy<Task<Guid>> Facility => field ??= new(async () => (await Host.FacilityAsync(region: "KZ-75")).Id);
}

/// <summary>
/// An allow and a deny test for every endpoint and role. The expected table is written here by
/// hand from CONTRACT.md and DOMAIN.md, not read from Permissions.cs, so that the two can disagree.
/// </summary>
public sealed class PermissionMatrixTests(MatrixHost fixture) : IClassFixture<MatrixHost>
{
    private const string Region = "KZ-75";

    private static readonly string[] AllRoles =
    [
        "Administrator", "Officer", "CustodyOfficer", "Investigator", "Prosecutor", "SpecialProsecutor",
        "Defender", "Reviewer", "ProtectionOfficer", "ForensicExpert", "Monitor", "Analyst",
    ];

    private static readonly string[] ReadDetentions = ["Officer", "CustodyOfficer", "Investigator", "Prosecutor", "SpecialProsecutor", "Defender"];

    /// <summary>Endpoint to the roles allowed to call it.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        // CONTRACT.md: POST /api/v1/detentions (role Officer, CustodyOfficer).
        ["RegisterDetention"] = ["Officer", "CustodyOfficer"],
        // Custody officers, investigators, prosecutors and defenders within scope; officers their own.
        ["GetDetention"] = ReadDetentions,
        ["ListDetentions"] = ReadDetentions,
        // Arresting and custody officers record custody; investigators record investigative actions.
        ["RecordCustodyEvent"] = ["Officer", "CustodyOfficer", "Investigator"],
        // The supervisory prosecutor watches alerts; the special prosecutor sees them.
        ["ListAlerts"] = ["Prosecutor", "SpecialProsecutor"],
        ["AcknowledgeAlert"] = ["Prosecutor"],
        // The facility register is reference data for everyone signed in; only administrators change it.
        ["ListFacilities"] = AllRoles,
        ["CreateFacility"] = ["Administrator"],
    };

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (endpoint, allowed) in Allowed)
        {
            foreach (var role in AllRoles)
            {
                data.Add(endpoint, role, allowed.Contains(role));
            }
        }

        return data;
    }

    private AigaqHost Host => fixture.Host;

    private Task<TestUser> UserAsync(string role, Guid facilityId, string defenderEmail) =>
        fixture.Users.GetOrAdd(role, r => new Lazy<Task<TestUser>>(() => Host.UserAsync(
            r, region: r is "Defender" or "Administrator" or "Analyst" ? null : Region, facility: r == "CustodyOfficer" ? facilityId : null,
            email: r == "Defender" ? defenderEmail : null))).Value;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_endpoint_allows_exactly_the_roles_of_the_contract(string endpoint, string role, bool allowed)
    {
        var facility = await fixture.Facility.Value;
        const string defenderEmail = "matrix.defender@advokat.kz";
        var user = await UserAsync(role, facility, defenderEmail);
        var officer = role == "Officer" ? user : await UserAsync("Officer", facility, defenderEmail);
        // A detention the caller may see if their role may see any: registered by the officer,
        // bound for the custody officer's facility, in the prosecutors' region, naming the defender.
        var detention = await Host.RegisterAsync(officer, facility, change: b =>
        {
            b.Without("rightsExplainedAt");
            b["contacts"] = new JsonArray(Requests.Contact("defender", "Гульнара Сатпаева", email: defenderEmail));
        });
        var alertId = detention["alerts"].Objects().First().Str("id");

        var response = endpoint switch
        {
            "RegisterDetention" => await user.Client.PostJsonAsync(Scenario.Detentions, Requests.Detention(facility, Host.Now)),
            "GetDetention" => await user.Client.GetAsync($"{Scenario.Detentions}/{detention.Id()}"),
            "ListDetentions" => await user.Client.GetAsync(Scenario.Detentions),
            "RecordCustodyEvent" => await user.Client.PostJsonAsync($"{Scenario.Detentions}/{detention.Id()}/events", Requests.Event("defenderArrived", Host.Now)),
            "ListAlerts" => await user.Client.GetAsync("/api/v1/alerts?status=open"),
            "AcknowledgeAlert" => await user.Client.PostJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", new JsonObject { ["comment"] = "checked" }),
            "ListFacilities" => await user.Client.GetAsync("/api/v1/facilities"),
            "CreateFacility" => await user.Client.PostJsonAsync("/api/v1/facilities", new JsonObject
            {
                ["name"] = "Спецприёмник " + Guid.NewGuid().ToString("N")[..4],
                ["type"] = "specialReception",
                ["region"] = Region,
                ["agency"] = "police",
                ["address"] = "г. Алматы",
                ["acceptsMinors"] = false,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

        if (allowed)
        {
            var expected = endpoint is "RegisterDetention" or "RecordCustodyEvent" or "CreateFacility" ? HttpStatusCode.Created : HttpStatusCode.OK;
            await response.ExpectAsync(expected);
        }
        else
        {
            await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("GET", "/api/v1/detentions")]
    [InlineData("GET", "/api/v1/detentions/0195a000-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/v1/detentions")]
    [InlineData("POST", "/api/v1/detentions/0195a000-0000-7000-8000-000000000000/events")]
    [InlineData("GET", "/api/v1/alerts")]
    [InlineData("POST", "/api/v1/alerts/0195a000-0000-7000-8000-000000000000/acknowledge")]
    [InlineData("GET", "/api/v1/facilities")]
    [InlineData("POST", "/api/v1/facilities")]
    public async Task Every_endpoint_but_the_public_lookup_answers_401_without_a_token(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        var response = await Host.Anonymous().SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_public_lookup_needs_no_token() =>
        await (await Host.Anonymous().GetAsync("/api/v1/public/custody?lastName=A&firstName=B&birthDate=1990-01-01")).ExpectAsync(HttpStatusCode.OK);
}
