using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Aigaq.Web;

/// <summary>
/// What every endpoint of the API answers besides its own results, written into the OpenAPI document from the
/// endpoint's own metadata so that the document cannot drift from the code: the bearer scheme and 401/403 where
/// authorization is required, the <c>Idempotency-Key</c> header with 409/422 where a write goes through
/// <see cref="CommandRunner"/>, 404 where the path names a record, 429 where a rate limit applies, 503 where the log's
/// back-pressure may refuse a write, each in problem+json with its schema, and a summary from the operation's name where none is given. A schema's
/// <c>required</c> comes from its C# type (<see cref="IsRequired"/>), and instants are strings.
/// </summary>
internal static partial class OpenApiConventions
{
    public const string BearerScheme = "bearer";

    public static void Apply(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = BearerScheme,
                Description = "A token from `aigaq tokens issue`, as `Authorization: Bearer TOKEN`.",
            };
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo;
            if (type.Type == typeof(DateTimeOffset) || type.Type == typeof(DateTimeOffset?))
            {
                // The API's own converter writes instants (Json.cs), so the framework cannot tell their type.
                schema.Type = JsonSchemaType.String | (type.Type == typeof(DateTimeOffset?) ? JsonSchemaType.Null : 0);
                schema.Format = "date-time";
            }
            else if (type.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
            {
                schema.Required = new SortedSet<string>(type.Properties.Where(IsRequired).Select(p => p.Name), StringComparer.Ordinal);
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var problem = await ComponentAsync(context, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ct);
            var invalid = await ComponentAsync(context, typeof(HttpValidationProblemDetails), ct);
            var path = context.Description.RelativePath ?? "";
            var method = context.Description.HttpMethod ?? "";
            operation.Responses ??= new OpenApiResponses();

            if (RequiresAuthorization(metadata))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                Answer(operation, 401, "Not signed in, or the bearer token is unknown, expired or revoked.", problem);
                Answer(operation, 403, "The signed-in user lacks the permission.", problem);
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                Answer(operation, 404, "No such record, or none the user may see.", problem);
            }

            if (UsesCommandRunner(metadata))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = CommandRunner.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "A retry with the same key and body gets the first answer and creates nothing.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200 },
                });
                Answer(operation, 409, "The record's state does not allow this (decided already), or it changed while the request was handled.", problem);
                Answer(operation, 422, "Well formed but not possible: the Idempotency-Key was used with another request, or a rule forbids it; the problem says which.", invalid);
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                Answer(operation, 429, "Too many requests from this address; try again later.", problem);
            }

            if (HttpMethods.IsPost(method) && path.StartsWith("api/v1/", StringComparison.Ordinal))
            {
                Answer(operation, 503, "The transparency log is behind; try again after Retry-After seconds.", problem);
            }

            if (string.IsNullOrEmpty(operation.Summary) && operation.OperationId is { Length: > 0 } id)
            {
                operation.Summary = Sentence(id);
            }
        });
    }

    /// <summary>
    /// Whether a property is in its schema's <c>required</c>: a request must carry it and a response always holds it.
    /// That is a C# <c>required</c> member or one marked <see cref="JsonRequiredAttribute"/>, and a constructor
    /// parameter without a default whose type is not nullable; or a nullable one that is written even when null
    /// (<see cref="JsonIgnoreCondition.Never"/>, as <see cref="Page{T}.Next"/>). A <see cref="JsonElement"/> holds any
    /// JSON, absence included (as <see cref="Access.AccountChangeRequest"/>'s merge patch reads it), so it is never required.
    /// Request records whose every member is nullable, so that their handlers name a missing field, require nothing.
    /// </summary>
    internal static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired
        || property.AssociatedParameter is { HasDefaultValue: false } parameter
            && property.PropertyType != typeof(JsonElement)
            && (!parameter.IsNullable || property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Never) == true);

    private static bool RequiresAuthorization(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    /// <summary>Whether the endpoint's handler takes a <see cref="CommandRunner"/>: its writes are idempotent by key.</summary>
    private static bool UsesCommandRunner(IList<object> metadata) =>
        metadata.OfType<MethodInfo>().Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(CommandRunner)));

    /// <summary>A reference to the schema of <paramref name="type"/>, made a component of the document if it is none yet.</summary>
    private static async Task<IOpenApiSchema> ComponentAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, ct));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>Adds an answer in problem+json, so that a generated client reads it as an error of that shape.</summary>
    private static void Answer(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A typed result declared this answer with its schema; say what it means here rather than "Not Found".
        if (operation.Responses!.TryGetValue(code, out var declared) && declared is OpenApiResponse typed
            && typed.Description == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
        {
            typed.Description = description;
        }

        operation.Responses.TryAdd(code, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        });
    }

    /// <summary>"RegisterDetention" as "Register detention".</summary>
    private static string Sentence(string name)
    {
        var words = Words().Split(name).Where(w => w.Length > 0).ToList();
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant()));
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex Words();
}
