using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aigaq.Tests.Infrastructure;

public static class Http
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body, string? idempotencyKey = null) =>
        client.PostRawAsync(url, body.ToJsonString(), idempotencyKey);

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException("Not a JSON object: " + text);
    }

    /// <summary>Asserts a status, failing with the body so that a wrong answer explains itself.</summary>
    public static async Task<JsonObject> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    /// <summary>Asserts an RFC 9457 problem with this status whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonObject> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()), "a problem has a stable type");
        if (field is not null)
        {
            var errors = problem["errors"] as JsonObject;
            Assert.True(
                errors is not null && errors.ContainsKey(field),
                $"Expected the problem to name '{field}' but it named: {errors?.ToJsonString() ?? "nothing"}");
        }

        return problem;
    }

    public static string Str(this JsonNode? node, string name) =>
        node?[name]?.GetValue<string>() ?? throw new InvalidOperationException($"'{name}' missing in {node?.ToJsonString()}");

    public static IEnumerable<JsonObject> Objects(this JsonNode? array) =>
        (array as JsonArray ?? []).Select(n => (JsonObject)n!);

    public static IReadOnlyList<string> Codes(this JsonNode? alerts) =>
        [.. alerts.Objects().Select(a => a.Str("code")).Order(StringComparer.Ordinal)];

    public static JsonElement Element(this JsonNode node) => JsonSerializer.SerializeToElement(node);
}
