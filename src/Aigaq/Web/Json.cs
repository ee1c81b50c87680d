using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Aigaq.Web;

/// <summary>The API's JSON conventions: camelCase, enums as camelCase strings, RFC 3339 instants.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>An enum value as the API writes it (camelCase), for JSON built by hand.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.Converters.Add(new InstantConverter());
        o.Converters.Add(new NullableInstantConverter());
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        o.NumberHandling = JsonNumberHandling.Strict;
        // Kazakh and Russian text stays readable in responses instead of \u escapes.
        o.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        return o;
    }

    /// <summary>
    /// Reads only RFC 3339 instants with an explicit offset ("Z" or ±hh:mm): an instant without
    /// one would silently take the server's zone. Writes with the offset it holds.
    /// </summary>
    private sealed class InstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(ref reader);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));
    }

    private sealed class NullableInstantConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : Parse(ref reader);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(Format(value.Value));
            }
        }
    }

    public static string Format(DateTimeOffset value) =>
        value.ToString(value.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("must be an RFC 3339 instant string");
        }

        var text = reader.GetString()!;
        if (!TryParseInstant(text, out var value))
        {
            throw new JsonException("must be an RFC 3339 instant with an offset, e.g. 2026-03-01T14:05:00+05:00");
        }

        return value;
    }

    public static bool TryParseInstant(string text, out DateTimeOffset value)
    {
        value = default;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') ||
            (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
        return hasOffset && text.Length <= 40 && text.Contains('T', StringComparison.OrdinalIgnoreCase) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }
}
