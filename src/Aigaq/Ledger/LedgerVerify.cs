using System.Net;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>
/// <c>aigaq log verify</c>: checks a served log with nothing but its URL (and, better, its key):
/// the checkpoint's signature, every tile and entry bundle rebuilt into the checkpoint's root, and
/// consistency with the checkpoint remembered in a state file, which then remembers the new one.
/// </summary>
public static class LedgerVerify
{
    public static async Task<IReadOnlyList<string>> RunAsync(
        HttpClient http, Uri baseUrl, string? key, string? stateFile, TextWriter progress, CancellationToken ct)
    {
        var failures = new List<string>();
        Uri At(string path) => new(baseUrl, path);

        NoteVerifier verifier;
        try
        {
            verifier = NoteVerifier.Parse((key ?? await http.GetStringAsync(At("api/v1/log/key"), ct)).Trim());
        }
        catch (Exception ex) when (ex is FormatException or HttpRequestException or ArgumentException)
        {
            return [$"the log key cannot be read: {ex.Message}"];
        }

        SignedNote note;
        Checkpoint checkpoint;
        try
        {
            note = SignedNote.Parse(await http.GetStringAsync(At("log/checkpoint"), ct));
            checkpoint = Checkpoint.Verify(note, verifier);
        }
        catch (Exception ex) when (ex is FormatException or HttpRequestException or NoteVerificationException)
        {
            return [$"the checkpoint does not verify with key {verifier.VerifierKey}: {ex.Message}"];
        }

        await progress.WriteLineAsync($"verify: checkpoint {checkpoint.Origin} size {checkpoint.Size} verifies");

        // Fetch every tile of the tree and every entry bundle; rebuild from the leaves up.
        var tiles = new Dictionary<Tile, byte[]>();
        var all = Tile.ForTreeSize(checkpoint.Size).ToList();
        var fetched = 0;
        foreach (var tile in all)
        {
            var bytes = await FetchAsync(http, At("log/" + tile.Path), ct);
            if (bytes is null || bytes.Length != tile.Width * MerkleHash.Size)
            {
                failures.Add($"tile {tile.Path} is missing or has the wrong length");
            }
            else
            {
                tiles[tile] = bytes;
            }

            if (++fetched % 1000 == 0)
            {
                await progress.WriteLineAsync($"verify: {fetched}/{all.Count} tiles fetched");
            }
        }

        if (failures.Count > 0)
        {
            return failures;
        }

        var range = new CompactRange();
        var nodes = new Dictionary<(int Level, long Index), byte[]>();
        foreach (var tile in all.Where(t => t.Level == 0))
        {
            var bundle = await FetchAsync(http, At("log/" + tile.EntriesPath), ct);
            IReadOnlyList<byte[]> entries;
            try
            {
                entries = bundle is null ? throw new FormatException("missing") : EntryBundle.Decode(bundle, tile.Width);
            }
            catch (FormatException ex)
            {
                failures.Add($"entry bundle {tile.EntriesPath} cannot be read: {ex.Message}");
                continue;
            }

            var leaves = tiles[tile];
            for (var i = 0; i < entries.Count; i++)
            {
                var leaf = MerkleHash.Leaf(entries[i]);
                if (!leaf.AsSpan().SequenceEqual(leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size)))
                {
                    failures.Add($"tile {tile.Path}: leaf hash {i} (log index {(tile.Index * Tile.FullWidth) + i}) is not the hash of entry {i} of {tile.EntriesPath}");
                }

                range.Append(leaf, (level, index, hash) =>
                {
                    if (level > 0 && level % Tile.Height == 0)
                    {
                        nodes[(level, index)] = hash.ToArray();
                    }
                });
            }
        }

        foreach (var tile in all.Where(t => t.Level > 0))
        {
            var data = tiles[tile];
            for (var i = 0; i < tile.Width; i++)
            {
                if (!nodes.TryGetValue((tile.Level * Tile.Height, (tile.Index * Tile.FullWidth) + i), out var hash)
                    || !hash.AsSpan().SequenceEqual(data.AsSpan(i * MerkleHash.Size, MerkleHash.Size)))
                {
                    failures.Add($"tile {tile.Path}: hash {i} is not the hash of the tiles below it");
                    break;
                }
            }
        }

        if (range.Size == checkpoint.Size && !range.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            failures.Add($"the root rebuilt from the entry bundles differs from checkpoint {checkpoint.Size}");
        }

        if (!MerkleProof.RootHash(new TileHashReader(checkpoint.Size, t => tiles[t]), checkpoint.Size).AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            failures.Add($"the root rebuilt from the tiles differs from checkpoint {checkpoint.Size}");
        }

        await progress.WriteLineAsync($"verify: {checkpoint.Size} entries rebuilt from {all.Count} tiles");

        if (stateFile is not null)
        {
            await CheckStateAsync(failures, checkpoint, verifier, new TileHashReader(checkpoint.Size, t => tiles[t]), stateFile, ct);
            if (failures.Count == 0)
            {
                var temp = stateFile + ".tmp";
                await File.WriteAllTextAsync(temp, note.Format(), ct);
                File.Move(temp, stateFile, overwrite: true);
            }
        }

        return failures;
    }

    private static async Task CheckStateAsync(List<string> failures, Checkpoint current, NoteVerifier verifier, IHashReader reader, string stateFile, CancellationToken ct)
    {
        if (!File.Exists(stateFile))
        {
            return;
        }

        Checkpoint old;
        try
        {
            old = Checkpoint.Verify(SignedNote.Parse(await File.ReadAllTextAsync(stateFile, Encoding.UTF8, ct)), verifier);
        }
        catch (Exception ex) when (ex is FormatException or NoteVerificationException)
        {
            failures.Add($"the remembered checkpoint in {stateFile} does not verify with this key: {ex.Message}");
            return;
        }

        if (old.Size > current.Size)
        {
            failures.Add($"the log shrank: remembered size {old.Size}, now {current.Size}");
            return;
        }

        try
        {
            var proof = MerkleProof.ConsistencyProof(reader, old.Size, current.Size);
            var consistent = old.Size == current.Size
                ? old.RootHash.SequenceEqual(current.RootHash)
                : MerkleProof.VerifyConsistency(old.Size, current.Size, proof, old.RootHash, current.RootHash);
            if (!consistent)
            {
                failures.Add($"checkpoint {current.Size} is not consistent with the remembered checkpoint {old.Size}: the log was rewritten");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or KeyNotFoundException)
        {
            failures.Add($"no consistency proof from {old.Size} to {current.Size}: {ex.Message}");
        }
    }

    private static async Task<byte[]?> FetchAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync(ct) : null;
    }
}
