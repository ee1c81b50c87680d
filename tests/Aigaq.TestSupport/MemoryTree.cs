using System.Text;
using Aigaq.Ledger;

namespace Aigaq.TestSupport;

/// <summary>
/// An in-memory Merkle tree that keeps every node hash (filled by <see cref="CompactRange"/> while appending), for
/// proofs, tiles and honest or dishonest requests to a witness.
/// </summary>
public sealed class MemoryTree : IHashReader
{
    private readonly Dictionary<(int Level, long Index), byte[]> _nodes = [];
    private readonly CompactRange _range = new();

    public long Size => _range.Size;

    public static MemoryTree FromLeaves(IEnumerable<byte[]> leaves)
    {
        var tree = new MemoryTree();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    /// <summary>A tree whose leaf <c>i</c> is the text <paramref name="salt"/> + i; another salt makes another tree.</summary>
    public static MemoryTree WithSize(long size, string salt = "")
    {
        var tree = new MemoryTree();
        tree.Grow(size, salt);
        return tree;
    }

    /// <summary>Appends leaves as <see cref="WithSize"/> makes them until the tree has <paramref name="size"/>.</summary>
    public void Grow(long size, string salt = "")
    {
        while (Size < size)
        {
            Append(Encoding.UTF8.GetBytes(salt + Size));
        }
    }

    public void Append(byte[] data) => _range.Append(MerkleHash.Leaf(data), (level, index, hash) => _nodes[(level, index)] = hash.ToArray());

    public byte[] Root() => _range.Root();

    public byte[] LeafHash(long index) => _nodes[(0, index)];

    public void ReadHash(int level, long index, Span<byte> destination)
    {
        if (!_nodes.TryGetValue((level, index), out var hash))
        {
            throw new KeyNotFoundException($"No stored hash at level {level}, index {index}.");
        }

        hash.CopyTo(destination);
    }

    /// <summary>An add-checkpoint request for a witness that last saw <paramref name="oldSize"/>, signed by <paramref name="log"/>.</summary>
    public AddCheckpointRequest Request(NoteSigner log, long oldSize) =>
        new(oldSize, oldSize == 0 ? [] : MerkleProof.ConsistencyProof(this, oldSize, Size), new Checkpoint(log.Name, Size, Root()).Sign(log));
}
