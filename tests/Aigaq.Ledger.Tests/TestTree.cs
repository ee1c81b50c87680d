namespace Aigaq.Ledger.Tests;

/// <summary>An in-memory store of node hashes filled by <see cref="CompactRange"/> while appending.</summary>
internal sealed class TestTree : IHashReader
{
    private readonly Dictionary<(int Level, long Index), byte[]> _nodes = [];
    private readonly CompactRange _range = new();

    public long Size => _range.Size;

    public static TestTree FromLeaves(IEnumerable<byte[]> leaves)
    {
        var tree = new TestTree();
        foreach (var leaf in leaves)
        {
            tree.AppendLeafData(leaf);
        }

        return tree;
    }

    public static TestTree WithSize(long size)
    {
        var tree = new TestTree();
        for (long i = 0; i < size; i++)
        {
            tree.AppendLeafData(BitConverter.GetBytes(i));
        }

        return tree;
    }

    public void AppendLeafData(byte[] data) => _range.Append(MerkleHash.Leaf(data), (level, index, hash) => _nodes[(level, index)] = hash.ToArray());

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
}
