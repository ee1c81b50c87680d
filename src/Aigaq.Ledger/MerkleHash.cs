using System.Buffers;
using System.Security.Cryptography;

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
        const int StackLimit = 1024;
        var length = checked(data.Length + 1);
        byte[]? rented = null;
        var buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            buffer[0] = 0x00;
            data.CopyTo(buffer[1..]);
            SHA256.HashData(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
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
