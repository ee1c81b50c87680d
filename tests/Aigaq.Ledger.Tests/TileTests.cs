using CsCheck;

namespace Aigaq.Ledger.Tests;

public class TileTests
{
    // Path examples: c2sp.org/tlog-tiles ("index 1234067 will be encoded as x001/x234/067").
    [Theory]
    [InlineData(0, 0L, 256, "tile/0/000")]
    [InlineData(0, 1234067L, 256, "tile/0/x001/x234/067")]
    [InlineData(1, 1234L, 256, "tile/1/x001/234")]
    [InlineData(2, 7L, 5, "tile/2/007.p/5")]
    [InlineData(0, 1000L, 255, "tile/0/x001/000.p/255")]
    public void Tile_paths_use_three_digit_groups_prefixed_with_x(int level, long index, int width, string path)
    {
        var tile = new Tile(level, index, width);
        Assert.Equal(path, tile.Path);
        Assert.True(Tile.TryParsePath(path, out var parsed, out var isEntries));
        Assert.False(isEntries);
        Assert.Equal(tile, parsed);
    }

    [Fact]
    public void Entry_bundle_paths_use_the_entries_level()
    {
        var tile = new Tile(0, 1234067, 3);
        Assert.Equal("tile/entries/x001/x234/067.p/3", tile.EntriesPath);
        Assert.True(Tile.TryParsePath(tile.EntriesPath, out var parsed, out var isEntries));
        Assert.True(isEntries);
        Assert.Equal(tile, parsed);
    }

    [Theory]
    [InlineData("tile/0/0")]
    [InlineData("tile/0/x000/001")] // non-canonical leading group
    [InlineData("tile/0/001/234")] // missing x
    [InlineData("tile/0/000.p/256")]
    [InlineData("tile/0/000.p/0")]
    [InlineData("tile/0/000.p/05")]
    [InlineData("tile/8/000")]
    [InlineData("tile/00/000")]
    [InlineData("tiles/0/000")]
    [InlineData("tile/entries/000.p/")]
    public void Non_canonical_tile_paths_are_rejected(string path) => Assert.False(Tile.TryParsePath(path, out _, out _));

    [Fact]
    public void Tile_path_encoding_round_trips_for_random_tiles() =>
        Gen.Select(Gen.Int[0, Tile.MaxLevel], Gen.Long[0, long.MaxValue / 256], Gen.Int[1, 256]).Sample((l, n, w) =>
        {
            var tile = new Tile(l, n, w);
            return Tile.TryParsePath(tile.Path, out var p, out var e) && !e && p == tile
                && Tile.TryParsePath(tile.EntriesPath, out var q, out var f) && f && q == new Tile(0, n, w);
        });

    [Fact]
    public void Tiles_for_a_tree_size_are_the_full_tiles_and_one_partial_per_level()
    {
        // 70000 leaves: 273 full level-0 tiles + a partial of 112; 273 level-8 nodes: 1 full level-1 tile + partial of 17;
        // 1 level-16 node: a level-2 partial tile of width 1.
        var tiles = Tile.ForTreeSize(70000).ToList();
        Assert.Equal(273 + 1 + 1 + 1 + 1, tiles.Count);
        Assert.Equal(new Tile(0, 273, 112), tiles[273]);
        Assert.Equal([new Tile(1, 0, 256), new Tile(1, 1, 17), new Tile(2, 0, 1)], tiles[274..]);
        Assert.Empty(Tile.ForTreeSize(0));
        Assert.Equal([new Tile(0, 0, 256), new Tile(1, 0, 1)], Tile.ForTreeSize(256));
    }

    [Fact]
    public void Changed_tiles_are_those_new_or_widened_since_the_old_size()
    {
        Assert.Equal([new Tile(0, 0, 256), new Tile(0, 1, 4), new Tile(1, 0, 1)], Tile.Changed(250, 260));
        Assert.Equal([new Tile(0, 1, 5)], Tile.Changed(260, 261));
        Assert.Empty(Tile.Changed(261, 261));
        Gen.Select(Gen.Long[0, 200_000], Gen.Long[0, 200_000]).Sample((a, b) =>
        {
            var (oldSize, newSize) = a <= b ? (a, b) : (b, a);
            var expected = Tile.ForTreeSize(newSize).Except(Tile.ForTreeSize(oldSize));
            return expected.SequenceEqual(Tile.Changed(oldSize, newSize));
        }, iter: 200);
    }

