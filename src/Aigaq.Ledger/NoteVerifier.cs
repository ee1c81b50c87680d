using System.Buffers.Binary;
using System.Globalization;
using NSec.Cryptography;

namespace Aigaq.Ledger;

/// <summary>
/// A public key that verifies signed-note signatures: either a log's Ed25519 note key or a witness's
/// cosignature/v1 key. Its text form is the c2sp.org/signed-note verifier key
/// <c>name+hex8(keyid)+base64(type||pubkey)</c>.
/// </summary>
public sealed class NoteVerifier
{
    internal const int PublicKeySize = 32;
    internal const int Ed25519SignatureSize = 64;
    private readonly PublicKey _key;
    private readonly byte[] _publicKey;

    private NoteVerifier(string name, NoteKeyType type, byte[] publicKey, PublicKey key)
    {
        Name = name;
        Type = type;
        _publicKey = publicKey;
        _key = key;
        KeyId = Strict.KeyId(name, (byte)type, publicKey);
    }

    /// <summary>The key name (for logs, usually the checkpoint origin).</summary>
    public string Name { get; }

    /// <summary>The signature type.</summary>
    public NoteKeyType Type { get; }

    /// <summary>The key ID: the first four bytes of SHA-256(name || 0x0A || type || public key), big-endian.</summary>
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The verifier key string <c>name+hex8(keyid)+base64(type||pubkey)</c>.</summary>
    public string VerifierKey =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)Type, .. _publicKey])}");

    /// <summary>Creates a verifier from a name, a type and a raw 32-byte Ed25519 public key.</summary>
    /// <param name="name">The key name: non-empty, no spaces, no plus signs.</param>
    /// <param name="type">The signature type.</param>
    /// <param name="publicKey">The Ed25519 public key.</param>
    /// <returns>The verifier.</returns>
    public static NoteVerifier Create(string name, NoteKeyType type, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Strict.IsValidKeyName(name))
        {
            throw new ArgumentException("Key names are non-empty and contain no spaces or plus signs.", nameof(name));
        }

        if (type is not (NoteKeyType.Ed25519 or NoteKeyType.Cosignature))
        {
            throw new ArgumentOutOfRangeException(nameof(type), "Unsupported signature type.");
        }

        if (publicKey.Length != PublicKeySize
            || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key))
        {
            throw new ArgumentException("Not a valid Ed25519 public key.", nameof(publicKey));
        }

        return new NoteVerifier(name, type, publicKey.ToArray(), key!);
    }

    /// <summary>Parses a verifier key string <c>name+hex8(keyid)+base64(type||pubkey)</c>, checking the key ID.</summary>
    /// <param name="verifierKey">The verifier key.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="FormatException">The key is malformed, of an unsupported type, or its key ID does not match.</exception>
    public static NoteVerifier Parse(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3 || !Strict.IsValidKeyName(parts[0]) || !TryParseKeyId(parts[1], out var keyId)
            || !Strict.TryBase64(parts[2], out var material) || material.Length != 1 + PublicKeySize)
        {
            throw new FormatException("Malformed verifier key.");
        }

        var type = (NoteKeyType)material[0];
        if (type is not (NoteKeyType.Ed25519 or NoteKeyType.Cosignature))
        {
            throw new FormatException("Unsupported verifier key type.");
        }

        NoteVerifier verifier;
        try
        {
            verifier = Create(parts[0], type, material.AsSpan(1));
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Malformed verifier key.", e);
        }

        if (verifier.KeyId != keyId)
        {
            throw new FormatException("Verifier key ID does not match the key.");
        }

        return verifier;
    }

    /// <summary>
    /// Verifies a signature (the bytes after the key ID in a signature line) over note text.
    /// For cosignatures the signature is the 8-byte big-endian timestamp followed by the Ed25519 signature over
    /// <c>"cosignature/v1\ntime &lt;t&gt;\n" || text</c>.
    /// </summary>
    /// <param name="text">The UTF-8 note text, including its final newline.</param>
    /// <param name="signature">The signature bytes.</param>
    /// <returns><see langword="true"/> when the signature is valid.</returns>
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        if (Type == NoteKeyType.Ed25519)
        {
            return signature.Length == Ed25519SignatureSize && SignatureAlgorithm.Ed25519.Verify(_key, text, signature);
        }

        if (signature.Length != 8 + Ed25519SignatureSize)
        {
            return false;
        }

        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (timestamp > long.MaxValue)
        {
            return false;
        }

        var message = CosignedMessage((long)timestamp, text);
        return SignatureAlgorithm.Ed25519.Verify(_key, message, signature[8..]);
    }

    /// <summary>Reads the timestamp of a cosignature/v1 signature (the bytes after the key ID).</summary>
    /// <param name="signature">The signature bytes.</param>
    /// <returns>The POSIX timestamp in seconds, or <see langword="null"/> for other signature shapes.</returns>
    public static long? CosignatureTimestamp(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 8 + Ed25519SignatureSize)
        {
            return null;
        }

        var t = BinaryPrimitives.ReadUInt64BigEndian(signature);
        return t > long.MaxValue ? null : (long)t;
    }

    internal static byte[] CosignedMessage(long timestamp, ReadOnlySpan<byte> text)
    {
        var header = Strict.Utf8.GetBytes("cosignature/v1\ntime " + Strict.Decimal(timestamp) + "\n");
        var message = new byte[header.Length + text.Length];
        header.CopyTo(message, 0);
        text.CopyTo(message.AsSpan(header.Length));
        return message;
    }

    internal static bool TryParseKeyId(string hex, out uint keyId)
    {
        keyId = 0;
        if (hex.Length != 8)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out keyId);
    }
}
