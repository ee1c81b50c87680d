using System.Net;
using System.Text.Json.Nodes;

namespace Aigaq.Tests.Cases;

/// <summary>Report and case requests of CONTRACT.md, and the steps the case tests share.</summary>
public static class CaseScenario
{
    public const string Reports = "/api/v1/reports";

    public static JsonObject Report(DateTimeOffset receivedAt, string region = "KZ-75", params string[] agencies)
    {
        agencies = agencies.Length == 0 ? ["police"] : agencies;
        return new JsonObject
        {
            ["receivedAt"] = Requests.Instant(receivedAt),
            ["source"] = "lawyer",
            ["narrative"] = "Подзащитного избивали в ИВС, требуя признания.",
            ["region"] = region,
            ["victims"] = new JsonArray(new JsonObject { ["lastName"] = "Серикбаев", ["firstName"] = "Нурлан", ["birthDate"] = "1991-02-03" }),
            ["alleged"] = new JsonArray([.. agencies.Select(a => (JsonNode)new JsonObject { ["agency"] = a, ["unit"] = "УП Алмалинского района" })]),
            ["injuries"] = "кровоподтёки на спине",
        };
    }

    public static async Task<JsonObject> ReceiveAsync(this TestUser user, JsonObject body) =>
        await (await user.Client.PostJsonAsync(Reports, body)).ExpectAsync(HttpStatusCode.Created);

    public static JsonObject Registration(string erdr, DateTimeOffset at, int part) => new()
    {
        ["erdrNumber"] = erdr,
        ["registeredAt"] = Requests.Instant(at),
        ["part"] = part,
    };

    public static async Task<JsonObject> RegisterReportAsync(this TestUser prosecutor, Guid reportId, JsonObject body) =>
        await (await prosecutor.Client.PostJsonAsync($"{Reports}/{reportId}/register", body)).ExpectAsync(HttpStatusCode.Created);

    public static async Task<JsonObject> GetCaseAsync(this TestUser user, Guid caseId) =>
        await (await user.Client.GetAsync($"/api/v1/cases/{caseId}")).ExpectAsync(HttpStatusCode.OK);

    public static async Task<JsonObject> GetReportAsync(this TestUser user, Guid reportId) =>
        await (await user.Client.GetAsync($"{Reports}/{reportId}")).ExpectAsync(HttpStatusCode.OK);

    public static string Erdr() => "26" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Stage(string stage, DateTimeOffset at, params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["stage"] = stage, ["at"] = Requests.Instant(at) };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body;
    }
}
