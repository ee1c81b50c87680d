using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Aigaq.Detentions;
using NSec.Cryptography;

namespace Aigaq.Protection;

/// <summary>
/// Keyed blind indexes (HMAC-SHA256) that let Aigaq see that a person in a new detention, transfer or case is a
/// protected person without opening any identity: the protected person's indexes are stored when they are
/// registered, and a registration's are computed and looked up. Equal indexes mean the same normalised IIN, or the
/// same names (in any order, spelled any way <see cref="LookupName"/> joins) with the same birth date.
/// </summary>
/// <remarks>
/// Whoever has the index key and the stored indexes can test guesses (every IIN can be tried), so the key lives apart
/// from the database and its backups (docs/decisions/0022). Changing <see cref="LookupName.Skeleton"/> changes every
/// name index; a protected person's can only be computed again from the sealed identity, at a recovery ceremony.
/// </remarks>
public sealed class BlindIndex : IDisposable
{
    /// <summary>The size of the index key, and of each index before encoding.</summary>
    public const int KeySize = 32;

    private readonly Key _iin;
    private readonly Key _name;
    private readonly Key _request;

    /// <summary>An index over <paramref name="key"/> (32 bytes from <see cref="NewKey"/>).</summary>
    public BlindIndex(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException("A blind index key is 32 bytes.", nameof(key));
        }

        // One key per kind, so that no IIN's index can ever equal a name's.
        _iin = Derive(key, "aigaq/blind-index/iin/v1");
        _name = Derive(key, "aigaq/blind-index/name-birth-date/v1");
        _request = Derive(key, "aigaq/blind-index/request/v1");
    }

    /// <summary>
    /// A keyed digest of a request body that holds secrets (an identity, a passphrase), for its idempotency record: a
    /// retry with the same key and body is told apart from the same key with another body, yet a copy of the database
    /// without this key cannot test a guessed body against it, as it could an unsalted hash.
    /// </summary>
    public string OfRequest(ReadOnlySpan<byte> body) => Mac(_request, body.ToArray());

    /// <summary>A new random index key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    /// <summary>
    /// The index of an IIN: spaces, hyphens and dots are dropped; null when what remains is not a valid IIN (form,
    /// check digit, birth date), so that a mistyped number never matches anyone.
    /// </summary>
    public string? OfIin(string? iin)
    {
        var digits = NormalIin(iin);
        return digits is null ? null : Mac(_iin, VaultBytes.Utf8(digits));
    }

    /// <summary>
    /// The index of a person's last and first names with their birth date; the patronymic is left out (it is often
    /// missing or written as a second first name). Null when either name has no letters or the birth date is unknown:
    /// a name alone matches too many people.
    /// </summary>
    public string? OfName(string? lastName, string? firstName, DateOnly? birthDate)
    {
        var last = LookupName.Skeleton(lastName);
        var first = LookupName.Skeleton(firstName);
        if (last.Length == 0 || first.Length == 0 || birthDate is not { } born)
        {
            return null;
        }

        // Order-free: a registration that swaps the last and the first name (forms write them in either order) still
        // finds the person; a miss costs a protected person their warning, a false match costs an officer a look.
        var (a, b) = string.CompareOrdinal(last, first) <= 0 ? (last, first) : (first, last);
        return Mac(_name, VaultBytes.Framed("", VaultBytes.Utf8(a), VaultBytes.Utf8(b), VaultBytes.Utf8(born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
    }

    public void Dispose()
    {
        _iin.Dispose();
        _name.Dispose();
        _request.Dispose();
    }

    private static string? NormalIin(string? iin)
    {
        if (iin is null)
        {
            return null;
        }

        var digits = new string([.. iin.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '.')]);
        return Iin.Check(digits).Error is null ? digits : null;
    }

    private static Key Derive(ReadOnlySpan<byte> key, string kind) =>
        KeyDerivationAlgorithm.HkdfSha256.DeriveKey(
            key,
            ReadOnlySpan<byte>.Empty,
            VaultBytes.Utf8(kind),
            MacAlgorithm.HmacSha256,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });

    private static string Mac(Key key, byte[] data) => Base64Url.EncodeToString(MacAlgorithm.HmacSha256.Mac(key, data));
}
