using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Aigaq.Protection;

/// <summary>
/// A holder's key pair as the server keeps it: the X25519 public key in the clear, the private key sealed
/// (XChaCha20-Poly1305) under a key that Argon2id derives from the holder's password with the salt and cost stored
/// here. Without the password this opens nothing.
/// </summary>
/// <param name="Version">The format; 1 today.</param>
/// <param name="PublicKey">The X25519 public key (32 bytes) that identities are wrapped for.</param>
/// <param name="Cost">The Argon2id cost the sealing key was derived with.</param>
/// <param name="Salt">The Argon2id salt (16 bytes).</param>
/// <param name="Nonce">The XChaCha20-Poly1305 nonce (24 bytes).</param>
/// <param name="SealedPrivateKey">The private key (32 bytes) and its tag.</param>
public sealed record SealedHolderKey(int Version, byte[] PublicKey, PasswordCost Cost, byte[] Salt, byte[] Nonce, byte[] SealedPrivateKey)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored form: JSON with base64 fields.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the stored form; a record of another version or shape is refused.</summary>
    /// <exception cref="FormatException">The text is not a holder key this version reads.</exception>
    public static SealedHolderKey FromJson(string json)
    {
        SealedHolderKey? record;
        try
        {
            record = JsonSerializer.Deserialize<SealedHolderKey>(json, Json);
        }
        catch (JsonException)
        {
            // The parser's message may quote the stored text; it is not passed on.
            throw new FormatException("The holder key is not valid JSON.");
        }

        return record is { Version: CurrentVersion, PublicKey.Length: 32, Salt.Length: 16, Nonce.Length: 24, SealedPrivateKey.Length: 48 }
            && record.Cost is not null
            ? record
            : throw new FormatException("The holder key is not in a format this version reads.");
    }
}

/// <summary>Makes, unlocks and re-seals holders' keys (<see cref="SealedHolderKey"/>).</summary>
public static class HolderKeys
{
    private static readonly KeyAgreementAlgorithm Agreement = KeyAgreementAlgorithm.X25519;
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    /// <summary>Makes a new key pair for a holder and seals its private half under <paramref name="password"/>.</summary>
    /// <param name="password">The holder's password; not empty (its strength is the caller's policy).</param>
    /// <param name="cost">The Argon2id cost; <see cref="PasswordCost.Default"/> when null.</param>
    public static SealedHolderKey Create(string password, PasswordCost? cost = null)
    {
        using var key = Key.Create(Agreement, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return Seal(privateKey, key.PublicKey.Export(KeyBlobFormat.RawPublicKey), password, cost ?? PasswordCost.Default);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>
    /// Opens the private key with the holder's password. A wrong password is an answer (false), not an error. The key
    /// given cannot be exported; dispose of it when done.
    /// </summary>
    /// <exception cref="FormatException">The record's cost is outside what the server accepts.</exception>
    public static bool TryUnlock(SealedHolderKey record, string password, [NotNullWhen(true)] out Key? privateKey)
    {
        privateKey = null;
        var raw = Open(record, password);
        if (raw is null)
        {
            return false;
        }

        try
        {
            privateKey = Key.Import(Agreement, raw, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>
    /// Seals the same private key under a new password (or the same password at a new cost), so that every identity
    /// wrapped for the holder stays open to them. Null when <paramref name="password"/> is wrong.
    /// </summary>
    public static SealedHolderKey? Reseal(SealedHolderKey record, string password, string newPassword, PasswordCost? cost = null)
    {
        var raw = Open(record, password);
        if (raw is null)
        {
            return null;
        }

        try
        {
            return Seal(raw, record.PublicKey, newPassword, cost ?? record.Cost);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>The holder as a recipient of identities: their id and public key.</summary>
    public static VaultRecipient Recipient(string holderId, SealedHolderKey record) => new(holderId, record.PublicKey);

    private static SealedHolderKey Seal(byte[] privateKey, byte[] publicKey, string password, PasswordCost cost)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (!cost.IsUsable)
        {
            throw new ArgumentException("The Argon2id cost is outside what the server accepts.", nameof(cost));
        }

        var salt = VaultBytes.Random(16);
        var nonce = VaultBytes.Random(Aead.NonceSize);
        using var sealing = SealingKey(password, salt, cost);
        var sealedKey = Aead.Encrypt(sealing, nonce, Bound(publicKey, salt, cost), privateKey);
        return new SealedHolderKey(SealedHolderKey.CurrentVersion, publicKey, cost, salt, nonce, sealedKey);
    }

    private static byte[]? Open(SealedHolderKey record, string password)
    {
        if (!record.Cost.IsUsable)
        {
            throw new FormatException("The holder key asks for an Argon2id cost outside what the server accepts.");
        }

        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        using var sealing = SealingKey(password, record.Salt, record.Cost);
        var raw = new byte[Agreement.PrivateKeySize];
        if (!Aead.Decrypt(sealing, record.Nonce, Bound(record.PublicKey, record.Salt, record.Cost), record.SealedPrivateKey, raw))
        {
            return null;
        }

        // The tag binds the public key already; checking that the private key gives it back also refuses a record
        // whose halves were put together from two holders by someone who could seal (the holder themselves).
        using var check = Key.Import(Agreement, raw, KeyBlobFormat.RawPrivateKey);
        if (!CryptographicOperations.FixedTimeEquals(check.PublicKey.Export(KeyBlobFormat.RawPublicKey), record.PublicKey))
        {
            CryptographicOperations.ZeroMemory(raw);
            return null;
        }

        return raw;
    }

    /// <summary>
    /// At most two derivations at once in the process: each takes the cost's memory (64 MiB by default) and a core for a
    /// quarter of a second, so that a burst of requests (or of guesses) waits instead of exhausting the server.
    /// </summary>
    private static readonly SemaphoreSlim Derivations = new(2);

    private static Key SealingKey(string password, byte[] salt, PasswordCost cost)
    {
        var argon = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = cost.Parallelism,
            MemorySize = cost.MemoryKiB,
            NumberOfPasses = cost.Passes,
        });

        // NFKC, as NIST SP 800-63B asks: the same password typed on another keyboard (composed or decomposed
        // letters, Kazakh letters from a Russian layout's compose keys) gives the same key.
        Derivations.Wait();
        try
        {
            return argon.DeriveKey(password.Normalize(NormalizationForm.FormKC), salt, Aead, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
        }
        finally
        {
            Derivations.Release();
        }
    }

    private static byte[] Bound(byte[] publicKey, byte[] salt, PasswordCost cost) =>
        VaultBytes.Framed(
            "aigaq/holder-key/v1",
            publicKey,
            salt,
            VaultBytes.Utf8(FormattableString.Invariant($"{cost.MemoryKiB}/{cost.Passes}/{cost.Parallelism}")));
}
