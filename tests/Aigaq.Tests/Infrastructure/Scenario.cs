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

    public static Guid Id(this JsonObject record) => Guid.Parse(record.Str("id"));

    public static async Task<JsonObject> GetDetentionAsync(this TestUser user, Guid id) =>
        await (await user.Client.GetAsync($"{Detentions}/{id}")).ExpectAsync(HttpStatusCode.OK);
}
