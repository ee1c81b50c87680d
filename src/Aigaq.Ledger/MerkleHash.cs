using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>
/// RFC 6962 (section 2.1) hashing: leaf hash = SHA-256(0x00 || data),
/// node hash = SHA-256(0x01 || left || right), empty tree hash = SHA-256("").
/// </summary>
public static class MerkleHash
{
    /// <summary>The size in bytes of every hash in the log (SHA-256).</summary>
    public const int Size = 32;

    private static readonly byte[] EmptyRootBytes = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root hash of the empty tree, SHA-256 of the empty string.</summary>
    public static ReadOnlySpan<byte> EmptyRoot => EmptyRootBytes;

    /// <summary>Writes the RFC 6962 leaf hash of <paramref name="data"/> into <paramref name="destination"/>.</summary>
    /// <param name="data">The leaf (entry) bytes.</param>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(checked(data.Length + 1));
        try
        {
            buffer[0] = 0x00;
            data.CopyTo(buffer.AsSpan(1));
            SHA256.HashData(buffer.AsSpan(0, data.Length + 1), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes the RFC 6962 leaf hash of <paramref name="text"/>'s UTF-8 bytes into <paramref name="destination"/>, encoding
    /// straight after the leaf prefix in a pooled buffer (no copy of the bytes, no array left for the collector).
    /// </summary>
    /// <param name="text">The entry, as text.</param>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    public static void LeafOfText(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(checked(Encoding.UTF8.GetMaxByteCount(text.Length) + 1));
        try
        {
            buffer[0] = 0x00;
            var length = Encoding.UTF8.GetBytes(text, buffer.AsSpan(1));
            SHA256.HashData(buffer.AsSpan(0, length + 1), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns the RFC 6962 leaf hash of <paramref name="data"/>.</summary>
    /// <param name="data">The leaf (entry) bytes.</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var result = new byte[Size];
        Leaf(data, result);
        return result;
    }

    /// <summary>Writes the RFC 6962 interior node hash of two children into <paramref name="destination"/>.</summary>
    /// <param name="left">The left child hash (32 bytes).</param>
    /// <param name="right">The right child hash (32 bytes).</param>
    /// <param name="destination">At least <see cref="Size"/> bytes; may overlap either input.</param>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException("Child hashes must be 32 bytes.");
        }

        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>Returns the RFC 6962 interior node hash of two children.</summary>
    /// <param name="left">The left child hash (32 bytes).</param>
    /// <param name="right">The right child hash (32 bytes).</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var result = new byte[Size];
        Node(left, right, result);
        return result;
    }
}
