using System.Net;
using System.Text.Json.Nodes;

namespace Aigaq.Tests.Infrastructure;

/// <summary>Steps many tests share, taken through the API as a client would.</summary>
public static class Scenario
{
    public const string Detentions = "/api/v1/detentions";

    /// <summary>Registers a detention (by default one raising no alert) and returns the 201 body.</summary>
    public static async Task<JsonObject> RegisterAsync(
        this AigaqHost host, TestUser officer, Guid facilityId, DateTimeOffset? detainedAt = null, Action<JsonObject>? change = null)
    {
        var body = Requests.Detention(facilityId, detainedAt ?? host.Now, region: officer.User.Region ?? "KZ-75");
        change?.Invoke(body);
        return await (await officer.Client.PostJsonAsync(Detentions, body)).ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>A detention registered two hours ago, with a custody officer of its facility to record its events.</summary>
    public static async Task<HeldDetention> HeldAsync(this AigaqHost host)
    {
        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Aigaq.Access.Roles.Officer);
        var custody = await host.UserAsync(Aigaq.Access.Roles.CustodyOfficer, facility: facility.Id);
        var detainedAt = host.Now.AddHours(-2);
        var created = await host.RegisterAsync(officer, facility.Id, detainedAt);
        return new HeldDetention(custody, created.Id(), detainedAt, facility.Id);
    }

    public static string EventsUrl(Guid detentionId) => $"{Detentions}/{detentionId}/events";

    public static Guid Id(this JsonObject record) => Guid.Parse(record.Str("id"));

    public static async Task<JsonObject> GetDetentionAsync(this TestUser user, Guid id) =>
        await (await user.Client.GetAsync($"{Detentions}/{id}")).ExpectAsync(HttpStatusCode.OK);
}

/// <summary>A registered detention, the custody officer who records its events, when it began and where.</summary>
public sealed record HeldDetention(TestUser Custody, Guid Id, DateTimeOffset DetainedAt, Guid Facility);
