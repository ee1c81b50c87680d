using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Aigaq.Ledger.Tests;

public class JsonCanonicalizerTests
{
    private static string Canonical(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(doc.RootElement));
    }

    // Source: RFC 8785 Appendix B (IEEE 754 binary64 bit patterns and their canonical text).
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Numbers_serialize_as_in_rfc8785_appendix_b(ulong bits, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
        Assert.Equal(expected, Canonical(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }

    // Source: RFC 8785 Appendix B (NaN and Infinity have no JSON form and must be rejected).
    [Theory]
    [InlineData(0x7fffffffffffffffUL)]
    [InlineData(0x7ff0000000000000UL)]
    public void NaN_and_infinity_are_rejected(ulong bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonCanonicalizer.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));

    [Fact]
    public void Numbers_beyond_the_double_range_are_rejected() => Assert.Throws<FormatException>(() => Canonical("1e400"));

    [Fact]
    public void Rfc8785_section_3_2_2_example_canonicalizes_exactly()
    {
        // Source: RFC 8785 section 3.2.2 (input) and 3.2.3 / 3.2.4 (expected output).
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Object_members_sort_by_utf16_code_units_as_in_rfc8785_section_3_2_3()
    {
        // Source: RFC 8785 section 3.2.3 sorting example.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        using var doc = JsonDocument.Parse(Canonical(input));
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            doc.RootElement.EnumerateObject().Select(p => p.Value.GetString()));
    }

    [Fact]
    public void Output_is_utf8_without_escaping_non_ascii()
    {
        var bytes = JsonCanonicalizer.Canonicalize(JsonNode.Parse("{\"a\":\"\\u00e9\\u2028\\u007f/\"}"));
        Assert.Equal(Encoding.UTF8.GetBytes("{\"a\":\"\u00e9\u2028\u007f/\"}"), bytes);
    }

    [Fact]
    public void Nested_values_are_canonicalized_recursively_and_whitespace_removed() =>
        Assert.Equal("[{\"a\":[1,{\"b\":2,\"c\":3}],\"d\":{}},[],\"x\"]", Canonical("[ { \"d\" : { } , \"a\" : [ 1.0 , { \"c\" : 3 , \"b\" : 2e0 } ] } , [ ] , \"x\" ]"));

    [Fact]
    public void Duplicate_member_names_are_rejected() => Assert.Throws<FormatException>(() => Canonical("{\"a\":1,\"a\":2}"));

    [Fact]
    public void Json_nodes_canonicalize_like_elements()
    {
        var node = new JsonObject { ["z"] = 1.5, ["a"] = new JsonArray(1, "two", null, true) };
        Assert.Equal("{\"a\":[1,\"two\",null,true],\"z\":1.5}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(node)));
        Assert.Equal("null", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize((JsonNode?)null)));
    }

    [Fact]
    public void A_node_canonicalized_into_a_buffer_follows_what_the_buffer_holds()
    {
        var node = new JsonObject { ["z"] = 1.5, ["a"] = new JsonArray(1, "two", null, true) };
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("salt"u8);
        JsonCanonicalizer.Canonicalize(node, buffer);
        Assert.Equal("salt{\"a\":[1,\"two\",null,true],\"z\":1.5}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Nodes_built_from_clr_values_canonicalize_as_their_json_text_does()
    {
        var node = new JsonObject
        {
            ["s"] = "é \u2028 \"q\" \\ \n \u0001",
            ["i"] = 7,
            ["l"] = long.MaxValue,
            ["m"] = 1.10m,
            ["f"] = 0.1f,
            ["d"] = 1e21,
            ["g"] = JsonValue.Create(Guid.Parse("0195ad0c-5c7e-7000-8000-000000000001")),
            ["t"] = JsonValue.Create(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(5))),
            ["n"] = null,
            ["b"] = false,
            ["parsed"] = JsonNode.Parse("{\"y\":[1.0,-0,1e-7,\"x\",null,true],\"x\":{}}"),
        };
        using var doc = JsonDocument.Parse(node.ToJsonString());
        Assert.Equal(
            Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(doc.RootElement)),
            Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(node)));
    }

    [Fact]
    public void Canonicalization_is_idempotent_for_random_documents() =>
        Gen.Select(Gen.Double.Where(d => double.IsFinite(d)).Array[0, 10], Gen.Char['\u0000', '\ud7ff'].Array[0, 20].Select(a => new string(a))).Sample((numbers, s) =>
        {
            var node = new JsonObject { ["s"] = s, ["n"] = new JsonArray([.. numbers.Select(d => (JsonNode)d)]) };
            var once = JsonCanonicalizer.Canonicalize(node);
            using var doc = JsonDocument.Parse(once);
            var values = doc.RootElement.GetProperty("n").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            return once.AsSpan().SequenceEqual(JsonCanonicalizer.Canonicalize(doc.RootElement)) && values.SequenceEqual(numbers.Select(d => d == 0 ? 0 : d));
        });
}

public class JsonCanonicalizerStringTests
{
    [Fact]
    public void Lone_surrogates_are_rejected()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("\"\\ud800\"");
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(doc.RootElement));
        using var named = System.Text.Json.JsonDocument.Parse("{\"\\udc00\":1}");
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(named.RootElement));
    }

    [Fact]
    public void Control_characters_use_lowercase_unicode_escapes_and_short_forms()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("\"\\u0001\\u001f\\b\\f\\n\\r\\t\"");
        Assert.Equal("\"\\u0001\\u001f\\b\\f\\n\\r\\t\"", System.Text.Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(doc.RootElement)));
    }
}
