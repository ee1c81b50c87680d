using System.Net;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>
/// <c>aigaq log verify</c>: checks a served log with nothing but its URL (and, better, its key):
/// the checkpoint's signature, every tile and entry bundle rebuilt into the checkpoint's root, and
/// consistency with the checkpoint remembered in a state file, which then remembers the new one. Given witness keys,
/// also the latest cosigned checkpoint: each witness's cosignature/v1 line, the quorum, and the consistency of that
/// checkpoint with the one verified and with the remembered one.
/// An outside auditor (a supervisory body, a witness operator) runs it from this library alone, without Aigaq.
/// </summary>
public static class LedgerVerify
{
    /// <summary>
    /// Verifies the log at <paramref name="baseUrl"/> against <paramref name="key"/> (its verifier key; fetched from the
    /// log when null, which proves only self-consistency) and the checkpoint remembered in <paramref name="stateFile"/>.
    /// Returns the failures, each naming what failed; none when all holds.
    /// </summary>
    public static Task<IReadOnlyList<string>> RunAsync(
        HttpClient http, Uri baseUrl, string? key, string? stateFile, TextWriter progress, CancellationToken ct) =>
        RunAsync(http, baseUrl, key, stateFile, [], 0, progress, ct);

    /// <summary>
    /// Verifies the log at <paramref name="baseUrl"/>; with <paramref name="witnesses"/> (cosignature/v1 keys), also that at
    /// least <paramref name="quorum"/> of them cosigned the latest cosigned checkpoint and that it is consistent with the
    /// verified checkpoint and the remembered one. Returns the failures, each naming what failed; none when all holds.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(
        HttpClient http, Uri baseUrl, string? key, string? stateFile, IReadOnlyList<NoteVerifier> witnesses, int quorum, TextWriter progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        if (witnesses.Count > 0 && (quorum < 1 || quorum > witnesses.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(quorum), $"the quorum must be between 1 and the number of witnesses ({witnesses.Count})");
        }

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

        // The cosigned checkpoint before the latest one: the log only grows, so it is never ahead of it.
        SignedNote? cosignedNote = null;
        if (witnesses.Count > 0)
        {
            try
            {
                var body = await FetchAsync(http, At("api/v1/log/checkpoints/cosigned"), ct);
                if (body is null)
                {
                    return [$"the log serves no cosigned checkpoint: none of the witnesses {Names(witnesses)} has cosigned (quorum {quorum})"];
                }

                cosignedNote = SignedNote.Parse(body);
            }
            catch (Exception ex) when (ex is FormatException or HttpRequestException)
            {
                return [$"the cosigned checkpoint cannot be read: {ex.Message}"];
            }
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

        var reader = new TileHashReader(checkpoint.Size, t => tiles[t]);
        if (cosignedNote is not null)
        {
            await CheckCosignedAsync(failures, cosignedNote, checkpoint, verifier, witnesses, quorum, reader, stateFile, progress, ct);
        }

        if (stateFile is not null)
        {
            await CheckStateAsync(failures, checkpoint, verifier, reader, stateFile, ct);
            if (failures.Count == 0)
            {
                var temp = stateFile + ".tmp";
                await File.WriteAllTextAsync(temp, note.Format(), ct);
                File.Move(temp, stateFile, overwrite: true);
            }
        }

        return failures;
    }

    /// <summary>
    /// The cosigned checkpoint: signed by the log, each given witness's cosignature (named when it does not verify or
    /// is missing), the quorum, and consistency with the verified checkpoint and with the one remembered in the state file.
    /// </summary>
    private static async Task CheckCosignedAsync(
        List<string> failures, SignedNote note, Checkpoint current, NoteVerifier verifier, IReadOnlyList<NoteVerifier> witnesses, int quorum,
        IHashReader reader, string? stateFile, TextWriter progress, CancellationToken ct)
    {
        Checkpoint cosigned;
        try
        {
            cosigned = Checkpoint.Verify(note, verifier);
        }
        catch (Exception ex) when (ex is FormatException or NoteVerificationException)
        {
            failures.Add($"the cosigned checkpoint does not verify with key {verifier.VerifierKey}: {ex.Message}");
            return;
        }

        var checks = Cosignatures.Check(note, witnesses);
        var verified = 0;
        var notVerified = new List<string>();
        foreach (var c in checks)
        {
            switch (c.Status)
            {
                case CosignatureStatus.Verified:
                    verified++;
                    await progress.WriteLineAsync($"verify: witness {c.Name} cosigned checkpoint {cosigned.Size} at {c.At:O}");
                    break;
                case CosignatureStatus.Invalid:
                    var key = witnesses.First(w => w.Name == c.Name && w.KeyId == c.KeyId);
                    failures.Add($"the cosignature of witness {c.Name} on checkpoint {cosigned.Size} does not verify with key {key.VerifierKey}");
                    notVerified.Add($"{c.Name} (cosignature does not verify)");
                    break;
                default:
                    var others = note.Signatures.Where(s => s.Name == c.Name).Select(s => $"{s.KeyId:x8}").ToList();
                    notVerified.Add(others.Count == 0
                        ? $"{c.Name} (no cosignature)"
                        : $"{c.Name} (signed with key ID {string.Join(", ", others)}, not {c.KeyId:x8} of the key given)");
                    break;
            }
        }

        if (verified < quorum)
        {
            failures.Add($"witness quorum not met on cosigned checkpoint {cosigned.Size}: {verified} of the {quorum} required; not verified: {string.Join("; ", notVerified)}");
        }

        if (cosigned.Size > current.Size)
        {
            failures.Add($"the cosigned checkpoint {cosigned.Size} is ahead of the latest checkpoint {current.Size}");
            return;
        }

        if (!Consistent(reader, cosigned, current, out var error))
        {
            failures.Add($"the cosigned checkpoint {cosigned.Size} is not consistent with checkpoint {current.Size}{error}: the log shows witnesses another tree");
        }

        if (stateFile is null || !File.Exists(stateFile))
        {
            return;
        }

        Checkpoint old;
        try
        {
            old = Checkpoint.Parse(SignedNote.Parse(await File.ReadAllTextAsync(stateFile, Encoding.UTF8, ct)).Text);
        }
        catch (FormatException)
        {
            return; // CheckStateAsync reports the state file itself.
        }

        if (old.Size <= current.Size
            && !(old.Size <= cosigned.Size ? Consistent(reader, old, cosigned, out error) : Consistent(reader, cosigned, old, out error)))
        {
            failures.Add($"the cosigned checkpoint {cosigned.Size} is not consistent with the remembered checkpoint {old.Size}{error}");
        }
    }

    /// <summary>Whether <paramref name="older"/> is a prefix of <paramref name="newer"/>, by a proof from the tiles.</summary>
    private static bool Consistent(IHashReader reader, Checkpoint older, Checkpoint newer, out string error)
    {
        error = string.Empty;
        if (older.Size == newer.Size)
        {
            return older.RootHash.SequenceEqual(newer.RootHash);
        }

        try
        {
            var proof = MerkleProof.ConsistencyProof(reader, older.Size, newer.Size);
            return MerkleProof.VerifyConsistency(older.Size, newer.Size, proof, older.RootHash, newer.RootHash);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or KeyNotFoundException)
        {
            error = $" (no consistency proof: {ex.Message})";
            return false;
        }
    }

    private static string Names(IEnumerable<NoteVerifier> witnesses) => string.Join(", ", witnesses.Select(w => w.Name));

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
