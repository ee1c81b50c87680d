using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.Ledger;

namespace Aigaq.TransparencyLog;

/// <summary>A log entry as a response shows it: where it sits and what its leaf hash is.</summary>
public sealed record LogPosition(long Index, string LeafHash, WitnessedView? WitnessedBy = null);

/// <summary>The earliest cosigned checkpoint holding an entry: its size, the witnesses' earliest signing time, and who cosigned.</summary>
public sealed record WitnessedView(long Size, DateTimeOffset At, IReadOnlyList<string> Witnesses);

/// <summary>
/// Adds log entries for registered facts. The commitment is SHA-256 over the salt followed by
/// the RFC 8785 canonical JSON of the record's content; <see cref="Commit(ReadOnlySpan{byte}, Action{CanonicalJsonWriter})"/> is the one function
/// that both writing and auditing use.
/// </summary>
public static class LedgerWriter
{
    public const int SaltBytes = 32;

    public static LedgerEntry Append(AigaqDb db, string kind, Guid recordId, DateTimeOffset recordedAt, JsonObject content) =>
        Append(db, kind, recordId, recordedAt, w => w.Value(content));

    /// <summary>An entry for a record whose content is written as canonical JSON by <paramref name="content"/>.</summary>
    public static LedgerEntry Append(AigaqDb db, string kind, Guid recordId, DateTimeOffset recordedAt, Action<CanonicalJsonWriter> content)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var commitment = Commit(salt, content);
        var entry = new JsonObject
        {
            ["kind"] = kind,
            ["recordId"] = recordId.ToString(),
            ["recordedAt"] = Instant(recordedAt),
            ["commitment"] = commitment,
        };
        var bytes = JsonCanonicalizer.Canonicalize(entry);
        var ledgerEntry = new LedgerEntry
        {
            Id = Guid.CreateVersion7(recordedAt),
            Kind = kind,
            RecordId = recordId,
            RecordedAt = recordedAt,
            Commitment = commitment,
            Salt = Convert.ToBase64String(salt),
            Entry = Encoding.UTF8.GetString(bytes),
            LeafHash = Convert.ToBase64String(MerkleHash.Leaf(bytes)),
        };
        db.Add(ledgerEntry);
        return ledgerEntry;
    }

    /// <summary>base64(SHA-256(salt || JCS(content))).</summary>
    public static string Commit(ReadOnlySpan<byte> salt, JsonObject content) => Commit(salt, w => w.Value(content));

    /// <summary>base64(SHA-256(salt || the canonical JSON that <paramref name="content"/> writes)).</summary>
    public static string Commit(ReadOnlySpan<byte> salt, Action<CanonicalJsonWriter> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Commit(salt, content, hash, new CanonicalJsonWriter(new ArrayBufferWriter<byte>(1024)));
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// SHA-256(salt || the canonical JSON that <paramref name="content"/> writes) into <paramref name="hash"/>, with a
    /// writer the caller may reuse (its buffer is cleared first).
    /// </summary>
    public static void Commit(ReadOnlySpan<byte> salt, Action<CanonicalJsonWriter> content, Span<byte> hash, CanonicalJsonWriter writer)
    {
        // The salt, then the canonical JSON written after it in the same buffer: hashed without copies.
        writer.Reset();
        writer.Output.ResetWrittenCount();
        writer.Output.Write(salt);
        content(writer);
        writer.Complete();
        SHA256.HashData(writer.Output.WrittenSpan, hash);
    }

    /// <summary>
    /// An instant as committed: UTC, to the microsecond (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), since PostgreSQL keeps
    /// no finer time and an audit must recompute the same bytes from what the database returns.
    /// </summary>
    public static string Instant(DateTimeOffset value)
    {
        // The round-trip format of a UTC DateTime is "yyyy-MM-ddTHH:mm:ss.fffffffZ" and has a fast path; the ticks
        // are cut to whole microseconds, so its seventh fraction digit is 0 and is dropped.
        var utc = value.UtcDateTime;
        var micro = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        Span<char> text = stackalloc char[28];
        if (!micro.TryFormat(text, out var written, "O", System.Globalization.CultureInfo.InvariantCulture) || written != 28)
        {
            throw new InvalidOperationException("The round-trip format of a UTC instant is 28 characters.");
        }

        text[26] = 'Z';
        return new string(text[..27]);
    }

    /// <summary>Serializes a value the way the API does, for use as committed content.</summary>
    public static JsonObject Content<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Web.Json.Options)!.AsObject();
}
