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

    /// <summary>How many hours a granted identity request opens the identity to its requester (1 to 720).</summary>
    public int GrantHours { get; set; } = 24;

    /// <summary>How many distinct custodians must grant an identity request: 1 is any one (OR), N all of N (AND); 1 to <see cref="MinCustodians"/>.</summary>
    public int Approvals { get; set; } = 1;
}

/// <summary>The configured recovery key and blind index, read once; <see cref="Missing"/> says what is not configured.</summary>
public sealed class ProtectionKeys : IDisposable
{
    public ProtectionKeys(IOptions<AigaqOptions> options)
    {
        var o = options.Value.Protection;
        MinCustodians = Math.Max(1, o.MinCustodians);
        Recovery = ReadRecovery(o);
        Index = ReadIndex(o);
    }

    public VaultRecipient? Recovery { get; }

    public BlindIndex? Index { get; }

    public int MinCustodians { get; }

    public string? Missing => Recovery is null ? "Aigaq:Protection:RecoveryPublicKey" : Index is null ? "Aigaq:Protection:BlindIndexKeyFile" : null;

    public void Dispose() => Index?.Dispose();

    /// <summary>The configured recovery key's public half, null when none; a mistyped one is refused naming the setting.</summary>
    internal static VaultRecipient? ReadRecovery(ProtectionOptions o)
    {
        if (o.RecoveryPublicKey is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            return RecoveryKey.ParsePublic(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("Aigaq:Protection:RecoveryPublicKey: " + e.Message, e);
        }
    }

    /// <summary>The blind index over the configured key file, null when none; a file that is missing, readable by others or not a key is refused.</summary>
    internal static BlindIndex? ReadIndex(ProtectionOptions o)
    {
        if (o.BlindIndexKeyFile is not { Length: > 0 } file)
        {
            return null;
        }

        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Aigaq:Protection:BlindIndexKeyFile: {path} does not exist (aigaq protection index-key makes one)");
        }

        try
        {
            Aigaq.Ledger.KeyFiles.CheckPrivate(path);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException("Aigaq:Protection:BlindIndexKeyFile: " + e.Message, e);
        }

        var key = new byte[BlindIndex.KeySize];
        var text = File.ReadAllText(path).Trim();
        if (!Convert.TryFromBase64String(text, key, out var written) || written != BlindIndex.KeySize)
        {
            throw new InvalidOperationException($"Aigaq:Protection:BlindIndexKeyFile: {path} does not hold a {BlindIndex.KeySize}-byte key in base64");
        }

        var index = new BlindIndex(key);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        return index;
    }
}

/// <summary>At start (with the options' other checks): the protection keys, when configured, can be read, so that a bad setting stops the start rather than the first registration.</summary>
internal sealed class ProtectionKeysCheck : IValidateOptions<AigaqOptions>
{
    public ValidateOptionsResult Validate(string? name, AigaqOptions options)
    {
        try
        {
            ProtectionKeys.ReadRecovery(options.Protection);
            ProtectionKeys.ReadIndex(options.Protection)?.Dispose();
            if (options.Protection.BlindIndexKeyFile is { Length: > 0 } file &&
                Path.GetFullPath(file).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDir)) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Fail(
                    "Aigaq:Protection:BlindIndexKeyFile: the key is kept outside the data folder, so that a copy of the data is no copy of the key (ADR 0022)");
            }

            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
