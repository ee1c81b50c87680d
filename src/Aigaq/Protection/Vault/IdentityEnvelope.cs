using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using NSec.Cryptography;

namespace Aigaq.Protection;

/// <summary>Someone an identity is sealed for: a holder (custodian) or the offline recovery key.</summary>
/// <param name="HolderId">Who it is; names their wrap in the envelope.</param>
/// <param name="PublicKey">Their X25519 public key (32 bytes).</param>
public sealed record VaultRecipient(string HolderId, byte[] PublicKey);

/// <summary>The identity's key, wrapped for one recipient.</summary>
/// <param name="HolderId">The recipient.</param>
/// <param name="RecipientPublicKey">The public key it was wrapped for.</param>
/// <param name="EphemeralPublicKey">The one-time X25519 public key of the wrap.</param>
/// <param name="Nonce">The XChaCha20-Poly1305 nonce (24 bytes).</param>
/// <param name="WrappedKey">The identity's key (32 bytes) and its tag.</param>
public sealed record VaultWrap(string HolderId, byte[] RecipientPublicKey, byte[] EphemeralPublicKey, byte[] Nonce, byte[] WrappedKey);

/// <summary>
/// A protected person's identity, sealed with a key of its own (XChaCha20-Poly1305), that key wrapped for each
/// recipient with an ephemeral X25519 agreement and HKDF-SHA256. The server stores this and cannot open it: only a
/// recipient's private key does, and the server keeps none in the clear (docs/decisions/0022).
/// </summary>
/// <param name="Version">The format; 1 today.</param>
/// <param name="Nonce">The nonce of the identity's encryption (24 bytes).</param>
/// <param name="Ciphertext">The identity and its tag.</param>
/// <param name="KeyCommitment">
/// A commitment to the identity's key, checked on opening: the AEAD alone does not commit to its key, so without it
/// whoever seals could give two custodians wraps of two keys that open one ciphertext to two different identities.
/// </param>
/// <param name="Wraps">The identity's key, once per recipient.</param>
public sealed record IdentityEnvelope(int Version, byte[] Nonce, byte[] Ciphertext, byte[] KeyCommitment, IReadOnlyList<VaultWrap> Wraps)
{
    public const int CurrentVersion = 1;

