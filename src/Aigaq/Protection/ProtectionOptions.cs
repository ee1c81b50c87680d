using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary>
/// The <c>Aigaq:Protection</c> section (ADR 0022). Without a recovery key and a blind-index key file, protected persons
/// cannot be registered (503): an identity sealed for no recovery key, or a person no registration can recognise, is
/// worse than a clear refusal.
/// </summary>
public sealed class ProtectionOptions
{
    /// <summary>The offline recovery key's public half, as <see cref="RecoveryKey.Generate"/> printed it.</summary>
    public string? RecoveryPublicKey { get; set; }

    /// <summary>
    /// The blind-index key's file (32 random bytes, base64), kept apart from the database and its backups, mode 600.
    /// </summary>
    public string? BlindIndexKeyFile { get; set; }

    /// <summary>How many custodians with a verified key an identity must be sealed for, besides the recovery key.</summary>
    public int MinCustodians { get; set; } = 2;
}

/// <summary>The configured recovery key and blind index, read once at start; <see cref="Missing"/> says what is not configured.</summary>
public sealed class ProtectionKeys : IDisposable
{
    public ProtectionKeys(IOptions<AigaqOptions> options)
    {
        var o = options.Value.Protection;
        MinCustodians = Math.Max(1, o.MinCustodians);
        if (o.RecoveryPublicKey is { Length: > 0 } recovery)
        {
            Recovery = RecoveryKey.ParsePublic(recovery);
        }

        if (o.BlindIndexKeyFile is { Length: > 0 } file)
        {
            var path = Path.GetFullPath(file);
            Aigaq.Ledger.KeyFiles.CheckPrivate(path);
            var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            Index = new BlindIndex(key);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }

    public VaultRecipient? Recovery { get; }

    public BlindIndex? Index { get; }

    public int MinCustodians { get; }

    public string? Missing => Recovery is null ? "Aigaq:Protection:RecoveryPublicKey" : Index is null ? "Aigaq:Protection:BlindIndexKeyFile" : null;

    public void Dispose() => Index?.Dispose();
}
