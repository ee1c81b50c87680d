using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aigaq.Tests.Web;

/// <summary>
/// Each object schema of the served document against the C# type it is made from, read here by reflection: its
/// <c>required</c> names every C# <c>required</c> or <see cref="JsonRequiredAttribute"/> member and every constructor
/// parameter that is neither nullable nor defaulted, and nothing else. A record that gains a nullable or defaulted
/// member that the document still requires, or a required one that it does not, fails here.
/// </summary>
public sealed class OpenApiRequiredTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private static readonly NullabilityInfoContext Nullability = new();

    [Fact]
    public async Task Every_schema_requires_exactly_what_its_type_requires()
    {
        using var http = fixture.Host.Anonymous();
        using var json = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var options = fixture.Host.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var types = SchemaTypes(options);

        var failures = new List<string>();
        var checkedSchemas = 0;
        foreach (var schema in json.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("properties", out var properties) || !types.TryGetValue(schema.Name, out var type))
            {
                continue;
            }

            checkedSchemas++;
            var required = schema.Value.TryGetProperty("required", out var list)
                ? list.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var property in options.GetTypeInfo(type).Properties.Where(p => properties.TryGetProperty(p.Name, out _)))
            {
                var expected = MustBePresent(type, (MemberInfo)property.AttributeProvider!);
                if (expected != required.Contains(property.Name))
                {
                    failures.Add(expected
                        ? $"{schema.Name}.{property.Name}: required in C#, missing from the schema's required"
                        : $"{schema.Name}.{property.Name}: nullable or defaulted in C#, yet in the schema's required");
                }
            }
        }

        Assert.True(checkedSchemas > 20, $"only {checkedSchemas} schemas were matched to a C# type");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_registration_requires_nothing_its_handler_reports_by_name_and_its_answer_what_it_always_holds()
    {
        using var http = fixture.Host.Anonymous();
        using var json = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");

        Assert.False(schemas.GetProperty("RegisterDetentionRequest").TryGetProperty("required", out _));
        var view = schemas.GetProperty("DetentionView").GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("recordedAt", view);
        Assert.DoesNotContain("rightsExplainedAt", view);
        Assert.Contains("next", schemas.GetProperty("PageOfDetentionSummary").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    /// <summary>
    /// Whether a request must carry the member and a response always holds it: a <c>required</c> member, one marked
    /// <see cref="JsonRequiredAttribute"/>, or a constructor parameter without a default that is not nullable (or is
    /// written even when null). A <see cref="JsonElement"/> holds any JSON, absence included.
    /// </summary>
    private static bool MustBePresent(Type type, MemberInfo member)
    {
        if (member.IsDefined(typeof(RequiredMemberAttribute)) || member.IsDefined(typeof(JsonRequiredAttribute)))
        {
            return true;
        }

        // The constructor the serializer uses: the one marked [JsonConstructor], else none where a parameterless one
        // exists, else the only public one (a record's).
        var constructors = type.GetConstructors();
        var constructor = constructors.SingleOrDefault(c => c.IsDefined(typeof(JsonConstructorAttribute)))
            ?? (constructors.Any(c => c.GetParameters().Length == 0) ? null : constructors.SingleOrDefault());
        var parameter = constructor?.GetParameters()
            .FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.OrdinalIgnoreCase));
        if (parameter is null || parameter.HasDefaultValue || parameter.ParameterType == typeof(JsonElement))
        {
            return false;
        }

        var writtenWhenNull = member.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.Never;
        return Nullability.Create(parameter).ReadState != NullabilityState.Nullable || writtenWhenNull;
    }

    /// <summary>
    /// The C# type of each component schema, by the framework's own naming: the bodies and answers of the mapped
    /// endpoints and every type their members reach.
    /// </summary>
    private Dictionary<string, Type> SchemaTypes(JsonSerializerOptions options)
    {
        var roots = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Select(m => m.Type)
                .Concat(e.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Select(m => m.RequestType)))
            .OfType<Type>();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(roots);
        while (pending.TryDequeue(out var next))
        {
            var type = Nullable.GetUnderlyingType(next) ?? next;
            if (type == typeof(void) || type.ContainsGenericParameters || !seen.Add(type))
            {
                continue;
            }

            var info = options.GetTypeInfo(type);
            foreach (var reached in info.Properties.Select(p => p.PropertyType).Append(info.ElementType).OfType<Type>())
            {
                pending.Enqueue(reached);
            }
        }

        return seen.Where(t => options.GetTypeInfo(t).Kind == JsonTypeInfoKind.Object)
            .ToDictionary(t => OpenApiOptions.CreateDefaultSchemaReferenceId(options.GetTypeInfo(t))!, t => t, StringComparer.Ordinal);
    }
}
