using System.Text.Json;
using Aigaq.Detentions;

namespace Aigaq.Tests.Detentions;

/// <summary>The OpenAPI document describes a custody event's body as its records do: one schema a type, told apart by <c>type</c>.</summary>
public sealed class CustodyEventOpenApiTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task The_event_body_is_described_as_one_schema_per_type_with_type_as_the_discriminator()
    {
        using var http = fixture.Host.Anonymous();
        using var json = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var doc = json.RootElement;
        var schemas = doc.GetProperty("components").GetProperty("schemas");

        var body = doc.GetProperty("paths").GetProperty("/api/v1/detentions/{id}/events").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var schema = schemas.GetProperty(Component(body.GetProperty("$ref").GetString()!));
        var discriminator = schema.GetProperty("discriminator");

        Assert.Equal("type", discriminator.GetProperty("propertyName").GetString());
        var mapping = discriminator.GetProperty("mapping").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!);
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), mapping.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(mapping.Values.Order(StringComparer.Ordinal), schema.GetProperty("anyOf").EnumerateArray().Select(s => s.GetProperty("$ref").GetString()!).Order(StringComparer.Ordinal));
        foreach (var (type, reference) in mapping)
        {
            var variant = schemas.GetProperty(Component(reference));
            Assert.Equal(type, variant.GetProperty("properties").GetProperty("type").GetProperty("enum")[0].GetString());
        }

        var video = schemas.GetProperty(Component(mapping[EventTypes.VideoRecorded]));
        Assert.Equal(["at", "deviceId", "endedAt", "sha256", "startedAt"], video.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
    }

    private static string Component(string reference) => reference["#/components/schemas/".Length..];
}
