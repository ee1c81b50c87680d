using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Aigaq.Ledger.Tests;

/// <summary>The direct writer gives the canonicalizer's bytes for the same value, and refuses members out of canonical order.</summary>
public class CanonicalJsonWriterTests
{
    private static string Written(Action<CanonicalJsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CanonicalJsonWriter(buffer);
        write(writer);
        writer.Complete();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Canonical(JsonNode? node) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(node));

    [Fact]
    public void A_nested_value_is_written_as_the_canonicalizer_writes_it()
    {
        var text = Written(w => w.StartObject()
            .Member("a", "x\"\\\n\u0001é😀")
            .Name("b").StartArray().Number(1.5).Number(null).Boolean(false).String(null).StartObject().EndObject().EndArray()
            .Member("c", 1e21)
            .Name("d").Json("""{"z": 1, "y": [true, null, "\u00e9"], "x": -0.0}""")
            .Member("e", value: true)
            .Name("f").Value(new JsonObject { ["q"] = 2, ["p"] = "v" })
            .EndObject());

        var node = new JsonObject
        {
            ["f"] = new JsonObject { ["q"] = 2, ["p"] = "v" },
            ["e"] = true,
            ["d"] = JsonNode.Parse("""{"z": 1, "y": [true, null, "\u00e9"], "x": -0.0}"""),
            ["c"] = 1e21,
            ["b"] = new JsonArray(1.5, null, false, null, new JsonObject()),
            ["a"] = "x\"\\\n\u0001é😀",
        };
        Assert.Equal(Canonical(node), text);
        Assert.Equal("""{"a":"x\"\\\n\u0001é😀","b":[1.5,null,false,null,{}],"c":1e+21,"d":{"x":0,"y":[true,null,"é"],"z":1},"e":true,"f":{"p":"v","q":2}}""", text);
    }

    [Fact]
    public void Names_sorted_by_utf16_code_units_are_accepted_in_that_order_only()
    {
        // RFC 8785 3.2.3: "\r" < "1" < "\u0080" < "\u00f6" < "\u20ac" < "😀" (a surrogate pair, D83D...) < "\ufb33".
        string[] names = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "😀", "\ufb33"];
        var text = Written(w =>
        {
            w.StartObject();
            foreach (var name in names)
            {
                w.Member(name, name.Length);
            }

            w.EndObject();
        });
        var node = new JsonObject();
        foreach (var name in names.Reverse())
        {
            node[name] = name.Length;
        }

        Assert.Equal(Canonical(node), text);
        Assert.Throws<InvalidOperationException>(() => Written(w => w.StartObject().Member("\ufb33", 1).Member("😀", 2)));
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a", "a")]
    [InlineData("aa", "a")]
    [InlineData("a", "A")]
    public void A_member_out_of_order_or_repeated_is_refused(string first, string second)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Written(w => w.StartObject().Member(first, 1).Member(second, 2).EndObject()));
        Assert.Contains($"\"{second}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misplaced_names_values_and_unclosed_containers_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Written(w => w.StartObject().String("no name").EndObject()));
        Assert.Throws<InvalidOperationException>(() => Written(w => w.StartArray().Name("a").Number(1).EndArray()));
        Assert.Throws<InvalidOperationException>(() => Written(w => w.StartObject().Name("a").EndObject()));
        Assert.Throws<InvalidOperationException>(() => Written(w => w.StartObject().EndArray()));
        Assert.Throws<InvalidOperationException>(() => Written(w => w.StartObject().Member("a", 1)));
        Assert.Throws<FormatException>(() => Written(w => w.String("\ud800")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Written(w => w.Number(double.NaN)));
    }

    [Fact]
    public void Any_flat_object_of_strings_numbers_and_nulls_gives_the_canonicalizers_bytes()
    {
        // Text below the surrogates: control characters, escapes, ASCII and the rest of the BMP, always valid.
        var text = Gen.Char['\u0000', '\ud7ff'].Array[0, 12].Select(a => new string(a));
        var member = Gen.Select(text, Gen.OneOf(
            text.Select(s => (JsonNode?)s),
            Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)d),
            Gen.Bool.Select(b => (JsonNode?)b),
            Gen.Const((JsonNode?)null)));
        member.Array[0, 12].Sample(members =>
        {
            var distinct = members.DistinctBy(m => m.Item1, StringComparer.Ordinal).ToArray();

            var node = new JsonObject();
            foreach (var (name, value) in distinct)
            {
                node[name] = value?.DeepClone();
            }

            var text = Written(w =>
            {
                w.StartObject();
                foreach (var (name, value) in distinct.OrderBy(m => m.Item1, StringComparer.Ordinal))
                {
                    w.Name(name);
                    _ = value switch
                    {
                        null => w.String(null),
                        JsonValue v when v.TryGetValue<string>(out var s) => w.String(s),
                        JsonValue v when v.TryGetValue<bool>(out var b) => w.Boolean(b),
                        JsonValue v => w.Number(v.GetValue<double>()),
                        _ => throw new InvalidOperationException("Not generated."),
                    };
                }

                w.EndObject();
            });
            Assert.Equal(Canonical(node), text);
        });
    }
}
