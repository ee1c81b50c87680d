using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Aigaq.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aigaq.Detentions;

/// <summary>
/// The custody events' JSON: a request body read into its typed record, and the fields an event stores.
/// <para>
/// Reading asks the records' own contract (System.Text.Json's, from their attributes) which members a type takes and of
/// what kind, before the body is deserialized. What does not fit is a field error named as the client sent it, every
/// fault at once, and no exception or serializer text reaches the client.
/// </para>
/// <para>
/// The stored fields are the event without <c>type</c>, <c>at</c>, <c>corrects</c> and <c>reason</c> (columns of their
/// own), written as the hand-built JSON object before them was: absent fields left out, the default encoder's escapes.
/// The log commits to their canonical form (<see cref="DetentionLedger"/>), which the audit recomputes from the row.
/// </para>
/// </summary>
public static class CustodyEventJson
{
    private static readonly string[] Columns = ["at", "corrects", "reason"];

    private static readonly Dictionary<Type, string> Names = typeof(CustodyEvent).GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    private static readonly Dictionary<string, Type> Types = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    /// <summary>The API's conventions; the discriminator may come anywhere in the object, as <c>type</c> always could.</summary>
    private static readonly JsonSerializerOptions Wire = new(Json.Options)
    {
        AllowOutOfOrderMetadataProperties = true,
        // Named, so that the contract can be asked for before anything is deserialized with these options.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions Stored = StoredOptions();

    /// <summary>The name a record type goes by (one of <see cref="EventTypes"/>).</summary>
    public static string NameOf(Type type) => Names[type];

    /// <summary>The body read into its record, or null with the faults in <paramref name="v"/>.</summary>
    public static CustodyEvent? Read(JsonObject body, Validation v)
    {
        var type = Discriminator(body, v);
        // A body of no known type is checked for the members every event has; its other members cannot be judged.
        var contract = Wire.GetTypeInfo(type is null ? typeof(CustodyEvent) : Types[type]);
        foreach (var (name, node) in body)
        {
            if (name == "type")
            {
                continue;
            }

            var property = contract.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                if (type is not null)
                {
                    v.Add(name, $"is not a field of {type}");
                }
            }
            else if (!Fits(property, node))
            {
                v.Add(name, MustBe(property.PropertyType));
            }
        }

        foreach (var property in contract.Properties.Where(p => p.IsRequired && !body.ContainsKey(p.Name) && !v.Has(p.Name)))
        {
            v.Add(property.Name, "is required");
        }

        return v.IsValid ? Deserialize(body, v) : null;
    }

    /// <summary>The event's own fields, as the row stores them.</summary>
    public static string Fields(CustodyEvent e) => JsonSerializer.Serialize(e, e.GetType(), Stored);

    /// <summary>A stored event as its record, as it was written: no field is asked for that an old row may lack.</summary>
    public static CustodyEvent FromStored(string type, DateTimeOffset at, JsonObject fields, Guid? corrects = null, string? reason = null) =>
        ((CustodyEvent)fields.Deserialize(Types[type], Stored)!) with { At = at, Corrects = corrects, Reason = reason };

    public static CustodyEvent FromStored(DetentionEvent row) =>
        FromStored(row.Type, row.At, (JsonObject)JsonNode.Parse(row.Data)!, row.Corrects, row.Reason);

    /// <summary>
    /// Describes the body in the OpenAPI document as the records' polymorphic schema (one schema a type, told apart by
    /// <c>type</c>): the endpoint binds the body as a JSON object, so that <see cref="Read"/> can name each faulty field,
    /// and the generator would see no more than that. A schema made here comes inline, while its discriminator maps each
    /// type to a component; the types are made those components, and the body refers to the whole as one.
    /// </summary>
    public static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Document is not { } document || operation.RequestBody?.Content?.TryGetValue("application/json", out var body) != true)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(typeof(CustodyEvent), null, ct);
        var variants = schema.AnyOf ?? [];
        foreach (var (name, reference) in schema.Discriminator?.Mapping ?? new Dictionary<string, OpenApiSchemaReference>())
        {
            var i = variants.ToList().FindIndex(x => x.Properties?.TryGetValue("type", out var t) == true && t.Enum?.FirstOrDefault()?.ToString() == name);
            if (i >= 0 && reference.Reference.Id is { } id)
            {
                document.AddComponent(id, variants[i]);
                variants[i] = new OpenApiSchemaReference(id, document);
            }
        }

        document.AddComponent(nameof(CustodyEvent), schema);
        body!.Schema = new OpenApiSchemaReference(nameof(CustodyEvent), document);
    }

    private static string? Discriminator(JsonObject body, Validation v)
    {
        if (!body.TryGetPropertyValue("type", out var node) || node is null)
        {
            v.Add("type", "is required");
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var type))
        {
            v.Add("type", "must be a string");
            return null;
        }

        if (!Types.ContainsKey(type))
        {
            v.Add("type", "must be one of " + string.Join(", ", EventTypes.All));
            return null;
        }

        return type;
    }

    /// <summary>Whether a member's value reads as its property: null only where the property may be absent.</summary>
    private static bool Fits(JsonPropertyInfo property, JsonNode? node)
    {
        if (node is null)
        {
            return !property.IsRequired && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null);
        }

        try
        {
            node.Deserialize(property.PropertyType, Wire);
            return true;
        }
        catch (JsonException)
        {
            // The serializer's own message names .NET types; the field's error says what the API expects instead.
            return false;
        }
    }

    private static string MustBe(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(bool) => "must be true or false",
        var t when t == typeof(DateTimeOffset) => "must be an RFC 3339 instant with an offset",
        var t when t == typeof(Guid) => "must be an id",
        var t when t == typeof(string) => "must be a string",
        _ => "has a value of the wrong type or form",
    };

    private static CustodyEvent? Deserialize(JsonObject body, Validation v)
    {
        try
        {
            return body.Deserialize<CustodyEvent>(Wire);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // Each member was read above; this is a last guard, so that the client still gets a 400 naming the body.
            v.Add("body", "has a value of the wrong type or form");
            return null;
        }
    }

    private static JsonSerializerOptions StoredOptions()
    {
        var options = Json.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.Encoder = null;
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OwnFieldsOnly } };
        return options;
    }

    private static void OwnFieldsOnly(JsonTypeInfo contract)
    {
        if (!contract.Type.IsAssignableTo(typeof(CustodyEvent)))
        {
            return;
        }

        foreach (var column in contract.Properties.Where(p => Columns.Contains(p.Name)).ToList())
        {
            contract.Properties.Remove(column);
        }

        foreach (var property in contract.Properties)
        {
            property.IsRequired = false;
        }
    }
}
