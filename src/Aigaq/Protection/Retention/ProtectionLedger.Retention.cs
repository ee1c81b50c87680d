using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Protection;

/// <summary>Retention (ADR 0024): an extension with its reason as a digest, and the trace an erasure leaves.</summary>
public static partial class ProtectionLedger
{
    public const string RetentionExtended = "protection.retention";
    public const string Erased = "protection.erased";

    public static JsonObject Content(RetentionExtension r) => new()
    {
        ["id"] = r.Id.ToString(),
        ["personId"] = r.PersonId.ToString(),
        ["retainUntil"] = LedgerWriter.Instant(r.RetainUntil),
        ["reason"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(r.Reason))),
        ["recordedAt"] = LedgerWriter.Instant(r.RecordedAt),
        ["recordedBy"] = r.RecordedBy.ToString(),
    };

    /// <summary>
    /// The trace as stored: the records erased and their entries' count and digest are committed, so that a trace edited
    /// to account for other records (a deletion hidden behind an erasure) is named.
    /// </summary>
    public static JsonObject Content(ProtectionErasure e) => new()
    {
        ["id"] = e.Id.ToString(),
        ["personId"] = e.PersonId.ToString(),
        ["pseudonym"] = e.Pseudonym,
        ["registeredAt"] = LedgerWriter.Instant(e.RegisteredAt),
        ["retainUntil"] = LedgerWriter.Instant(e.RetainUntil),
        ["erasedAt"] = LedgerWriter.Instant(e.ErasedAt),
        ["records"] = e.Records,
        ["counts"] = e.Counts,
        ["entries"] = e.EntriesDigest,
    };
}
