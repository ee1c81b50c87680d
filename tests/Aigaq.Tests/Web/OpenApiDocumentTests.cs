using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Web;

/// <summary>
/// The served OpenAPI document against the endpoints the application maps: every API endpoint is in it, with the
/// bearer scheme and 401/403 where it requires authorization, the Idempotency-Key header where its writes are
/// idempotent, a schema for each problem it may answer (so that a generated client reads it), and a summary. A new
/// endpoint, or a changed one, that the document does not describe fails here.
/// </summary>
public sealed partial class OpenApiDocumentTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task The_document_describes_every_api_endpoint_and_what_it_may_answer()
    {
        using var http = fixture.Host.Anonymous();
        using var json = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var doc = json.RootElement;
        Assert.Equal("http", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty(OpenApiConventions.BearerScheme).GetProperty("type").GetString());
        var paths = doc.GetProperty("paths");

        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .ToList();
        Assert.NotEmpty(endpoints);

        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = Parameter().Replace(endpoint.RoutePattern.RawText!.TrimEnd('/'), "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var where = $"{method} {path}";
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    failures.Add($"{where}: not in the document");
                    continue;
                }

                if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    failures.Add($"{where}: no summary");
                }

                var responses = operation.GetProperty("responses");
                failures.AddRange(responses.EnumerateObject()
                    .Where(r => r.Name[0] is '4' or '5' && r.Value.TryGetProperty("content", out var content)
                        && content.TryGetProperty("application/problem+json", out var problem) && !problem.TryGetProperty("schema", out _))
                    .Select(r => $"{where}: its {r.Name} answer has no problem schema"));
                if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
                {
                    if (!operation.TryGetProperty("security", out var security)
                        || !security.EnumerateArray().Any(r => r.TryGetProperty(OpenApiConventions.BearerScheme, out _)))
                    {
                        failures.Add($"{where}: no bearer security requirement");
                    }

                    failures.AddRange(new[] { "401", "403" }.Where(code => !responses.TryGetProperty(code, out _)).Select(code => $"{where}: no {code} answer"));
                }

                var idempotent = endpoint.Metadata.OfType<MethodInfo>().Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(CommandRunner)));
                if (idempotent && !(operation.TryGetProperty("parameters", out var parameters)
                    && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == CommandRunner.Header && p.GetProperty("in").GetString() == "header")))
                {
                    failures.Add($"{where}: no {CommandRunner.Header} header");
                }

                if (idempotent && !responses.TryGetProperty("422", out _))
                {
                    failures.Add($"{where}: no 422 answer");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_registration_is_described_as_a_client_needs_it()
    {
        using var http = fixture.Host.Anonymous();
        using var json = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var post = json.RootElement.GetProperty("paths").GetProperty("/api/v1/detentions").GetProperty("post");

        Assert.Equal("Register detention", post.GetProperty("summary").GetString());
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == CommandRunner.Header);
        foreach (var code in new[] { "201", "401", "403", "409", "422", "503" })
        {
            Assert.True(post.GetProperty("responses").TryGetProperty(code, out _), code);
        }
    }

    /// <summary>A route parameter with its constraints, as the document writes it: <c>{id:guid}</c> is <c>{id}</c>.</summary>
    [GeneratedRegex(@"\{\*{0,2}([^}:?=]+)[^}]*\}")]
    private static partial Regex Parameter();
}
