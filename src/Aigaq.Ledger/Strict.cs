using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>Strict text encodings shared by the formats.</summary>
internal static class Strict
{
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes standard (RFC 4648 section 4) padded base64, rejecting whitespace and non-canonical forms.</summary>
    internal static bool TryBase64(string s, out byte[] bytes)
    {
        bytes = [];
        if (s.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '='))
            {
                return false;
            }
        }

        try
        {
            bytes = Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return false;
        }

        return string.Equals(Convert.ToBase64String(bytes), s, StringComparison.Ordinal);
    }

    /// <summary>Parses an ASCII decimal with no sign and no leading zeroes (except "0").</summary>
    internal static bool TryDecimal(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19 || (s.Length > 1 && s[0] == '0'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    internal static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>First four bytes (big-endian) of SHA-256(name || 0x0A || type || key).</summary>
    internal static uint KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Utf8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = 0x0A;
        buffer[nameBytes.Length + 1] = type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>Key names are non-empty and contain no Unicode spaces and no plus signs.</summary>
    internal static bool IsValidKeyName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c == '+' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
