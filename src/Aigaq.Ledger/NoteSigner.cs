using System.Buffers.Binary;
using System.Globalization;
using NSec.Cryptography;

namespace Aigaq.Ledger;

/// <summary>
/// An Ed25519 private key that signs notes, either as a log (<see cref="NoteKeyType.Ed25519"/>) or as a witness
/// producing cosignature/v1 cosignatures (<see cref="NoteKeyType.Cosignature"/>). Its text form is the
/// signer key <c>PRIVATE+KEY+name+hex8(keyid)+base64(type||seed)</c>.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const int SeedSize = 32;
    private readonly Key _key;
    private readonly TimeProvider _time;

    private NoteSigner(string name, NoteKeyType type, Key key, TimeProvider? time)
    {
        _key = key;
        _time = time ?? TimeProvider.System;
        Verifier = NoteVerifier.Create(name, type, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The key name.</summary>
    public string Name => Verifier.Name;

    /// <summary>The signature type.</summary>
    public NoteKeyType Type => Verifier.Type;

    /// <summary>The key ID shared with <see cref="Verifier"/>.</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>The matching public verifier.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>The signer key string <c>PRIVATE+KEY+name+hex8(keyid)+base64(type||seed)</c>. Keep it secret.</summary>
    public string SignerKey
    {
        get
        {
            var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
            try
            {
                return string.Create(CultureInfo.InvariantCulture, $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)Type, .. seed])}");
            }
            finally
            {
                Array.Clear(seed);
            }
        }
    }

    /// <summary>Generates a new random key.</summary>
    /// <param name="name">The key name: non-empty, no spaces, no plus signs.</param>
    /// <param name="type">The signature type.</param>
    /// <param name="time">Clock for cosignature timestamps; defaults to the system clock.</param>
    /// <returns>The signer.</returns>
    public static NoteSigner Generate(string name, NoteKeyType type = NoteKeyType.Ed25519, TimeProvider? time = null)
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519, Exportable);
        return Wrap(name, type, key, time);
    }

    /// <summary>Creates a signer from a 32-byte Ed25519 seed (RFC 8032 private key).</summary>
    /// <param name="name">The key name.</param>
    /// <param name="type">The signature type.</param>
    /// <param name="seed">The 32-byte seed.</param>
    /// <param name="time">Clock for cosignature timestamps; defaults to the system clock.</param>
    /// <returns>The signer.</returns>
    public static NoteSigner FromSeed(string name, NoteKeyType type, ReadOnlySpan<byte> seed, TimeProvider? time = null)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable);
        return Wrap(name, type, key, time);
    }

    /// <summary>Parses a signer key string <c>PRIVATE+KEY+name+hex8(keyid)+base64(type||seed)</c>, checking the key ID.</summary>
    /// <param name="signerKey">The signer key.</param>
    /// <param name="time">Clock for cosignature timestamps; defaults to the system clock.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="FormatException">The key is malformed, of an unsupported type, or its key ID does not match.</exception>
    public static NoteSigner Parse(string signerKey, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        var parts = signerKey.Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" || !Strict.IsValidKeyName(parts[2])
            || !NoteVerifier.TryParseKeyId(parts[3], out var keyId)
            || !Strict.TryBase64(parts[4], out var material) || material.Length != 1 + SeedSize)
        {
            throw new FormatException("Malformed signer key.");
        }

        try
        {
            var type = (NoteKeyType)material[0];
            if (type is not (NoteKeyType.Ed25519 or NoteKeyType.Cosignature))
            {
                throw new FormatException("Unsupported signer key type.");
            }

            var signer = FromSeed(parts[2], type, material.AsSpan(1), time);
            if (signer.KeyId != keyId)
            {
                signer.Dispose();
                throw new FormatException("Signer key ID does not match the key.");
            }

            return signer;
        }
        finally
        {
            Array.Clear(material);
        }
    }

    /// <summary>
    /// Signs note text, returning the signature bytes that follow the key ID in a signature line.
    /// Cosignature keys prefix the current timestamp as required by cosignature/v1.
    /// </summary>
    /// <param name="text">The UTF-8 note text, including its final newline.</param>
    /// <returns>The signature bytes.</returns>
    public byte[] Sign(ReadOnlySpan<byte> text)
    {
        if (Type == NoteKeyType.Ed25519)
        {
            return SignatureAlgorithm.Ed25519.Sign(_key, text);
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        var result = new byte[8 + NoteVerifier.Ed25519SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(result, (ulong)timestamp);
        SignatureAlgorithm.Ed25519.Sign(_key, NoteVerifier.CosignedMessage(timestamp, text), result.AsSpan(8));
        return result;
    }

    /// <summary>Releases the private key.</summary>
    public void Dispose() => _key.Dispose();

    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private static NoteSigner Wrap(string name, NoteKeyType type, Key key, TimeProvider? time)
    {
        try
        {
            return new NoteSigner(name, type, key, time);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
