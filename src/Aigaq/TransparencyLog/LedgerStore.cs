using System.Text;
using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.TransparencyLog;

/// <summary>Reads what the integrator stored: the latest checkpoint, hash tiles and entry bundles.</summary>
internal static class LedgerStore
{
    public static Task<LedgerCheckpoint?> LatestAsync(AigaqDb db, CancellationToken ct) =>
        db.Set<LedgerCheckpoint>().AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);

    /// <summary>The latest checkpoint that some witness cosigned, with all its cosignature lines, or null.</summary>
    public static async Task<string?> LatestCosignedAsync(AigaqDb db, CancellationToken ct)
    {
        var size = await db.Set<LedgerCosignature>().MaxAsync(c => (long?)c.Size, ct);
        return size is null ? null : await CosignedNoteAsync(db, size.Value, ct);
    }

    /// <summary>The checkpoint of that size with the cosignature lines held for it appended (signed-note allows extra lines).</summary>
    public static async Task<string?> CosignedNoteAsync(AigaqDb db, long size, CancellationToken ct)
    {
        var checkpoint = await db.Set<LedgerCheckpoint>().AsNoTracking().FirstOrDefaultAsync(c => c.Size == size, ct);
        if (checkpoint is null)
        {
            return null;
        }

        var lines = await db.Set<LedgerCosignature>().AsNoTracking().Where(c => c.Size == size)
            .OrderBy(c => c.Witness).Select(c => c.Line).ToListAsync(ct);
        return checkpoint.Note + string.Concat(lines);
    }

    /// <summary>
    /// The earliest cosigned checkpoint that holds the entry at <paramref name="index"/> (size greater than it):
    /// its size, the earliest time a witness put in its cosignature, and the witnesses. Null when none yet.
    /// An entry cannot be back-dated before that time without the witnesses' signatures contradicting the log.
    /// </summary>
    public static async Task<WitnessedView?> EarliestWitnessedAsync(AigaqDb db, long index, CancellationToken ct)
    {
        var size = await db.Set<LedgerCosignature>().Where(c => c.Size > index).MinAsync(c => (long?)c.Size, ct);
        if (size is null)
        {
            return null;
        }

        var cosignatures = await db.Set<LedgerCosignature>().AsNoTracking().Where(c => c.Size == size).ToListAsync(ct);
        return new WitnessedView(
            size.Value,
            cosignatures.Min(c => c.SignedAt),
            [.. cosignatures.Select(c => c.Witness).Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Fetches hash tiles for a <see cref="TileHashReader"/>: the stored (widest) tile, cut to the
    /// width asked for. A tile that is not stored, or narrower than asked, is an error.
    /// </summary>
    public static Func<Tile, ReadOnlyMemory<byte>> Fetcher(AigaqDb db) => tile =>
    {
        var row = db.Set<LedgerTile>().AsNoTracking()
            .Where(t => t.Level == tile.Level && t.Index == tile.Index)
            .Select(t => new { t.Width, t.Data })
            .FirstOrDefault();
        if (row is null || row.Width < tile.Width)
        {
            throw new InvalidDataException($"Tile {tile.Path} is not stored.");
        }

        var length = tile.Width * MerkleHash.Size;
        return row.Data.Length < length ? row.Data : row.Data.AsMemory(0, length);
    };

    /// <summary>The hash tile as served, or null when the tree has no such tile yet.</summary>
    public static async Task<byte[]?> HashTileAsync(AigaqDb db, Tile tile, CancellationToken ct)
    {
        var row = await db.Set<LedgerTile>().AsNoTracking()
            .Where(t => t.Level == tile.Level && t.Index == tile.Index)
            .Select(t => new { t.Width, t.Data })
            .FirstOrDefaultAsync(ct);
        var length = tile.Width * MerkleHash.Size;
        return row is null || row.Width < tile.Width || row.Data.Length < length ? null : row.Data[..length];
    }

    /// <summary>The entry bundle as served, or null when the integrated tree does not hold all of it.</summary>
    public static async Task<byte[]?> EntryBundleAsync(AigaqDb db, Tile tile, long treeSize, CancellationToken ct)
    {
        var first = tile.Index * Tile.FullWidth;
        var end = first + tile.Width;
        if (end > treeSize)
        {
            return null;
        }

        var entries = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Index >= first && e.Index < end)
            .OrderBy(e => e.Index)
            .Select(e => e.Entry)
            .ToListAsync(ct);
        return entries.Count != tile.Width
            ? null
            : EntryBundle.Encode(entries.Select(e => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(e)));
    }
}
