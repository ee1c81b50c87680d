using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aigaq.Protection;

/// <summary>Byte helpers the vault's parts share: unambiguous framing of the inputs to a key derivation or AEAD.</summary>
internal static class VaultBytes
{
    /// <summary>
    /// A domain label followed by each part with its length (4 bytes, big-endian) before it, so that no two different
    /// lists of parts give the same bytes.
    /// </summary>
    public static byte[] Framed(string label, params byte[][] parts)
    {
        var head = Encoding.ASCII.GetBytes(label);
        var length = 4 + head.Length + parts.Sum(p => 4 + p.Length);
        var result = new byte[length];
        var at = Put(result, 0, head);
        foreach (var part in parts)
        {
            at = Put(result, at, part);
        }

        return result;
    }

    private static int Put(byte[] into, int at, byte[] part)
    {
        BinaryPrimitives.WriteInt32BigEndian(into.AsSpan(at), part.Length);
        part.CopyTo(into, at + 4);
        return at + 4 + part.Length;
    }

    public static byte[] Random(int count) => RandomNumberGenerator.GetBytes(count);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
