using System.Text;
using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Ledger;

/// <summary>
/// <c>aigaq log audit</c>: checks every registered record in the database against its log entry,
/// and the log against its stored tiles and signed checkpoints. Each failure is one line naming the
/// record id, the log index, the tile or the checkpoint concerned.
/// </summary>
public static class LedgerAudit
{
    public const string FacilityRegistered = "facility.registered";

    private sealed record Committed(long Index, string Commitment, string Salt);

    public static async Task<IReadOnlyList<string>> RunAsync(AigaqDb db, NoteVerifier? logKey, TextWriter progress, CancellationToken ct)
    {
        var failures = new List<string>();
        var checkpoints = await db.Set<LedgerCheckpoint>().AsNoTracking().OrderBy(c => c.Size).ToListAsync(ct);
        var latestSize = checkpoints.Count == 0 ? 0 : checkpoints[^1].Size;
        var bySize = checkpoints.ToDictionary(c => c.Size);

        // Entries, in index order: contiguity, leaf hashes, the entry's own fields, and the tree.
        var range = new CompactRange();
        var computed = new Dictionary<(int Level, long Index), byte[]>();
        var entries = new Dictionary<(string Kind, Guid RecordId), List<Committed>>();
        long expected = 0;
        if (bySize.TryGetValue(0, out var empty))
        {
            CheckRoot(failures, empty, range);
        }

        await foreach (var e in db.Set<LedgerEntry>().AsNoTracking().OrderBy(e => e.Index).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Index != expected)
            {
                failures.Add(e.Index > expected
                    ? $"log indices are not contiguous: {expected}..{e.Index - 1} are missing before entry {e.Id}"
                    : $"log index {e.Index} is duplicated (entry {e.Id})");
                expected = e.Index;
            }

            var leaf = MerkleHash.Leaf(Encoding.UTF8.GetBytes(e.Entry));
            if (!string.Equals(Convert.ToBase64String(leaf), e.LeafHash, StringComparison.Ordinal))
            {
                failures.Add($"log index {e.Index}: the stored leaf hash is not the hash of its entry");
            }

            CheckEntryFields(failures, e);
            if (e.Index == range.Size)
            {
                range.Append(leaf, (level, index, hash) =>
                {
                    if (level % Tile.Height == 0 && index < (latestSize >> level) + 1)
                    {
                        computed[(level, index)] = hash.ToArray();
                    }
                });
                if (bySize.TryGetValue(range.Size, out var checkpoint))
                {
                    CheckRoot(failures, checkpoint, range);
                }
            }

            if (!entries.TryGetValue((e.Kind, e.RecordId), out var list))
            {
                entries[(e.Kind, e.RecordId)] = list = [];
            }

            list.Add(new Committed(e.Index, e.Commitment, e.Salt));
            expected++;
            if (expected % 100_000 == 0)
            {
                await progress.WriteLineAsync($"audit: {expected} entries read");
            }
        }

        if (range.Size < latestSize)
        {
            failures.Add($"checkpoint {latestSize} covers more entries than the {range.Size} contiguous ones stored");
        }

        CheckCheckpoints(failures, checkpoints, logKey);
        await CheckTilesAsync(db, failures, computed, latestSize, ct);
        await CheckRecordsAsync(db, failures, entries, progress, ct);
        return failures;
    }

    private static void CheckEntryFields(List<string> failures, LedgerEntry e)
    {
        try
        {
            var json = JsonNode.Parse(e.Entry)?.AsObject();
            if (json?["kind"]?.GetValue<string>() != e.Kind
                || json["recordId"]?.GetValue<string>() != e.RecordId.ToString()
                || json["commitment"]?.GetValue<string>() != e.Commitment)
            {
                failures.Add($"log index {e.Index}: the entry's kind, recordId or commitment differs from its columns ({e.Kind} {e.RecordId})");
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            failures.Add($"log index {e.Index}: the entry is not valid JSON");
        }
    }

    private static void CheckRoot(List<string> failures, LedgerCheckpoint checkpoint, CompactRange range)
    {
        if (!string.Equals(Convert.ToBase64String(range.Root()), checkpoint.Root, StringComparison.Ordinal))
        {
            failures.Add($"checkpoint {checkpoint.Size}: its root differs from the tree rebuilt from the log entries");
        }
    }

    /// <summary>Each checkpoint is signed by the log key, says what its row says, and is consistent with the next.</summary>
    private static void CheckCheckpoints(List<string> failures, List<LedgerCheckpoint> checkpoints, NoteVerifier? logKey)
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
    private static async Task CheckTilesAsync(AigaqDb db, List<string> failures, Dictionary<(int Level, long Index), byte[]> computed, long latestSize, CancellationToken ct)
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
                if (!computed.TryGetValue((tile.Level * Tile.Height, first + i), out var hash)
                    || !row.Data.AsSpan(i * MerkleHash.Size, MerkleHash.Size).SequenceEqual(hash))
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

    /// <summary>Recomputes the commitment of every record of a known kind, and pairs records with entries.</summary>
    private static async Task CheckRecordsAsync(
        AigaqDb db, List<string> failures, Dictionary<(string Kind, Guid RecordId), List<Committed>> entries, TextWriter progress, CancellationToken ct)
    {
        var seen = new HashSet<(string, Guid)>();

        void Check(string kind, Guid id, string what, Func<JsonObject> content)
        {
            seen.Add((kind, id));
            if (!entries.TryGetValue((kind, id), out var list))
            {
                failures.Add($"{what} {id} has no log entry ({kind})");
                return;
            }

            if (list.Count > 1)
            {
                failures.Add($"{what} {id} has {list.Count} log entries ({kind}) at indices {string.Join(", ", list.Select(c => c.Index))}");
            }

            foreach (var c in list)
            {
                var commitment = LedgerWriter.Commit(Convert.FromBase64String(c.Salt), content());
                if (!string.Equals(commitment, c.Commitment, StringComparison.Ordinal))
                {
                    failures.Add($"{what} {id} differs from what log index {c.Index} commits to ({kind})");
                }
            }
        }

        await foreach (var d in db.Set<Detention>().AsNoTracking().Include(d => d.Contacts).AsSplitQuery().AsAsyncEnumerable().WithCancellation(ct))
        {
            Check(DetentionLedger.Registered, d.Id, "detention", () => DetentionLedger.Content(d));
        }

        await foreach (var e in db.Set<DetentionEvent>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            Check(DetentionLedger.Event, e.Id, "detention event", () => DetentionLedger.Content(e));
        }

        await foreach (var f in db.Set<Facility>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            Check(FacilityRegistered, f.Id, "facility", () => LedgerWriter.Content(FacilityView.From(f)));
        }

        string[] known = [DetentionLedger.Registered, DetentionLedger.Event, FacilityRegistered];
        foreach (var ((kind, id), list) in entries)
        {
            if (known.Contains(kind) && !seen.Contains((kind, id)))
            {
                failures.Add($"log index {string.Join(", ", list.Select(c => c.Index))} ({kind} {id}) has no record: it was deleted");
            }
        }

        await progress.WriteLineAsync($"audit: {seen.Count} records checked");
    }
}