    private const int DataKeySize = 32;
    private static readonly KeyAgreementAlgorithm Agreement = KeyAgreementAlgorithm.X25519;
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;
    private static readonly KeyDerivationAlgorithm Hkdf = KeyDerivationAlgorithm.HkdfSha256;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Seals <paramref name="plaintext"/> for <paramref name="recipients"/> (the custodians and the recovery key).
    /// <paramref name="associatedData"/> names the record (its id): the envelope opens only with the same.
    /// </summary>
    public static IdentityEnvelope Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, IReadOnlyCollection<VaultRecipient> recipients)
    {
        if (recipients.Count == 0)
        {
            throw new ArgumentException("An identity sealed for nobody could never be opened.", nameof(recipients));
        }

        if (recipients.Select(r => r.HolderId).Distinct(StringComparer.Ordinal).Count() != recipients.Count)
        {
            throw new ArgumentException("Each recipient is named once.", nameof(recipients));
        }

        var ad = associatedData.ToArray();
        var dataKey = VaultBytes.Random(DataKeySize);
        try
        {
            using var key = DataKey(dataKey);
            var nonce = VaultBytes.Random(Aead.NonceSize);
            var ciphertext = Aead.Encrypt(key, nonce, ContentData(ad), plaintext);
            var wraps = recipients.Select(r => Wrap(dataKey, r, ad)).ToList();
            return new IdentityEnvelope(CurrentVersion, nonce, ciphertext, Commitment(dataKey, ad), wraps);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Opens the identity with a recipient's private key. False, with nothing given, when this holder has no wrap here,
    /// the key is not theirs, the associated data is another record's, or anything stored was altered.
    /// </summary>
    public bool TryOpen(string holderId, Key privateKey, ReadOnlySpan<byte> associatedData, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        var ad = associatedData.ToArray();
        var dataKey = Unwrap(holderId, privateKey, ad);
        if (dataKey is null)
        {
            return false;
        }

        try
        {
            plaintext = Decrypt(dataKey, ad);
            return plaintext is not null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Wraps the identity's key for <paramref name="recipient"/> too; only someone who can open the envelope can do
    /// it. Null when <paramref name="holderId"/>'s key does not open it.
    /// </summary>
    public IdentityEnvelope? AddRecipient(string holderId, Key privateKey, ReadOnlySpan<byte> associatedData, VaultRecipient recipient)
    {
        if (Wraps.Any(w => w.HolderId == recipient.HolderId))
        {
            throw new ArgumentException("The recipient already holds a wrap of this identity.", nameof(recipient));
        }

        var ad = associatedData.ToArray();
        var dataKey = Unwrap(holderId, privateKey, ad);
        if (dataKey is null)
        {
            return null;
        }

        try
        {
            // The key must open this very record before it is handed on, so that a wrap never carries a wrong key.
            var plaintext = Decrypt(dataKey, ad);
            if (plaintext is null)
            {
                return null;
            }

            CryptographicOperations.ZeroMemory(plaintext);
            return this with { Wraps = [.. Wraps, Wrap(dataKey, recipient, ad)] };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Drops <paramref name="holderId"/>'s wrap. They can no longer open what is stored from now on; what they saw or
    /// kept before is not taken back (to make a kept key useless, open and seal the identity again).
    /// </summary>
    public IdentityEnvelope RemoveRecipient(string holderId) =>
        this with { Wraps = [.. Wraps.Where(w => w.HolderId != holderId)] };

    /// <summary>The stored form: JSON with base64 fields.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the stored form; an envelope of another version is refused.</summary>
    /// <exception cref="FormatException">The text is not an envelope this version reads.</exception>
    public static IdentityEnvelope FromJson(string json)
    {
        IdentityEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<IdentityEnvelope>(json, Json);
        }
        catch (JsonException)
        {
            throw new FormatException("The envelope is not valid JSON.");
        }

        return envelope is { Version: CurrentVersion, Nonce: not null, Ciphertext: not null, KeyCommitment: not null, Wraps: not null }
            && envelope.Wraps.All(w => w is { HolderId: not null, RecipientPublicKey: not null, EphemeralPublicKey: not null, Nonce: not null, WrappedKey: not null })
            ? envelope
            : throw new FormatException("The envelope is not in a format this version reads.");
    }

    private static VaultWrap Wrap(byte[] dataKey, VaultRecipient recipient, byte[] ad)
    {
        var recipientKey = PublicKey.Import(Agreement, recipient.PublicKey, KeyBlobFormat.RawPublicKey);
        using var ephemeral = Key.Create(Agreement);
        var ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        using var shared = Agreement.Agree(ephemeral, recipientKey)
            ?? throw new ArgumentException("The recipient's public key is not one an agreement can be made with.", nameof(recipient));
        using var wrapping = WrappingKey(shared, ephemeralPublic, recipient.PublicKey, ad);
        var nonce = VaultBytes.Random(Aead.NonceSize);
        var wrapped = Aead.Encrypt(wrapping, nonce, WrapData(recipient.HolderId), dataKey);
        return new VaultWrap(recipient.HolderId, recipient.PublicKey, ephemeralPublic, nonce, wrapped);
    }

    private byte[]? Unwrap(string holderId, Key privateKey, byte[] ad)
    {
        if (Version != CurrentVersion || privateKey.Algorithm is not NSec.Cryptography.X25519)
        {
            return null;
        }

        var ownPublic = privateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var wrap = Wraps.FirstOrDefault(w => w.HolderId == holderId);
        if (wrap is null
            || wrap.Nonce.Length != Aead.NonceSize
            || wrap.WrappedKey.Length != DataKeySize + Aead.TagSize
            || !CryptographicOperations.FixedTimeEquals(wrap.RecipientPublicKey, ownPublic)
            || !PublicKey.TryImport(Agreement, wrap.EphemeralPublicKey, KeyBlobFormat.RawPublicKey, out var ephemeral)
            || ephemeral is null)
        {
            return null;
        }

        using var shared = Agreement.Agree(privateKey, ephemeral);
        if (shared is null)
        {
            return null;
        }

        using var wrapping = WrappingKey(shared, wrap.EphemeralPublicKey, ownPublic, ad);
        var dataKey = new byte[DataKeySize];
        return Aead.Decrypt(wrapping, wrap.Nonce, WrapData(holderId), wrap.WrappedKey, dataKey) ? dataKey : null;
    }

    private byte[]? Decrypt(byte[] dataKey, byte[] ad)
    {
        if (Nonce.Length != Aead.NonceSize
            || Ciphertext.Length < Aead.TagSize
            || !CryptographicOperations.FixedTimeEquals(KeyCommitment, Commitment(dataKey, ad)))
        {
            return null;
        }

        using var key = DataKey(dataKey);
        var plaintext = new byte[Ciphertext.Length - Aead.TagSize];
        return Aead.Decrypt(key, Nonce, ContentData(ad), Ciphertext, plaintext) ? plaintext : null;
    }

    private static Key DataKey(byte[] raw) =>
        Key.Import(Aead, raw, KeyBlobFormat.RawSymmetricKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });

    // The wrapping key is bound to both public keys and to the record: a wrap moved to another record, or re-aimed at
    // another recipient, opens nothing.
    private static Key WrappingKey(SharedSecret shared, byte[] ephemeralPublic, byte[] recipientPublic, byte[] ad) =>
        Hkdf.DeriveKey(
            shared,
            ReadOnlySpan<byte>.Empty,
            VaultBytes.Framed("aigaq/identity-wrap/v1", ephemeralPublic, recipientPublic, ad),
            Aead,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });

    private static byte[] Commitment(byte[] dataKey, byte[] ad) =>
        Hkdf.DeriveBytes(dataKey, ReadOnlySpan<byte>.Empty, VaultBytes.Framed("aigaq/identity-key-commitment/v1", ad), 32);

    private static byte[] ContentData(byte[] ad) => VaultBytes.Framed("aigaq/identity/v1", ad);

    private static byte[] WrapData(string holderId) => VaultBytes.Framed("aigaq/identity-wrap-holder/v1", VaultBytes.Utf8(holderId));
}
