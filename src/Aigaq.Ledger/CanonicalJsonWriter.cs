using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aigaq.Ledger;

/// <summary>
/// Writes RFC 8785 canonical JSON directly into a buffer, for content whose shape is known: the caller writes each
/// object's members already in canonical order (by the UTF-16 code units of their names), and the writer refuses a
/// name that does not come after the one before it, so what it writes is exactly what
/// <see cref="JsonCanonicalizer"/> would make of the same value built as a <see cref="JsonNode"/>, without building it.
/// </summary>
public sealed class CanonicalJsonWriter
{
    private readonly ArrayBufferWriter<byte> _output;
    private readonly List<Frame> _frames = [];

    private struct Frame
    {
        public bool IsObject;
        public int Count;
        public string? LastName;
        public bool AwaitingValue;
    }

    /// <summary>A writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">The buffer the canonical UTF-8 bytes are appended to.</param>
    public CanonicalJsonWriter(ArrayBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>The buffer written to.</summary>
    public ArrayBufferWriter<byte> Output => _output;

    /// <summary>Starts an object, as a value.</summary>
    /// <returns>This writer.</returns>
    public CanonicalJsonWriter StartObject() => Start(isObject: true, "{"u8);

    /// <summary>Ends the object started last.</summary>
    /// <returns>This writer.</returns>
    /// <exception cref="InvalidOperationException">No object is open, or a name waits for its value.</exception>
    public CanonicalJsonWriter EndObject() => End(isObject: true, "}"u8);

    /// <summary>Starts an array, as a value.</summary>
    /// <returns>This writer.</returns>
    public CanonicalJsonWriter StartArray() => Start(isObject: false, "["u8);

    /// <summary>Ends the array started last.</summary>
    /// <returns>This writer.</returns>
    /// <exception cref="InvalidOperationException">No array is open.</exception>
    public CanonicalJsonWriter EndArray() => End(isObject: false, "]"u8);

    /// <summary>Writes a member's name; its value comes next.</summary>
    /// <param name="name">The name: after the previous member's in UTF-16 code unit order.</param>
    /// <returns>This writer.</returns>
    /// <exception cref="InvalidOperationException">No object is open, a name waits for its value, or the name is not after the previous one (out of canonical order, or a duplicate).</exception>
    public CanonicalJsonWriter Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_frames.Count == 0 || !_frames[^1].IsObject || _frames[^1].AwaitingValue)
        {
            throw new InvalidOperationException($"The member name \"{name}\" is not inside an object, or the previous name has no value.");
        }

        var frame = _frames[^1];
        if (frame.LastName is not null && string.CompareOrdinal(frame.LastName, name) >= 0)
        {
            throw new InvalidOperationException($"The member \"{name}\" is written after \"{frame.LastName}\": members must come in canonical order, each once.");
        }

        if (frame.Count > 0)
        {
            _output.Write(","u8);
        }

        JsonCanonicalizer.WriteString(name, _output);
        _output.Write(":"u8);
        frame.LastName = name;
        frame.Count++;
        frame.AwaitingValue = true;
        _frames[^1] = frame;
        return this;
    }

    /// <summary>Writes a string, or null.</summary>
    /// <param name="value">The string (valid Unicode), or <see langword="null"/> for the JSON literal null.</param>
    /// <returns>This writer.</returns>
    /// <exception cref="FormatException">The string holds a lone surrogate.</exception>
    public CanonicalJsonWriter String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            _output.Write("null"u8);
        }
        else
        {
            JsonCanonicalizer.WriteString(value, _output);
        }

        return this;
    }

    /// <summary>Writes a finite number as ECMAScript does, or null.</summary>
    /// <param name="value">The number, or <see langword="null"/> for the JSON literal null.</param>
    /// <returns>This writer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The number is NaN or infinite.</exception>
    public CanonicalJsonWriter Number(double? value)
    {
        BeforeValue();
        if (value is { } number)
        {
            JsonCanonicalizer.Append(_output, JsonCanonicalizer.FormatNumber(number));
        }
        else
        {
            _output.Write("null"u8);
        }

        return this;
    }

    /// <summary>Writes true or false.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public CanonicalJsonWriter Boolean(bool value)
    {
        BeforeValue();
        _output.Write(value ? "true"u8 : "false"u8);
        return this;
    }

    /// <summary>Writes any JSON value, canonicalized as <see cref="JsonCanonicalizer"/> does.</summary>
    /// <param name="node">The value (<see langword="null"/> is the JSON literal null).</param>
    /// <returns>This writer.</returns>
    /// <exception cref="FormatException">The value cannot be canonicalized.</exception>
    public CanonicalJsonWriter Value(JsonNode? node)
    {
        BeforeValue();
        JsonCanonicalizer.Canonicalize(node, _output);
        return this;
    }

    /// <summary>Writes JSON text, canonicalized as <see cref="JsonCanonicalizer"/> does.</summary>
    /// <param name="json">A JSON document's text.</param>
    /// <returns>This writer.</returns>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="FormatException">The value cannot be canonicalized.</exception>
    public CanonicalJsonWriter Json(string json)
    {
        BeforeValue();
        using var document = JsonDocument.Parse(json);
        JsonCanonicalizer.Canonicalize(document.RootElement, _output);
        return this;
    }

    /// <summary>A member whose value is a string or null.</summary>
    /// <param name="name">The name, in canonical order.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public CanonicalJsonWriter Member(string name, string? value) => Name(name).String(value);

    /// <summary>A member whose value is a number or null.</summary>
    /// <param name="name">The name, in canonical order.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public CanonicalJsonWriter Member(string name, double? value) => Name(name).Number(value);

    /// <summary>A member whose value is true or false.</summary>
    /// <param name="name">The name, in canonical order.</param>
    /// <param name="value">The value.</param>
    /// <returns>This writer.</returns>
    public CanonicalJsonWriter Member(string name, bool value) => Name(name).Boolean(value);

    /// <summary>Forgets any open object or array, to write a new value (the buffer is the caller's to reset).</summary>
    public void Reset() => _frames.Clear();

    /// <summary>Checks that every object and array written has been closed.</summary>
    /// <exception cref="InvalidOperationException">One is still open.</exception>
    public void Complete()
    {
        if (_frames.Count > 0)
        {
            throw new InvalidOperationException("An object or array is still open.");
        }
    }

    private CanonicalJsonWriter Start(bool isObject, ReadOnlySpan<byte> token)
    {
        BeforeValue();
        _output.Write(token);
        _frames.Add(new Frame { IsObject = isObject });
        return this;
    }

    private CanonicalJsonWriter End(bool isObject, ReadOnlySpan<byte> token)
    {
        if (_frames.Count == 0 || _frames[^1].IsObject != isObject || _frames[^1].AwaitingValue)
        {
            throw new InvalidOperationException(isObject ? "No object to end, or a member has no value." : "No array to end.");
        }

        _frames.RemoveAt(_frames.Count - 1);
        _output.Write(token);
        return this;
    }

    /// <summary>A value goes after a member's name, in an array (after a comma unless first), or alone at the top.</summary>
    private void BeforeValue()
    {
        if (_frames.Count == 0)
        {
            return;
        }

        var frame = _frames[^1];
        if (frame.IsObject)
        {
            if (!frame.AwaitingValue)
            {
                throw new InvalidOperationException("A value inside an object needs a member name first.");
            }

            frame.AwaitingValue = false;
        }
        else
        {
            if (frame.Count > 0)
            {
                _output.Write(","u8);
            }

            frame.Count++;
        }

        _frames[^1] = frame;
    }
}
