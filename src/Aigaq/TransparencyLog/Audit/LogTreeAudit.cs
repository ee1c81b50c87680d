using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.TransparencyLog.Audit;

/// <summary>The tree's side of the audit: the rebuilt roots against the signed checkpoints, and the stored tiles.</summary>
internal static class LogTreeAudit
{
    /// <summary>
    /// The node hashes of tile levels (every <see cref="Tile.Height"/>th level) rebuilt from the entries, one flat array
    /// per level: the tree appends nodes of a level in index order, so a node is known when its index is below the count.
    /// </summary>
    internal sealed class TileLevels(long latestSize)
    {
        private readonly byte[]?[] _data = new byte[64 / Tile.Height][];
        private readonly long[] _count = new long[64 / Tile.Height];

        public void Set(int level, long index, ReadOnlySpan<byte> hash)
        {
            var k = level / Tile.Height;
            var data = _data[k] ??= new byte[checked(((latestSize >> level) + 1) * MerkleHash.Size)];
            hash.CopyTo(data.AsSpan(checked((int)(index * MerkleHash.Size))));
            _count[k] = Math.Max(_count[k], index + 1);
        }

        /// <summary>The hash, or an empty span when it was not rebuilt.</summary>
        public ReadOnlySpan<byte> Get(int level, long index)
        {
            var k = level / Tile.Height;
            return k < _data.Length && _data[k] is { } data && index < _count[k]
                ? data.AsSpan(checked((int)(index * MerkleHash.Size)), MerkleHash.Size)
                : [];
        }
    }

    internal static void CheckRoot(List<string> failures, LedgerCheckpoint checkpoint, CompactRange range)
    {
        if (!string.Equals(Convert.ToBase64String(range.Root()), checkpoint.Root, StringComparison.Ordinal))
        {
            failures.Add($"checkpoint {checkpoint.Size}: its root differs from the tree rebuilt from the log entries");
        }
    }

    /// <summary>Each checkpoint is signed by the log key, says what its row says, and is consistent with the next.</summary>
    internal static void CheckCheckpoints(List<string> failures, List<LedgerCheckpoint> checkpoints, NoteVerifier? logKey)
    {
        if (logKey is null && checkpoints.Count > 0)
        {
            failures.Add("the log's signing key is missing, so checkpoint signatures cannot be checked");
        }

        foreach (var c in checkpoints)
        {
            try
            {
                var note = SignedNote.Parse(c.Note);
                var parsed = logKey is null ? Checkpoint.Parse(note.Text) : Checkpoint.Verify(note, logKey);
                if (parsed.Size != c.Size || !string.Equals(Convert.ToBase64String(parsed.RootHash), c.Root, StringComparison.Ordinal))
                {
                    failures.Add($"checkpoint {c.Size}: the signed note says size {parsed.Size} and another root than its row");
                }
            }
            catch (Exception ex) when (ex is FormatException or NoteVerificationException)
            {
                failures.Add($"checkpoint {c.Size}: its signed note does not verify with the log key ({ex.Message})");
            }
        }
    }

    /// <summary>Every tile of the latest tree, compared with the hashes rebuilt from the entries; consistency of successive checkpoints from the stored tiles.</summary>
    internal static async Task CheckTilesAsync(AigaqDb db, List<string> failures, TileLevels computed, long latestSize, CancellationToken ct)
    {
        var stored = await db.Set<LedgerTile>().AsNoTracking().ToDictionaryAsync(t => (t.Level, t.Index), ct);
        var expected = Tile.ForTreeSize(latestSize).ToList();
        foreach (var tile in expected)
        {
            if (!stored.Remove((tile.Level, tile.Index), out var row))
            {
                failures.Add($"tile {tile.Path} is missing");
                continue;
            }

            if (row.Width != tile.Width || row.Data.Length != tile.Width * MerkleHash.Size)
            {
                failures.Add($"tile {tile.Path} is stored with width {row.Width} and {row.Data.Length} bytes");
                continue;
            }

            var first = tile.Index * Tile.FullWidth;
            for (var i = 0; i < tile.Width; i++)
            {
                var hash = computed.Get(tile.Level * Tile.Height, first + i);
                if (hash.IsEmpty || !row.Data.AsSpan(i * MerkleHash.Size, MerkleHash.Size).SequenceEqual(hash))
                {
                    failures.Add($"tile {tile.Path}: hash {i} differs from the tree rebuilt from the log entries");
                    break;
                }
            }
        }

        foreach (var extra in stored.Values)
        {
            failures.Add($"tile {new Tile(extra.Level, extra.Index, Math.Clamp(extra.Width, 1, Tile.FullWidth)).Path} lies beyond the latest checkpoint");
        }
    }
}
