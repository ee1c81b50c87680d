using System.Security.Cryptography;

namespace Aigaq.Ledger.Tests;

/// <summary>A log that stores only tiles and entry bundles, and a verifier that trusts nothing but keys.</summary>
public class EndToEndTests
{
    private sealed class TileStore : IHashReader
    {
        public Dictionary<string, byte[]> Files { get; } = [];

        public Dictionary<(int, long), byte[]> Nodes { get; } = [];

        // The writer's own node-hash store, filled by CompactRange; only tiles and bundles are published.
        public void ReadHash(int level, long index, Span<byte> destination)
        {
            if (Nodes.TryGetValue((level, index), out var h))
            {
                h.CopyTo(destination);
                return;
            }

            throw new KeyNotFoundException($"{level}/{index}");
        }
    }

    [Fact]
    public void Log_published_as_tiles_is_verifiable_from_tiles_checkpoints_and_receipts()
    {
        using var logKey = NoteSigner.Generate("log.aigaq.example/v1");
        using var witnessKey = NoteSigner.Generate("witness.example/w1", NoteKeyType.Cosignature);
        var store = new TileStore();
        var range = new CompactRange();
        var entries = new List<byte[]>();
        SignedNote? previous = null;

        foreach (var batch in new[] { 5, 300, 1, 250 })
        {
            var oldSize = range.Size;
            for (var i = 0; i < batch; i++)
            {
                var entry = RandomNumberGenerator.GetBytes(1 + (i % 40));
                entries.Add(entry);
                range.Append(MerkleHash.Leaf(entry), (level, index, hash) => store.Nodes[(level, index)] = hash.ToArray());
            }

            foreach (var tile in Tile.Changed(oldSize, range.Size))
            {
                store.Files[tile.Path] = Tile.BuildHashTile(store, tile);
                if (tile.Level == 0)
                {
                    var first = (int)(tile.Index * Tile.FullWidth);
                    store.Files[tile.EntriesPath] = EntryBundle.Encode(entries.GetRange(first, tile.Width).Select(e => (ReadOnlyMemory<byte>)e));
                }
            }

            var note = new Checkpoint(logKey.Name, range.Size, range.Root()).Sign(logKey).AddSignatures(witnessKey);

            // Verifier: checkpoint signatures, root from tiles, consistency with the previous checkpoint.
            var checkpoint = Checkpoint.Verify(SignedNote.Parse(note.Format()), logKey.Verifier, [witnessKey.Verifier], 1);
            var reader = new TileHashReader(checkpoint.Size, t => store.Files[t.Path]);
            Assert.True(MerkleProof.RootHash(reader, checkpoint.Size).AsSpan().SequenceEqual(checkpoint.RootHash));
            if (previous is not null)
            {
                var old = Checkpoint.Verify(previous, logKey.Verifier);
                var proof = MerkleProof.ConsistencyProof(reader, old.Size, checkpoint.Size);
                Assert.True(MerkleProof.VerifyConsistency(old.Size, checkpoint.Size, proof, old.RootHash, checkpoint.RootHash));
            }

            // Entry bundles match the level-0 tiles.
            foreach (var tile in Tile.ForTreeSize(checkpoint.Size).Where(t => t.Level == 0))
            {
                var bundle = EntryBundle.Decode(store.Files[tile.EntriesPath], tile.Width);
                var hashes = store.Files[tile.Path];
                for (var i = 0; i < bundle.Count; i++)
                {
                    Assert.Equal(hashes.AsSpan(i * 32, 32).ToArray(), MerkleHash.Leaf(bundle[i]));
                }
            }

            // A receipt for the last entry verifies offline.
            var index = checkpoint.Size - 1;
            var receipt = new TlogProof(index, MerkleProof.InclusionProof(reader, index, checkpoint.Size), note).Format();
            TlogProof.Parse(receipt).Verify(MerkleHash.Leaf(entries[(int)index]), logKey.Verifier, [witnessKey.Verifier], 1);
            previous = note;
        }

        Assert.Contains("tile/0/001.p/50", store.Files.Keys);
        Assert.Contains("tile/entries/002.p/44", store.Files.Keys);
        Assert.Contains("tile/1/000.p/2", store.Files.Keys);
    }
}
