using System.Globalization;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>
/// A c2sp.org/tlog-tiles tile of height 8: tile (<see cref="Level"/>, <see cref="Index"/>) holds <see cref="Width"/>
/// consecutive node hashes at Merkle level 8 × <see cref="Level"/>, starting at node <see cref="Index"/> × 256.
/// A full tile has 256 hashes; a partial tile has fewer. Level-0 tiles hold leaf hashes, and the entry bundle
/// with the same index and width holds the entries themselves.
/// </summary>
public readonly record struct Tile
{
    /// <summary>The tile height: each tile spans 8 Merkle levels.</summary>
    public const int Height = 8;

    /// <summary>The number of hashes (or entries) in a full tile.</summary>
    public const int FullWidth = 1 << Height;

    /// <summary>The highest tile level this library addresses (level 7 covers Merkle levels 56..63).</summary>
    public const int MaxLevel = 7;

    /// <summary>Creates a tile coordinate.</summary>
    /// <param name="level">The tile level, 0..<see cref="MaxLevel"/>.</param>
    /// <param name="index">The tile index within its level.</param>
    /// <param name="width">The number of hashes, 1..256.</param>
    public Tile(int level, long index, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, FullWidth);
        Level = level;
        Index = index;
        Width = width;
    }

    /// <summary>The tile level.</summary>
    public int Level { get; }

    /// <summary>The tile index within its level.</summary>
    public long Index { get; }

    /// <summary>The number of hashes in the tile.</summary>
    public int Width { get; }

    /// <summary>Whether the tile has fewer than 256 hashes.</summary>
    public bool IsPartial => Width < FullWidth;

    /// <summary>The hash tile path <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
    public string Path => Format(Strict.Decimal(Level));

    /// <summary>The path of the entry bundle with the same index and width, <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>.</summary>
    public string EntriesPath => Format("entries");

    /// <summary>
    /// Lists every tile (full and partial) that exists for a tree of <paramref name="treeSize"/> leaves, level by level.
    /// The level-0 tiles correspond one-to-one with the entry bundles.
    /// </summary>
    /// <param name="treeSize">The tree size.</param>
    /// <returns>The tiles.</returns>
    public static IEnumerable<Tile> ForTreeSize(long treeSize) => Changed(0, treeSize);

    /// <summary>
    /// Lists the tiles that exist for <paramref name="newSize"/> but not for <paramref name="oldSize"/>: the new full
    /// tiles and the new or widened partial tiles, which are what a log must write after growing.
    /// </summary>
    /// <param name="oldSize">The previous tree size.</param>
    /// <param name="newSize">The new tree size.</param>
    /// <returns>The tiles.</returns>
    public static IEnumerable<Tile> Changed(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        return Iterate(oldSize, newSize);

        static IEnumerable<Tile> Iterate(long oldSize, long newSize)
        {
            for (var level = 0; level <= MaxLevel; level++)
            {
                var shift = level * Height;
                var newNodes = newSize >> shift;
                var oldNodes = oldSize >> shift;
                if (newNodes == 0)
                {
                    yield break;
                }

                if (newNodes == oldNodes)
                {
                    continue;
                }

                var last = newNodes >> Height;
                for (var n = oldNodes >> Height; n < last; n++)
                {
                    yield return new Tile(level, n, FullWidth);
                }

                var partial = (int)(newNodes & (FullWidth - 1));
                if (partial > 0)
                {
                    yield return new Tile(level, last, partial);
                }
            }
        }
    }

    /// <summary>Builds the contents of a hash tile: the concatenated 32-byte node hashes it covers.</summary>
    /// <param name="reader">Reads stored node hashes.</param>
    /// <param name="tile">The tile.</param>
    /// <returns><see cref="Width"/> × 32 bytes.</returns>
    public static byte[] BuildHashTile(IHashReader reader, Tile tile)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var data = new byte[tile.Width * MerkleHash.Size];
        var first = checked(tile.Index * FullWidth);
        for (var i = 0; i < tile.Width; i++)
        {
            reader.ReadHash(tile.Level * Height, first + i, data.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
        }

        return data;
    }

    /// <summary>Parses a hash tile path or an entry bundle path.</summary>
    /// <param name="path">The path, e.g. <c>tile/0/x001/x234/067.p/8</c> or <c>tile/entries/000</c>.</param>
    /// <param name="tile">The tile coordinate.</param>
    /// <param name="isEntries">Whether the path names an entry bundle rather than a hash tile.</param>
    /// <returns><see langword="true"/> when the path is canonical and valid.</returns>
    public static bool TryParsePath(string? path, out Tile tile, out bool isEntries)
    {
        tile = default;
        isEntries = false;
        if (path is null)
        {
            return false;
        }

        var parts = path.Split('/');
        if (parts.Length < 3 || parts[0] != "tile")
        {
            return false;
        }

        int level;
        if (parts[1] == "entries")
        {
            isEntries = true;
            level = 0;
        }
        else if (Strict.TryDecimal(parts[1], out var l) && l <= MaxLevel)
        {
            level = (int)l;
        }
        else
        {
            return false;
        }

        var width = FullWidth;
        var end = parts.Length;
        if (parts[^1].Length > 0 && parts.Length >= 4 && parts[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!Strict.TryDecimal(parts[^1], out var w) || w < 1 || w >= FullWidth)
            {
                return false;
            }

            width = (int)w;
            end--;
            parts[end - 1] = parts[end - 1][..^2];
        }

        long index = 0;
        for (var i = 2; i < end; i++)
        {
            var group = parts[i];
            var last = i == end - 1;
            if (!last)
            {
                if (!group.StartsWith('x'))
                {
                    return false;
                }

                group = group[1..];
            }

            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
            {
                return false;
            }

            try
            {
                index = checked((index * 1000) + int.Parse(group, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        tile = new Tile(level, index, width);
        return string.Equals(isEntries ? tile.EntriesPath : tile.Path, path, StringComparison.Ordinal);
    }

    /// <summary>Encodes a tile index as 3-digit path elements, all but the last prefixed with <c>x</c>.</summary>
    internal static string EncodeIndex(long index)
    {
        var digits = Strict.Decimal(index);
        var padded = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        var sb = new StringBuilder();
        for (var i = 0; i < padded.Length; i += 3)
        {
            if (i > 0)
            {
                sb.Append('/');
            }

            if (i + 3 < padded.Length)
            {
                sb.Append('x');
            }

            sb.Append(padded, i, 3);
        }

        return sb.ToString();
    }

    private string Format(string level)
    {
        var path = "tile/" + level + "/" + EncodeIndex(Index);
        return IsPartial ? path + ".p/" + Strict.Decimal(Width) : path;
    }
}
