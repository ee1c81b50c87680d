namespace Aigaq.Ledger.Tests;

/// <summary>
/// The RFC 6962 reference tree used by Certificate Transparency implementations:
/// google/certificate-transparency (merkle_tree_test.cc) and transparency-dev/merkle (testonly/constants.go)
/// publish the same eight leaves, prefix roots, node hashes, inclusion proofs and consistency proofs.
/// </summary>
public class MerkleVectorTests
{
    private static readonly byte[][] Leaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    // Roots for sizes 1..8; source: transparency-dev/merkle testonly RootHashes (same as certificate-transparency).
    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    // Inclusion proofs (index, size, path); source: certificate-transparency merkle_tree_test.cc / transparency-dev/merkle
    // proof verification tests (the C++ vectors use 1-based leaf numbers; indices here are 0-based).
    public static TheoryData<long, long, string[]> InclusionVectors => new()
    {
        { 0, 1, [] },
        {
            0, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        },
        {
            5, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        {
            1, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        },
    };

    // Consistency proofs (old, new, proof); source: certificate-transparency merkle_tree_test.cc / transparency-dev/merkle.
    public static TheoryData<long, long, string[]> ConsistencyVectors => new()
    {
        { 1, 1, [] },
        {
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        },
        {
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        },
        {
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        },
        {
            6, 7,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        },
    };

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    private static byte[][] Unhex(string[] hashes) => [.. hashes.Select(Convert.FromHexString)];

    [Fact]
    public void Empty_tree_hash_is_sha256_of_the_empty_string() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.EmptyRoot));

    [Fact]
    public void Leaf_and_node_hashes_use_the_rfc6962_domain_prefixes()
    {
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(new byte[] { 0x00, 0xAB }), MerkleHash.Leaf([0xAB]));
        var l = MerkleHash.Leaf([1]);
        var r = MerkleHash.Leaf([2]);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData([0x01, .. l, .. r]), MerkleHash.Node(l, r));
    }

    [Fact]
    public void Long_leaves_hash_like_short_ones()
    {
        var data = new byte[5000];
        data[4999] = 7;
        Assert.Equal(System.Security.Cryptography.SHA256.HashData([0x00, .. data]), MerkleHash.Leaf(data));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"kind\":\"detention.event\"}")]
    [InlineData("Қазақ тілі, русский, \U0001F600 and a pair \uD83D\uDE00")]
    [InlineData("a lone \uD800 surrogate")]
    public void A_text_leaf_is_the_leaf_of_its_utf8_bytes(string text)
    {
        var fromText = new byte[MerkleHash.Size];
        MerkleHash.LeafOfText(text, fromText);
        Assert.Equal(MerkleHash.Leaf(System.Text.Encoding.UTF8.GetBytes(text)), fromText);
        Assert.Equal(MerkleHash.Leaf(System.Text.Encoding.UTF8.GetBytes(new string('ж', 3000) + text)), Leaf(new string('ж', 3000) + text));

        static byte[] Leaf(string text)
        {
            var hash = new byte[MerkleHash.Size];
            MerkleHash.LeafOfText(text, hash);
            return hash;
        }
    }

    [Fact]
    public void Compact_range_roots_match_the_reference_roots_for_every_prefix()
    {
        var range = new CompactRange();
        Assert.Equal(MerkleHash.EmptyRoot.ToArray(), range.Root());
        for (var i = 0; i < Leaves.Length; i++)
        {
            range.Append(MerkleHash.Leaf(Leaves[i]));
            Assert.Equal(Roots[i], Hex(range.Root()));
        }
    }

    [Fact]
    public void Roots_of_every_prefix_can_be_computed_from_stored_hashes()
    {
        var tree = MemoryTree.FromLeaves(Leaves);
        Assert.Equal(MerkleHash.EmptyRoot.ToArray(), MerkleProof.RootHash(tree, 0));
        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(Roots[size - 1], Hex(MerkleProof.RootHash(tree, size)));
            Assert.Equal(Roots[size - 1], Hex(CompactRange.FromReader(tree, size).Root()));
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_proofs_match_the_reference_vectors_and_verify(long index, long size, string[] expected)
    {
        var tree = MemoryTree.FromLeaves(Leaves);
        var proof = MerkleProof.InclusionProof(tree, index, size);
        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleProof.VerifyInclusion(MerkleHash.Leaf(Leaves[index]), index, size, Unhex(expected), Convert.FromHexString(Roots[size - 1])));
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_match_the_reference_vectors_and_verify(long oldSize, long newSize, string[] expected)
    {
        var tree = MemoryTree.FromLeaves(Leaves);
        var proof = MerkleProof.ConsistencyProof(tree, oldSize, newSize);
        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleProof.VerifyConsistency(oldSize, newSize, Unhex(expected), Convert.FromHexString(Roots[oldSize - 1]), Convert.FromHexString(Roots[newSize - 1])));
    }

    [Fact]
    public void Inclusion_proof_fails_for_an_index_outside_the_tree() =>
        Assert.False(MerkleProof.VerifyInclusion(MerkleHash.Leaf([]), 8, 8, [], Convert.FromHexString(Roots[7])));

    [Fact]
    public void Consistency_with_the_empty_tree_needs_an_empty_proof_and_the_empty_root()
    {
        var root = Convert.FromHexString(Roots[7]);
        Assert.True(MerkleProof.VerifyConsistency(0, 8, [], MerkleHash.EmptyRoot, root));
        Assert.False(MerkleProof.VerifyConsistency(0, 8, [root], MerkleHash.EmptyRoot, root));
        Assert.False(MerkleProof.VerifyConsistency(0, 8, [], root, root));
    }

    [Fact]
    public void Consistency_proof_fails_when_the_old_size_exceeds_the_new_size() =>
        Assert.False(MerkleProof.VerifyConsistency(8, 7, [], Convert.FromHexString(Roots[7]), Convert.FromHexString(Roots[6])));

    [Fact]
    public void Compact_range_reports_every_completed_node_to_the_sink()
    {
        var seen = new List<(int, long)>();
        var range = new CompactRange();
        for (var i = 0; i < 4; i++)
        {
            range.Append(MerkleHash.Leaf([(byte)i]), (level, index, _) => seen.Add((level, index)));
        }

        Assert.Equal([(0, 0L), (0, 1L), (1, 0L), (0, 2L), (0, 3L), (1, 1L), (2, 0L)], seen);
    }
}
