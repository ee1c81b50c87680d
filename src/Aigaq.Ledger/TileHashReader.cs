namespace Aigaq.Ledger;

/// <summary>
/// Reads node hashes for a tree of a given size from c2sp.org/tlog-tiles hash tiles, fetching the full or partial
/// tile that exists for that size and recomputing the levels inside a tile. Use it with
/// <see cref="MerkleProof"/> to rebuild a root from tiles and compare it with a checkpoint, or to build proofs.
/// Fetched tiles are cached for the reader's lifetime; an instance is not thread-safe.
/// </summary>
public sealed class TileHashReader : IHashReader
{
    private readonly Func<Tile, ReadOnlyMemory<byte>> _fetch;
    private readonly Dictionary<Tile, ReadOnlyMemory<byte>> _cache = [];

    /// <summary>Creates a reader.</summary>
    /// <param name="treeSize">The tree size the tiles are read for (it decides which tiles are partial).</param>
    /// <param name="fetch">Returns the contents of a hash tile; each must be exactly width × 32 bytes.</param>
    public TileHashReader(long treeSize, Func<Tile, ReadOnlyMemory<byte>> fetch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentNullException.ThrowIfNull(fetch);
        TreeSize = treeSize;
        _fetch = fetch;
    }

    /// <summary>The tree size.</summary>
    public long TreeSize { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">The node is not a complete subtree of the tree.</exception>
    /// <exception cref="InvalidDataException">A fetched tile has the wrong length.</exception>
    public void ReadHash(int level, long index, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 62);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var tileLevel = level / Tile.Height;
        var inner = level % Tile.Height;
        var first = checked(index << inner);
        var count = 1 << inner;
        var tileIndex = first >> Tile.Height;
        var offset = (int)(first & (Tile.FullWidth - 1));
        var nodes = TreeSize >> (tileLevel * Tile.Height);
        var available = nodes - (tileIndex * Tile.FullWidth);
        if (available < offset + count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "The node is not part of the tree.");
        }

        var tile = new Tile(tileLevel, tileIndex, (int)Math.Min(Tile.FullWidth, available));
        var data = Fetch(tile).Span.Slice(offset * MerkleHash.Size, count * MerkleHash.Size);
        if (count == 1)
        {
            data.CopyTo(destination);
            return;
        }

        Span<byte> work = stackalloc byte[(Tile.FullWidth / 2) * MerkleHash.Size];
        work = work[..data.Length];
        data.CopyTo(work);
        for (var n = count; n > 1; n /= 2)
        {
            for (var i = 0; i < n / 2; i++)
            {
                MerkleHash.Node(
                    work.Slice(2 * i * MerkleHash.Size, MerkleHash.Size),
                    work.Slice(((2 * i) + 1) * MerkleHash.Size, MerkleHash.Size),
                    work.Slice(i * MerkleHash.Size, MerkleHash.Size));
            }
        }

        work[..MerkleHash.Size].CopyTo(destination);
    }

    private ReadOnlyMemory<byte> Fetch(Tile tile)
    {
        if (!_cache.TryGetValue(tile, out var data))
        {
            data = _fetch(tile);
            if (data.Length != tile.Width * MerkleHash.Size)
            {
                throw new InvalidDataException($"Tile {tile.Path} has {data.Length} bytes, expected {tile.Width * MerkleHash.Size}.");
            }

            _cache[tile] = data;
        }

        return data;
    }
}
