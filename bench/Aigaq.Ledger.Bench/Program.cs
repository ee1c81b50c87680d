using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aigaq.Ledger;

// Micro-benchmarks of the transparency log's library on one core (see bench/README.md):
// raw SHA-256 against tree hashing, proof generation from tiles at 1,000,000 entries, and
// receipt verification (without and with one witness cosignature). Each figure is the median of several repetitions; prints a JSON line.
var size = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var random = new Random(20261128);

// Entries shaped like the application's: RFC 8785 JSON of kind, recordId, recordedAt, commitment.
var entries = new byte[size][];
for (var i = 0; i < size; i++)
{
    var commitment = new byte[32];
    random.NextBytes(commitment);
    entries[i] = Encoding.UTF8.GetBytes(
        $"{{\"commitment\":\"{Convert.ToBase64String(commitment)}\",\"kind\":\"detention.registered\",\"recordId\":\"{Guid.CreateVersion7()}\",\"recordedAt\":\"2026-11-28T18:00:00.{i % 1000000:D6}Z\"}}");
}

var bytes = entries.Sum(e => (long)e.Length);

// 1. Raw SHA-256 of each entry: the machine's ceiling for hashing these bytes.
var digest = new byte[32];
var raw = Median(repetitions, () =>
{
    var clock = Stopwatch.StartNew();
    foreach (var e in entries)
    {
        SHA256.HashData(e, digest);
    }

    return clock.Elapsed.TotalSeconds;
});

// 2. The tree: leaf hash of each entry and the compact range's node hashes, every node kept
//    (as the integrator keeps them for tiles).
var levels = new List<byte[]>();
var tree = Median(repetitions, () =>
{
    levels.Clear();
    var clock = Stopwatch.StartNew();
    var range = new CompactRange();
    var leaf = new byte[32];
    foreach (var e in entries)
    {
        MerkleHash.Leaf(e, leaf);
        range.Append(leaf, (level, index, hash) =>
        {
            while (levels.Count <= level)
            {
                levels.Add(new byte[(size >> levels.Count) * 32 + 32]);
            }

            hash.CopyTo(levels[level].AsSpan((int)(index * 32), 32));
        });
    }

    _ = range.Root();
    return clock.Elapsed.TotalSeconds;
});

// Tiles for the tree, built from the kept nodes the way the integrator builds them.
var stored = new StoredNodes(levels);
var tiles = Tile.ForTreeSize(size).ToDictionary(t => t, t => (ReadOnlyMemory<byte>)Tile.BuildHashTile(stored, t));
var root = MerkleProof.RootHash(new TileHashReader(size, t => tiles[t]), size);

// 3. Proof generation from tiles, each with a fresh reader (no cache carried between proofs).
const int Proofs = 2000;
var indices = Enumerable.Range(0, Proofs).Select(_ => random.NextInt64(size)).ToArray();
var inclusion = Median(repetitions, () =>
{
    var clock = Stopwatch.StartNew();
    foreach (var index in indices)
    {
        _ = MerkleProof.InclusionProof(new TileHashReader(size, t => tiles[t]), index, size);
    }

    return clock.Elapsed.TotalSeconds / Proofs;
});
var consistency = Median(repetitions, () =>
{
    var clock = Stopwatch.StartNew();
    foreach (var index in indices)
    {
        _ = MerkleProof.ConsistencyProof(new TileHashReader(size, t => tiles[t]), Math.Max(1, index), size);
    }

    return clock.Elapsed.TotalSeconds / Proofs;
});

// 4. Receipt verification: parse a C2SP tlog-proof, check the checkpoint's Ed25519 signature and
//    the inclusion path, as a defender's tool does for one receipt.
using var signer = NoteSigner.Generate("aigaq.bench/log");
var note = new Checkpoint("aigaq.bench/log", size, root).Sign(signer);
var receipts = indices.Take(500).Select(i => (Leaf: MerkleHash.Leaf(entries[i]),
    Text: new TlogProof(i, MerkleProof.InclusionProof(new TileHashReader(size, t => tiles[t]), i, size), note).Format())).ToArray();
var verify = Median(repetitions, () =>
{
    var clock = Stopwatch.StartNew();
    foreach (var (leaf, text) in receipts)
    {
        _ = TlogProof.Parse(text).Verify(leaf, signer.Verifier, origin: "aigaq.bench/log");
    }

    return clock.Elapsed.TotalSeconds / receipts.Length;
});

// 5. The same with one witness cosignature (cosignature/v1) on the checkpoint: the spec's check (log signature,
//    the witness's line with a quorum of one, the inclusion path), and the per-line check the receipt check adds
//    to name each witness (Cosignatures.CheckLines), each for one receipt.
using var witness = NoteSigner.Generate("aigaq.bench/witness", NoteKeyType.Cosignature);
var cosignedNote = note.AddSignatures(witness);
var cosignedReceipts = receipts.Select(r => (r.Leaf, Text: new TlogProof(TlogProof.Parse(r.Text).Index, TlogProof.Parse(r.Text).InclusionProof, cosignedNote).Format())).ToArray();
NoteVerifier[] witnessKeys = [witness.Verifier];
var verifyCosigned = Median(repetitions, () =>
{
    var clock = Stopwatch.StartNew();
    foreach (var (leaf, text) in cosignedReceipts)
    {
        _ = TlogProof.Parse(text).Verify(leaf, signer.Verifier, witnessKeys, witnessQuorum: 1, origin: "aigaq.bench/log");
    }

    return clock.Elapsed.TotalSeconds / cosignedReceipts.Length;
});
var checkLines = Median(repetitions, () =>
{
    var clock = Stopwatch.StartNew();
    foreach (var (_, text) in cosignedReceipts)
    {
        var lines = Cosignatures.CheckLines(TlogProof.Parse(text).Checkpoint, signer.Verifier, witnessKeys);
        if (lines[0].Status != CosignatureStatus.Verified)
        {
            throw new InvalidOperationException("The bench's cosignature does not verify.");
        }
    }

    return clock.Elapsed.TotalSeconds / cosignedReceipts.Length;
});

var result = new
{
    size,
    repetitions,
    entryBytes = bytes,
    rawSha256MBps = Math.Round(bytes / raw / 1e6, 1),
    rawSha256PerSecond = Math.Round(size / raw),
    treeLeavesPerSecond = Math.Round(size / tree),
    treeMBps = Math.Round(bytes / tree / 1e6, 1),
    treeToRawRatio = Math.Round(raw / tree, 3),
    inclusionProofUs = Math.Round(inclusion * 1e6, 1),
    consistencyProofUs = Math.Round(consistency * 1e6, 1),
    receiptVerifyUs = Math.Round(verify * 1e6, 1),
    cosignedReceiptVerifyUs = Math.Round(verifyCosigned * 1e6, 1),
    cosignatureLinesCheckUs = Math.Round(checkLines * 1e6, 1),
};
Console.WriteLine(JsonSerializer.Serialize(result));

static double Median(int repetitions, Func<double> run)
{
    run(); // warm-up
    var times = Enumerable.Range(0, repetitions).Select(_ => run()).Order().ToList();
    return times[times.Count / 2];
}

/// <summary>Node hashes kept level by level, read as the tiles' source.</summary>
internal sealed class StoredNodes(List<byte[]> levels) : IHashReader
{
    public void ReadHash(int level, long index, Span<byte> destination) =>
        levels[level].AsSpan((int)(index * 32), 32).CopyTo(destination);
}
