namespace Aigaq.Ledger;

/// <summary>Identifies the transparency-log library.</summary>
public static class LedgerInfo
{
    /// <summary>The hash algorithm the log uses for leaves and nodes (RFC 6962).</summary>
    public const string HashAlgorithm = "SHA-256";
}
