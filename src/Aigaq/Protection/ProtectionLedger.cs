using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Protection;

/// <summary>What of the protection area the transparency log commits to, from the stored rows alone, so that an audit can recompute it.</summary>
public static class ProtectionLedger
{
    public const string CustodianKeyWritten = "custodian.key";

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