    [Fact]
    public void Hash_tiles_hold_leaf_hashes_at_level_zero_and_subtree_roots_above()
    {
        var tree = MemoryTree.WithSize(600);
        var level0 = Tile.BuildHashTile(tree, new Tile(0, 1, 256));
        Assert.Equal(tree.LeafHash(256), level0[..32]);
        Assert.Equal(tree.LeafHash(511), level0[^32..]);

        // Independently: the level-1 tile's second hash is the root of leaves 256..511.
        var range = new CompactRange();
        for (var i = 256; i < 512; i++)
        {
            range.Append(tree.LeafHash(i));
        }

        var level1 = Tile.BuildHashTile(tree, new Tile(1, 0, 2));
        Assert.Equal(range.Root(), level1[32..64]);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(255L)]
    [InlineData(256L)]
    [InlineData(257L)]
    [InlineData(65536L)]
    [InlineData(70000L)]
    public void Root_rebuilt_from_tiles_matches_the_tree_root(long size)
    {
        var tree = MemoryTree.WithSize(size);
        var tiles = Tile.ForTreeSize(size).ToDictionary(t => t, t => Tile.BuildHashTile(tree, t));
        var reader = new TileHashReader(size, t => tiles[t]);
        Assert.Equal(tree.Root(), MerkleProof.RootHash(reader, size));
    }

    [Fact]
    public void Verifier_rebuilds_checkpoint_roots_and_proofs_from_partial_tiles()
    {
        var tree = MemoryTree.WithSize(70000);
        using var log = NoteSigner.Generate("example.com/log");
        Gen.Long[1, 70000].Sample(size =>
        {
            var checkpoint = Checkpoint.Verify(
                new Checkpoint("example.com/log", size, MerkleProof.RootHash(tree, size)).Sign(log), log.Verifier);
            var tiles = Tile.ForTreeSize(size).ToDictionary(t => t, t => Tile.BuildHashTile(tree, t));
            var reader = new TileHashReader(size, t => tiles[t]);
            var index = size / 3;
            var proof = MerkleProof.InclusionProof(reader, index, size);
            return MerkleProof.RootHash(reader, size).AsSpan().SequenceEqual(checkpoint.RootHash)
                && MerkleProof.VerifyInclusion(tree.LeafHash(index), index, size, proof, checkpoint.RootHash);
        }, iter: 30);
    }

    [Fact]
    public void Tile_with_the_wrong_length_is_rejected()
    {
        var reader = new TileHashReader(10, _ => new byte[32 * 9]);
        Assert.Throws<InvalidDataException>(() => reader.ReadHash(0, 0, new byte[32]));
    }

    [Fact]
    public void Nodes_outside_the_tree_are_not_read_from_tiles()
    {
        var reader = new TileHashReader(10, _ => new byte[320]);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadHash(0, 10, new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadHash(2, 2, new byte[32]));
    }

    [Fact]
    public void Entry_bundles_prefix_each_entry_with_a_big_endian_length()
    {
        var bundle = EntryBundle.Encode([new byte[] { 0xAA }, Array.Empty<byte>(), new byte[300]]);
        Assert.Equal(new byte[] { 0x00, 0x01, 0xAA, 0x00, 0x00, 0x01, 0x2C }, bundle[..7]);
        Assert.Equal(2 + 1 + 2 + 2 + 300, bundle.Length);
        var entries = EntryBundle.Decode(bundle, expectedCount: 3);
        Assert.Equal([0xAA], entries[0]);
        Assert.Empty(entries[1]);
        Assert.Equal(300, entries[2].Length);
    }

    [Fact]
    public void Truncated_or_miscounted_entry_bundles_are_rejected()
    {
        var bundle = EntryBundle.Encode([new byte[] { 1, 2, 3 }]);
        Assert.Throws<FormatException>(() => EntryBundle.Decode(bundle.AsSpan(0, 4)));
        Assert.Throws<FormatException>(() => EntryBundle.Decode(bundle.AsSpan(0, 1)));
        Assert.Throws<FormatException>(() => EntryBundle.Decode(bundle, expectedCount: 2));
        Assert.Throws<ArgumentException>(() => EntryBundle.Encode([new byte[65536]]));
    }
}
