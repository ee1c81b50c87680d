using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Protection;

/// <summary>What of the protection area the transparency log commits to, from the stored rows alone, so that an audit can recompute it.</summary>
public static partial class ProtectionLedger
{
    public const string CustodianKeyWritten = "custodian.key";
    public const string ProtectedPersonRegistered = "protected.registered";
    public const string ProtectedPersonChanged = "protected.changed";

    /// <summary>
    /// A protected person as registered: the sealed identity (ciphertext only) and the blind indexes are committed too, so
    /// that an identity replaced or an index cleared (to keep a person from being recognised in custody) is named.
    /// </summary>
    public static JsonObject Content(ProtectedPerson p) => new()
    {
        ["id"] = p.Id.ToString(),
        ["pseudonym"] = p.Pseudonym,
        ["role"] = p.Role.ToString(),
        ["disclosure"] = p.Disclosure.ToString(),
        ["risk"] = p.Risk.ToString(),
        ["region"] = p.Region,
        ["reportId"] = p.ReportId?.ToString(),
        ["caseId"] = p.CaseId?.ToString(),
        ["detentionId"] = p.DetentionId?.ToString(),
        ["identity"] = p.Identity,
        ["iinIndex"] = p.IinIndex,
        ["nameIndex"] = p.NameIndex,
        ["recordedAt"] = LedgerWriter.Instant(p.RecordedAt),
        ["recordedBy"] = p.RecordedBy.ToString(),
    };

    /// <summary>A change of a protected person: what it sets or links, and why (the log holds only the salted commitment).</summary>
    public static JsonObject Content(ProtectedPersonChange c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["personId"] = c.PersonId.ToString(),
        ["risk"] = c.Risk?.ToString(),
        ["disclosure"] = c.Disclosure?.ToString(),
        ["reportId"] = c.ReportId?.ToString(),
        ["caseId"] = c.CaseId?.ToString(),
        ["detentionId"] = c.DetentionId?.ToString(),
        ["reason"] = c.Reason,
        ["recordedAt"] = LedgerWriter.Instant(c.RecordedAt),
        ["recordedBy"] = c.RecordedBy.ToString(),
    };

    /// <summary>A custodian key row: whose, the public key, the sealed private key as stored, why and what it replaces.</summary>
    public static JsonObject Content(CustodianKey k) => new()
    {
        ["id"] = k.Id.ToString(),
        ["userId"] = k.UserId.ToString(),
        ["publicKey"] = k.PublicKey,
        ["sealed"] = k.Sealed,
        ["reason"] = k.Reason.ToString(),
        ["replaces"] = k.Replaces?.ToString(),
        ["createdAt"] = LedgerWriter.Instant(k.CreatedAt),
    };
}
