using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aigaq.Ledger;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): object members sorted by the UTF-16 code units of their names,
/// no whitespace, ECMAScript number serialization, and ECMAScript string escaping, output as UTF-8.
/// </summary>
public static class JsonCanonicalizer
{
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>Canonicalizes a JSON element.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="FormatException">The value has duplicate member names, a number outside the IEEE 754 double range, or an invalid string.</exception>
    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Canonicalizes a JSON node (<see langword="null"/> is the JSON literal null).</summary>
    /// <param name="node">The value.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="FormatException">The value cannot be canonicalized.</exception>
    public static byte[] Canonicalize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Canonicalizes a JSON node (<see langword="null"/> is the JSON literal null) after what the buffer already holds.</summary>
    /// <param name="node">The value.</param>
    /// <param name="output">The buffer the canonical UTF-8 bytes are appended to.</param>
    /// <exception cref="FormatException">The value cannot be canonicalized.</exception>
    public static void Canonicalize(JsonNode? node, ArrayBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Write(node, output);
    }

    /// <summary>Canonicalizes a JSON element after what the buffer already holds.</summary>
    /// <param name="element">The value.</param>
    /// <param name="output">The buffer the canonical UTF-8 bytes are appended to.</param>
    /// <exception cref="FormatException">The value cannot be canonicalized.</exception>
    public static void Canonicalize(JsonElement element, ArrayBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Write(element, output);
    }

    /// <summary>
    /// Formats a finite double as ECMAScript <c>Number.prototype.toString</c> does (RFC 8785 section 3.2.2.3):
    /// the shortest round-trip digits, plain notation for exponents in [-6, 21), otherwise <c>d.ddde±x</c>.
    /// </summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN and infinities have no JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + FormatNumber(-value);
        }

        // "R" yields the shortest digits that round-trip, e.g. "1.2345E-07" or "123.45".
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= leading;
        var k = digits.Length;

        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var exp = n - 1;
        var expText = (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? digits + "e" + expText : digits[..1] + "." + digits[1..] + "e" + expText;
    }

    /// <summary>
    /// Walks the node itself: objects, arrays, strings, finite doubles and literals directly, anything else (other
    /// number types, values wrapping other CLR types) through its JSON text, exactly as a whole document would go.
    /// </summary>
    private static void Write(JsonNode? node, ArrayBufferWriter<byte> output)
    {
        switch (node)
        {
            case null:
                Append(output, "null"u8);
                break;
            case JsonObject o:
                var members = new List<(string Name, JsonNode? Value)>(o.Count);
                foreach (var (name, value) in o)
                {
                    members.Add((name, value));
                }

                WriteObject(members, output, Write);
                break;
            case JsonArray a:
                Append(output, "["u8);
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        Append(output, ","u8);
                    }

                    Write(a[i], output);
                }

                Append(output, "]"u8);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.TryGetValue<string>(out var text):
                WriteString(text, output);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var number) && double.IsFinite(number):
                Append(output, FormatNumber(number));
                break;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                Append(output, v.GetValueKind() switch { JsonValueKind.True => "true"u8, JsonValueKind.False => "false"u8, _ => "null"u8 });
                break;
            default:
                var raw = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(raw))
                {
                    node.WriteTo(writer);
                }

                using (var document = JsonDocument.Parse(raw.WrittenMemory))
                {
                    Write(document.RootElement, output);
                }

                break;
        }
    }

    private static void Write(JsonElement element, ArrayBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var p in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = p.Name;
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new FormatException("Member names must be valid Unicode (no lone surrogates).", e);
                    }

                    members.Add((name, p.Value));
                }

                WriteObject(members, output, Write);
                break;
            case JsonValueKind.Array:
                Append(output, "["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        Append(output, ","u8);
                    }

                    first = false;
                    Write(item, output);
                }

                Append(output, "]"u8);
                break;
            case JsonValueKind.String:
                string text;
                try
                {
                    text = element.GetString()!;
                }
                catch (InvalidOperationException e)
                {
                    throw new FormatException("Strings must be valid Unicode (no lone surrogates).", e);
                }

                WriteString(text, output);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    throw new FormatException($"The number {raw} is outside the IEEE 754 double range.");
                }

                Append(output, FormatNumber(number));
                break;
            case JsonValueKind.True:
                Append(output, "true"u8);
                break;
            case JsonValueKind.False:
                Append(output, "false"u8);
                break;
            case JsonValueKind.Null:
                Append(output, "null"u8);
                break;
            default:
                throw new FormatException("Undefined JSON value.");
        }
    }

    /// <summary>An object's members sorted by name, refusing a name given twice.</summary>
    private static void WriteObject<T>(List<(string Name, T Value)> members, ArrayBufferWriter<byte> output, Action<T, ArrayBufferWriter<byte>> write)
    {
        // Ordinal comparison of .NET strings is by UTF-16 code units, as RFC 8785 section 3.2.3 requires.
        // Once sorted, a duplicate name sits next to its twin.
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < members.Count; i++)
        {
            if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
            {
                throw new FormatException($"Duplicate member name \"{members[i].Name}\".");
            }
        }

        Append(output, "{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                Append(output, ","u8);
            }

            WriteString(members[i].Name, output);
            Append(output, ":"u8);
            write(members[i].Value, output);
        }

        Append(output, "}"u8);
    }

    internal static void WriteString(string value, ArrayBufferWriter<byte> output)
    {
        if (value.AsSpan().IndexOfAny(MustEscape) < 0)
        {
            // Nothing to escape: the string's own UTF-8 between quotes (lone surrogates still throw).
            Append(output, "\""u8);
            try
            {
                Append(output, value);
            }
            catch (EncoderFallbackException e)
            {
                throw new FormatException("Strings must be valid Unicode (no lone surrogates).", e);
            }

            Append(output, "\""u8);
            return;
        }

        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        try
        {
            Append(output, sb.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new FormatException("Strings must be valid Unicode (no lone surrogates).", e);
        }
    }

    private static void Append(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    internal static void Append(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Strict.Utf8.GetMaxByteCount(text.Length));
        var written = Strict.Utf8.GetBytes(text, span);
        output.Advance(written);
    }
}
