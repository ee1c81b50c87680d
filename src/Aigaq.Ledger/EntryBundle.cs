using System.Buffers.Binary;

namespace Aigaq.Ledger;

/// <summary>
/// c2sp.org/tlog-tiles entry bundles: the entries of one level-0 tile, each prefixed by its length as a
/// big-endian uint16.
/// </summary>
public static class EntryBundle
{
    /// <summary>The largest entry a bundle can hold.</summary>
    public const int MaxEntrySize = ushort.MaxValue;

    /// <summary>Encodes entries into a bundle.</summary>
    /// <param name="entries">At most 256 entries of at most 65535 bytes each.</param>
    /// <returns>The bundle bytes.</returns>
    public static byte[] Encode(IEnumerable<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        if (list.Count > Tile.FullWidth)
        {
            throw new ArgumentException("A bundle holds at most 256 entries.", nameof(entries));
        }

        var total = 0;
        foreach (var e in list)
        {
            if (e.Length > MaxEntrySize)
            {
                throw new ArgumentException("An entry is at most 65535 bytes.", nameof(entries));
            }

            total = checked(total + 2 + e.Length);
        }

        var result = new byte[total];
        var pos = 0;
        foreach (var e in list)
        {
            BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(pos), (ushort)e.Length);
            e.Span.CopyTo(result.AsSpan(pos + 2));
            pos += 2 + e.Length;
        }

        return result;
    }

    /// <summary>Decodes a bundle strictly.</summary>
    /// <param name="bundle">The bundle bytes.</param>
    /// <param name="expectedCount">When given, the exact number of entries required (the tile width).</param>
    /// <returns>The entries.</returns>
    /// <exception cref="FormatException">The bundle is truncated, too long, or has the wrong count.</exception>
    public static IReadOnlyList<byte[]> Decode(ReadOnlySpan<byte> bundle, int? expectedCount = null)
    {
        var entries = new List<byte[]>();
        while (!bundle.IsEmpty)
        {
            if (bundle.Length < 2)
            {
                throw new FormatException("Truncated entry length.");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            if (bundle.Length < 2 + length)
            {
                throw new FormatException("Truncated entry.");
            }

            entries.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
            if (entries.Count > Tile.FullWidth)
            {
                throw new FormatException("A bundle holds at most 256 entries.");
            }
        }

        if (expectedCount is { } n && entries.Count != n)
        {
            throw new FormatException($"Expected {n} entries, found {entries.Count}.");
        }

        return entries;
    }
}
