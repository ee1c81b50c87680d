using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Data;

namespace Aigaq.Ledger;

/// <summary>A log entry as a response shows it: where it sits and what its leaf hash is.</summary>
public sealed record LogPosition(long Index, string LeafHash, WitnessedView? WitnessedBy = null);

/// <summary>The earliest cosigned checkpoint holding an entry: its size, the witnesses' earliest signing time, and who cosigned.</summary>
public sealed record WitnessedView(long Size, DateTimeOffset At, IReadOnlyList<string> Witnesses);

/// <summary>
/// Adds log entries for registered facts. The commitment is SHA-256 over the salt followed by
/// the RFC 8785 canonical JSON of the record's content; <see cref="Commit"/> is the one function
/// that both writing and auditing use.
/// </summary>
public static class LedgerWriter
{
    public const int SaltBytes = 32;

    public static LedgerEntry Append(AigaqDb db, string kind, Guid recordId, DateTimeOffset recordedAt, JsonObject content)
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
    public static string Commit(ReadOnlySpan<byte> salt, JsonObject content)
    {
        // The salt, then the canonical JSON written after it in the same buffer: hashed without copies.
        var buffer = new ArrayBufferWriter<byte>(1024);
        buffer.Write(salt);
        JsonCanonicalizer.Canonicalize(content, buffer);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// An instant as committed: UTC, to the microsecond, since PostgreSQL keeps no finer time and
    /// an audit must recompute the same bytes from what the database returns.
    /// </summary>
    public static string Instant(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Serializes a value the way the API does, for use as committed content.</summary>
    public static JsonObject Content<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Web.Json.Options)!.AsObject();
}
