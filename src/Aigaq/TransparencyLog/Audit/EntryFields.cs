using System.Text.Json;

namespace Aigaq.TransparencyLog.Audit;

/// <summary>An entry's own fields against its columns: the kind, record id and commitment it states must be theirs.</summary>
internal static class EntryFields
{
    /// <summary>The entry's kind, recordId and commitment must be its columns'; null when they are.</summary>
    public static string? Check(in LedgerAudit.EntryRow e)
    {
        // The usual case, without parsing: the entry is exactly what the writer makes of its columns.
        if (IsWrittenFrom(e))
        {
            return null;
        }

        // Else parsed: an entry with other members or another order still holds if the three are its columns'.
        try
        {
            using var json = JsonDocument.Parse(e.Entry);
            var root = json.RootElement;
            Span<char> id = stackalloc char[36];
            if (root.ValueKind == JsonValueKind.Object && e.RecordId.TryFormat(id, out var written)
                && Is(root, "kind", e.Kind) && Is(root, "recordId", id[..written]) && Is(root, "commitment", e.Commitment))
            {
                return null;
            }
        }
        catch (JsonException)
        {
            // Named below.
        }

        return EntryFieldsProblem(e);
    }

    /// <summary>
    /// Whether the entry is the canonical JSON the writer makes from these columns and an instant:
    /// <c>{"commitment":C,"kind":K,"recordId":R,"recordedAt":T}</c>, with nothing in C, K or T that JSON would escape.
    /// </summary>
    private static bool IsWrittenFrom(in LedgerAudit.EntryRow e)
    {
        ReadOnlySpan<char> text = e.Entry;
        Span<char> id = stackalloc char[36];
        if (!e.RecordId.TryFormat(id, out var written) || written != id.Length || !Plain(e.Commitment) || !Plain(e.Kind))
        {
            return false;
        }

        return Take(ref text, "{\"commitment\":\"") && Take(ref text, e.Commitment)
            && Take(ref text, "\",\"kind\":\"") && Take(ref text, e.Kind)
            && Take(ref text, "\",\"recordId\":\"") && Take(ref text, id)
            && Take(ref text, "\",\"recordedAt\":\"") && text.EndsWith("\"}")
            && text[..^2].IndexOfAnyExcept("0123456789-:.TZ") < 0;

        static bool Take(ref ReadOnlySpan<char> text, scoped ReadOnlySpan<char> part)
        {
            if (!text.StartsWith(part, StringComparison.Ordinal))
            {
                return false;
            }

            text = text[part.Length..];
            return true;
        }

        static bool Plain(string value) => value.AsSpan().IndexOfAny("\"\\") < 0 && !value.AsSpan().ContainsAnyInRange('\0', '\u001f');
    }

    private static bool Is(JsonElement o, string name, ReadOnlySpan<char> expected) =>
        o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);

    private static string? EntryFieldsProblem(in LedgerAudit.EntryRow e)
    {
        try
        {
            using var json = JsonDocument.Parse(e.Entry);
            var root = json.RootElement;
            if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return $"log index {e.Index}: the entry is not valid JSON";
            }

            // A JSON null has no members, so it differs from its columns (as it did read as a JsonNode).
            return root.ValueKind == JsonValueKind.Null
                || Member(root, "kind") != e.Kind
                || Member(root, "recordId") != e.RecordId.ToString()
                || Member(root, "commitment") != e.Commitment
                ? $"log index {e.Index}: the entry's kind, recordId or commitment differs from its columns ({e.Kind} {e.RecordId})"
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return $"log index {e.Index}: the entry is not valid JSON";
        }
    }

    /// <summary>A string member, null when absent or null; any other value is not an entry (InvalidOperationException).</summary>
    private static string? Member(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new InvalidOperationException($"{name} is not a string");
}
