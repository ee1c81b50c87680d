namespace Aigaq.Ledger;

/// <summary>
/// The right border of a Merkle tree: the roots of the perfect subtrees that make up a tree of
/// <see cref="Size"/> leaves (one per set bit of the size). Supports appending leaf hashes and
/// computing the RFC 6962 root in O(log n) time and constant memory.
/// </summary>
public sealed class CompactRange
{
    private const int MaxLevels = 64;
    private readonly byte[] _hashes = new byte[MaxLevels * MerkleHash.Size];
    private int _count;

    /// <summary>Creates an empty range (tree size 0).</summary>
    public CompactRange()
    {
    }

    /// <summary>The number of leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>
    /// Rebuilds the range for a tree of <paramref name="size"/> leaves from stored complete-subtree hashes,
    /// reading one hash per set bit of the size.
    /// </summary>
    /// <param name="reader">Reads stored node hashes.</param>
    /// <param name="size">The tree size.</param>
    /// <returns>A range that can be appended to.</returns>
    public static CompactRange FromReader(IHashReader reader, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var range = new CompactRange();
        long start = 0;
        for (var level = MaxLevels - 2; level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) == 0)
            {
                continue;
            }

            reader.ReadHash(level, start >> level, range.Slot(range._count));
            range._count++;
            start += width;
        }

        range.Size = size;
        return range;
    }

    /// <summary>Appends one leaf hash, reporting every newly completed node (including the leaf) to <paramref name="sink"/>.</summary>
    /// <param name="leafHash">The RFC 6962 leaf hash (32 bytes).</param>
    /// <param name="sink">Optional receiver of the new stored hashes, in increasing level order.</param>
    public void Append(ReadOnlySpan<byte> leafHash, NodeHashSink? sink = null)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        if (Size == long.MaxValue)
        {
            throw new InvalidOperationException("The tree is full.");
        }

        var index = Size;
        sink?.Invoke(0, index, leafHash);
        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(hash);
        var level = 0;
        while ((index & 1) == 1)
        {
            _count--;
            MerkleHash.Node(Slot(_count), hash, hash);
            level++;
            index >>= 1;
            sink?.Invoke(level, index, hash);
        }

        hash.CopyTo(Slot(_count));
        _count++;
        Size++;
    }

    /// <summary>Writes the RFC 6962 root hash of the current tree into <paramref name="destination"/>.</summary>
    /// <param name="destination">A 32-byte buffer.</param>
    public void Root(Span<byte> destination)
    {
        if (_count == 0)
        {
            MerkleHash.EmptyRoot.CopyTo(destination);
            return;
        }

        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        Slot(_count - 1).CopyTo(hash);
        for (var i = _count - 2; i >= 0; i--)
        {
            MerkleHash.Node(Slot(i), hash, hash);
        }

        hash.CopyTo(destination);
    }

    /// <summary>Returns the RFC 6962 root hash of the current tree.</summary>
    /// <returns>A new 32-byte array.</returns>
    public byte[] Root()
    {
        var result = new byte[MerkleHash.Size];
        Root(result);
        return result;
    }

    private Span<byte> Slot(int i) => _hashes.AsSpan(i * MerkleHash.Size, MerkleHash.Size);
}
