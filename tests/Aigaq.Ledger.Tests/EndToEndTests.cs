using System.Security.Cryptography;

namespace Aigaq.Ledger.Tests;

/// <summary>A log that stores only tiles and entry bundles, and a verifier that trusts nothing but keys.</summary>
public class EndToEndTests
{
    [Fact]
    public void Log_published_as_tiles_is_verifiable_from_tiles_checkpoints_and_receipts()
    {
        using var logKey = NoteSigner.Generate("log.aigaq.example/v1");
        using var witnessKey = NoteSigner.Generate("witness.example/w1", NoteKeyType.Cosignature);
        // The writer's own node-hash store; only tiles and bundles (files) are published.
        var tree = new MemoryTree();
        var files = new Dictionary<string, byte[]>();
        var entries = new List<byte[]>();
        SignedNote? previous = null;

        foreach (var batch in new[] { 5, 300, 1, 250 })
        {
            var oldSize = tree.Size;
            for (var i = 0; i < batch; i++)
            {
                var entry = RandomNumberGenerator.GetBytes(1 + (i % 40));
                entries.Add(entry);
                tree.Append(entry);
            }

            foreach (var tile in Tile.Changed(oldSize, tree.Size))
            {
                files[tile.Path] = Tile.BuildHashTile(tree, tile);
                if (tile.Level == 0)
                {
                    var first = (int)(tile.Index * Tile.FullWidth);
                    files[tile.EntriesPath] = EntryBundle.Encode(entries.GetRange(first, tile.Width).Select(e => (ReadOnlyMemory<byte>)e));
                }
            }

            var note = new Checkpoint(logKey.Name, tree.Size, tree.Root()).Sign(logKey).AddSignatures(witnessKey);

            // Verifier: checkpoint signatures, root from tiles, consistency with the previous checkpoint.
            var checkpoint = Checkpoint.Verify(SignedNote.Parse(note.Format()), logKey.Verifier, [witnessKey.Verifier], 1);
            var reader = new TileHashReader(checkpoint.Size, t => files[t.Path]);
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
                var bundle = EntryBundle.Decode(files[tile.EntriesPath], tile.Width);
                var hashes = files[tile.Path];
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

        Assert.Contains("tile/0/001.p/50", files.Keys);
        Assert.Contains("tile/entries/002.p/44", files.Keys);
        Assert.Contains("tile/1/000.p/2", files.Keys);
    }
}
