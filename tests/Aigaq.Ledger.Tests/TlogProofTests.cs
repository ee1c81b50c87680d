namespace Aigaq.Ledger.Tests;

public class TlogProofTests
{
    private static (TlogProof Proof, byte[] Leaf, NoteSigner Log, NoteSigner Witness) Build(long size, long index, byte[]? extra = null)
    {
        var tree = MemoryTree.WithSize(size);
        var log = NoteSigner.Generate("example.com/log");
        var witness = NoteSigner.Generate("example.com/witness", NoteKeyType.Cosignature);
        var note = new Checkpoint("example.com/log", size, tree.Root()).Sign(log, witness);
        var proof = new TlogProof(index, MerkleProof.InclusionProof(tree, index, size), note, extra);
        return (proof, tree.LeafHash(index), log, witness);
    }

    [Fact]
    public void Proof_round_trips_through_the_text_format_and_verifies()
    {
        var (proof, leaf, log, witness) = Build(100, 37, [1, 2, 3]);
        using (log)
        using (witness)
        {
            var text = proof.Format();
            Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra AQID\nindex 37\n", text, StringComparison.Ordinal);
            var parsed = TlogProof.Parse(text);
            Assert.Equal(text, parsed.Format());
            Assert.Equal([1, 2, 3], parsed.ExtraData.ToArray());
            var checkpoint = parsed.Verify(leaf, log.Verifier, [witness.Verifier], witnessQuorum: 1);
            Assert.Equal(100, checkpoint.Size);
        }
    }

    [Fact]
    public void Proof_without_extra_data_omits_the_extra_line()
    {
        var (proof, leaf, log, witness) = Build(1, 0);
        using (log)
        using (witness)
        {
            var text = proof.Format();
            Assert.StartsWith("c2sp.org/tlog-proof@v1\nindex 0\n\nexample.com/log\n1\n", text, StringComparison.Ordinal);
            TlogProof.Parse(text).Verify(leaf, log.Verifier);
        }
    }

    [Fact]
    public void Proof_for_a_different_leaf_fails()
    {
        var (proof, _, log, witness) = Build(10, 3);
        using (log)
        using (witness)
        {
            Assert.Throws<NoteVerificationException>(() => proof.Verify(MerkleHash.Leaf("other"u8), log.Verifier));
        }
    }

    [Fact]
    public void Proof_with_an_altered_index_fails()
    {
        var (proof, leaf, log, witness) = Build(10, 3);
        using (log)
        using (witness)
        {
            var text = proof.Format().Replace("index 3\n", "index 2\n", StringComparison.Ordinal);
            Assert.Throws<NoteVerificationException>(() => TlogProof.Parse(text).Verify(leaf, log.Verifier));
        }
    }

    [Fact]
    public void Proof_under_an_untrusted_log_key_fails()
    {
        var (proof, leaf, log, witness) = Build(10, 3);
        using (log)
        using (witness)
        using (var stranger = NoteSigner.Generate("example.com/log"))
        {
            Assert.Throws<NoteVerificationException>(() => proof.Verify(leaf, stranger.Verifier));
        }
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 0\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nextra \nindex 0\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\nAAAA\n\n")]
    [InlineData("c2sp.org/tlog-proof@v1\n\n")]
    public void Malformed_proofs_are_rejected(string header)
    {
        const string checkpoint = "example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 example.com/log AAAAAAAA\n";
        Assert.False(TlogProof.TryParse(header + checkpoint, out _));
        Assert.Throws<FormatException>(() => TlogProof.Parse(header + checkpoint));
    }

    [Fact]
    public void Well_formed_minimal_proof_parses()
    {
        const string text = "c2sp.org/tlog-proof@v1\nindex 0\n\nexample.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 example.com/log AAAAAAAA\n";
        var proof = TlogProof.Parse(text);
        Assert.Equal(0, proof.Index);
        Assert.Empty(proof.InclusionProof);
        Assert.Equal(text, proof.Format());
    }
}
