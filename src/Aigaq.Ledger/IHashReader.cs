namespace Aigaq.Ledger;

/// <summary>
/// Reads stored hashes of complete subtrees. The node at (<c>level</c>, <c>index</c>) is the root of the
/// perfect subtree over leaves [index * 2^level, (index + 1) * 2^level); level 0 holds the leaf hashes.
/// Applications back this with their storage (for example hash tiles in a database).
/// </summary>
public interface IHashReader
{
    /// <summary>Writes the hash of node (<paramref name="level"/>, <paramref name="index"/>) into <paramref name="destination"/>.</summary>
    /// <param name="level">The height of the node above the leaves (0 for leaves).</param>
    /// <param name="index">The index of the node within its level.</param>
    /// <param name="destination">A 32-byte buffer.</param>
    void ReadHash(int level, long index, Span<byte> destination);
}

/// <summary>Receives the hash of a complete subtree as soon as it becomes known while appending leaves.</summary>
/// <param name="level">The height of the node above the leaves (0 for leaves).</param>
/// <param name="index">The index of the node within its level.</param>
/// <param name="hash">The 32-byte node hash; only valid for the duration of the call.</param>
public delegate void NodeHashSink(int level, long index, ReadOnlySpan<byte> hash);
