using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Aigaq.Protection;

/// <summary>
/// A new recovery key in its two text forms. The public half goes into the configuration; the private half is
/// printed or written down once and kept offline (docs/decisions/0022). <see cref="ToString"/> never shows it.
/// </summary>
/// <param name="PublicText">The public half, for <c>Aigaq:Protection:RecoveryPublicKey</c>.</param>
/// <param name="PrivateText">The private half: whoever has it opens every identity.</param>
public sealed record RecoveryKeyPair(string PublicText, string PrivateText)
{
    public override string ToString() => $"RecoveryKeyPair {{ PublicText = {PublicText} }}";
}

/// <summary>
/// The offline recovery key: one more recipient of every identity, whose private half never touches the server,
/// so that an identity whose custodians have all lost their passwords can still be opened, at a ceremony.
/// </summary>
public static class RecoveryKey
{
    private const string PublicPrefix = "aigaq-recovery-public-1:";
    private const string PrivatePrefix = "aigaq-recovery-private-1:";
    private const int ChecksumSize = 4;
    private static readonly KeyAgreementAlgorithm Agreement = KeyAgreementAlgorithm.X25519;

    /// <summary>Makes a new recovery key.</summary>
    public static RecoveryKeyPair Generate()
    {
        using var key = Key.Create(Agreement, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return new RecoveryKeyPair(ToText(PublicPrefix, key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), ToText(PrivatePrefix, privateKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>The configured public half as a recipient, under a holder id that names this recovery key.</summary>
    /// <exception cref="FormatException">The text is not a recovery public key, or was mistyped.</exception>
    public static VaultRecipient ParsePublic(string publicText)
    {
        var publicKey = FromText(PublicPrefix, publicText)
            ?? throw new FormatException("The recovery public key is not in the form Aigaq writes, or was mistyped.");
        return new VaultRecipient(HolderIdOf(publicKey), publicKey);
    }

    /// <summary>
    /// The private half, for opening at a recovery ceremony; the key given cannot be exported. False when the text
    /// is not a recovery private key or was mistyped (a checksum catches most slips of a copied key).
    /// </summary>
    public static bool TryParsePrivate(string privateText, [NotNullWhen(true)] out Key? privateKey)
    {
        privateKey = null;
        var raw = FromText(PrivatePrefix, privateText);
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

    /// <summary>Opens an identity with the recovery key's private half.</summary>
    public static bool TryOpen(IdentityEnvelope envelope, string privateText, ReadOnlySpan<byte> associatedData, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        if (!TryParsePrivate(privateText, out var key))
        {
            return false;
        }

        using (key)
        {
            return envelope.TryOpen(HolderIdOf(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), key, associatedData, out plaintext);
        }
    }

    /// <summary>
    /// The holder id of a recovery key: "recovery-" and the start of its public key's hash, so that envelopes sealed
    /// for an earlier recovery key say which one they need.
    /// </summary>
    public static string HolderIdOf(byte[] publicKey) =>
        "recovery-" + Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 8));

    private static string ToText(string prefix, byte[] key)
    {
        var body = new byte[key.Length + ChecksumSize];
        key.CopyTo(body, 0);
        Checksum(prefix, key).CopyTo(body, key.Length);
        try
        {
            return prefix + Base64Url.EncodeToString(body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }

    private static byte[]? FromText(string prefix, string? text)
    {
        var trimmed = text?.Trim();
        if (trimmed is null || !trimmed.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = new byte[Agreement.PrivateKeySize + ChecksumSize];
        if (!Base64Url.TryDecodeFromChars(trimmed.AsSpan(prefix.Length), body, out var written) || written != body.Length)
        {
            CryptographicOperations.ZeroMemory(body);
            return null;
        }

        var key = body[..Agreement.PrivateKeySize];
        var ok = CryptographicOperations.FixedTimeEquals(body.AsSpan(Agreement.PrivateKeySize), Checksum(prefix, key));
        CryptographicOperations.ZeroMemory(body);
        if (!ok)
        {
            CryptographicOperations.ZeroMemory(key);
            return null;
        }

        return key;
    }

    private static byte[] Checksum(string prefix, byte[] key) =>
        SHA256.HashData(VaultBytes.Framed(prefix, key)).AsSpan(0, ChecksumSize).ToArray();
}
