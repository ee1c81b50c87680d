using System.Text;
using CsCheck;

namespace Aigaq.Ledger.Tests;

public class TlogWitnessTests
{
    // Source: c2sp.org/tlog-witness (C2SP/C2SP tlog-witness.md), "Example request body".
    private const string SpecRequest =
        "old 20852014\n"
        + "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
        + "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
        + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
        + "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
        + "\n"
        + "example.com/behind-the-sofa\n"
        + "20852163\n"
        + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        + "\n"
        + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
        + "\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n";

    // Source: c2sp.org/tlog-cosignature (C2SP/C2SP tlog-cosignature.md), the example cosigned checkpoint and
    // the example signed message for the same checkpoint at time 1679315147.
    private const string SpecCheckpointText = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    private const string SpecCosignatureLine = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";
    private const string SpecSignedMessage = "cosignature/v1\ntime 1679315147\n" + SpecCheckpointText;

    private const string Origin = "example.com/log";

    [Fact]
    public void Spec_example_request_parses_and_formats_back_byte_for_byte()
    {
        Assert.True(AddCheckpointRequest.TryParse(Encoding.UTF8.GetBytes(SpecRequest), out var request, out var error), error);
        Assert.Equal(20852014, request.OldSize);
        Assert.Equal(4, request.ConsistencyProof.Count);
        Assert.Equal("example.com/behind-the-sofa", request.Checkpoint.Origin);
        Assert.Equal(20852163, request.Checkpoint.Size);
        Assert.Equal(2, request.Note.Signatures.Count);
        Assert.Equal(SpecRequest, request.Format());
    }

    [Fact]
    public void Spec_example_cosignature_carries_the_spec_timestamp_and_key_id()
    {
        var note = SignedNote.Parse(SpecCheckpointText + "\n" + SpecCosignatureLine);
        var signature = Assert.Single(note.Signatures);
        Assert.Equal("witness.example.com/w1", signature.Name);
        Assert.Equal(0x8d66cf3fu, signature.KeyId);
        Assert.Equal(1679315147, NoteVerifier.CosignatureTimestamp(signature.Signature.Span));
        Assert.Equal(SpecSignedMessage, Encoding.UTF8.GetString(NoteVerifier.CosignedMessage(1679315147, Encoding.UTF8.GetBytes(SpecCheckpointText))));
    }

    [Fact]
    public void Cosignature_is_timestamp_then_ed25519_over_the_cosignature_v1_message()
    {
        using var witness = NoteSigner.Generate("witness.example/w1", NoteKeyType.Cosignature, TestTime.AtUnixSeconds(1679315147));
        var signature = witness.Sign(Encoding.UTF8.GetBytes(SpecCheckpointText));
        Assert.Equal(72, signature.Length);
        Assert.Equal(1679315147, NoteVerifier.CosignatureTimestamp(signature));
        var plain = NoteVerifier.Create(witness.Name, NoteKeyType.Ed25519, witness.Verifier.PublicKey);
        Assert.True(plain.Verify(Encoding.UTF8.GetBytes(SpecSignedMessage), signature.AsSpan(8)));
        Assert.False(plain.Verify(Encoding.UTF8.GetBytes(SpecCheckpointText), signature.AsSpan(8)));
        Assert.StartsWith("witness.example/w1+", witness.Verifier.VerifierKey, StringComparison.Ordinal);
        Assert.Equal(0x04, Convert.FromBase64String(witness.Verifier.VerifierKey.Split('+', 3)[2])[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old 1\n")]
    [InlineData("old 01\n\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n")]
    [InlineData("old -1\n\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n")]
    [InlineData("new 1\n\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n")]
    [InlineData("old 1 \n\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n")]
    [InlineData("old 1\nnot-base64\n\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n")]
    [InlineData("old 1\nAAAA\n\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n")] // not 32 bytes
    [InlineData("old 1\n\n" + SpecCheckpointText)] // unsigned
    [InlineData("old 1\n\nnot a checkpoint\n\n\u2014 a AAAAAAA=\n")]
    [InlineData("old 1\r\n\r\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n")]
    public void Malformed_requests_are_rejected(string body) =>
        Assert.False(AddCheckpointRequest.TryParse(Encoding.UTF8.GetBytes(body), out _, out _));

    [Fact]
    public void More_than_63_proof_lines_are_rejected_and_63_are_accepted()
    {
        var line = Convert.ToBase64String(new byte[32]) + "\n";
        var note = "\n" + SpecCheckpointText + "\n\u2014 a AAAAAAA=\n";
        Assert.True(AddCheckpointRequest.TryParse("old 1\n" + string.Concat(Enumerable.Repeat(line, 63)) + note, out _, out _));
        Assert.False(AddCheckpointRequest.TryParse("old 1\n" + string.Concat(Enumerable.Repeat(line, 64)) + note, out _, out _));
    }

    [Fact]
    public void Invalid_utf8_is_rejected() =>
        Assert.False(AddCheckpointRequest.TryParse([.. "old 0\n\n"u8, 0xff, .. "\n"u8], out _, out _));

    [Theory]
    [InlineData("0\n", 0L)]
    [InlineData("20852014\n", 20852014L)]
    public void Size_bodies_round_trip(string body, long size)
    {
        Assert.True(TlogWitness.TryParseSize(body, out var parsed));
        Assert.Equal(size, parsed);
        Assert.Equal(body, TlogWitness.FormatSize(size));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("12")]
    [InlineData("012\n")]
    [InlineData("-1\n")]
    [InlineData("1\n\n")]
    public void Malformed_size_bodies_are_rejected(string body) => Assert.False(TlogWitness.TryParseSize(body, out _));

    [Fact]
    public void A_consistent_sequence_is_cosigned_and_the_response_verifies_client_side()
    {
        using var log = NoteSigner.Generate(Origin);
        using var key = NoteSigner.Generate("witness.example/w1", NoteKeyType.Cosignature, TestTime.AtUnixSeconds(1_700_000_000));
        var witness = new TlogWitness(key, [log.Verifier]);
        var tree = new MemoryTree();
        Checkpoint? latest = null;
        foreach (var step in new[] { 1, 2, 5, 5, 17 })
        {
            while (tree.Size < step)
            {
                tree.Append(BitConverter.GetBytes(tree.Size));
            }

            var request = Request(log, tree, latest?.Size ?? 0);
            var result = witness.Decide(request, latest);
            Assert.Equal(AddCheckpointOutcome.Cosigned, result.Outcome);
            Assert.Equal(200, result.StatusCode);
            var verified = TlogWitness.VerifyResponse(request.Note, result.Body, key.Verifier);
            Assert.Equal(1_700_000_000, verified.Timestamp);
            Checkpoint.Verify(result.Cosigned!, log.Verifier, [key.Verifier], witnessQuorum: 1);
            latest = Checkpoint.Parse(result.Cosigned!.Text);
        }

        Assert.Equal(17, latest!.Size);
    }

    [Fact]
    public void Unknown_origin_is_404_and_unknown_key_is_403()
    {
        using var log = NoteSigner.Generate(Origin);
        using var stranger = NoteSigner.Generate(Origin);
        using var other = NoteSigner.Generate("example.com/other");
        using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
        var witness = new TlogWitness(key, [log.Verifier]);
        var tree = MemoryTree.WithSize(3);
        Assert.Equal(404, witness.Decide(Request(other, tree, 0), null).StatusCode);
        Assert.Equal(403, witness.Decide(Request(stranger, tree, 0), null).StatusCode);
    }

    [Fact]
    public void Old_size_above_the_checkpoint_size_is_400()
    {
        using var log = NoteSigner.Generate(Origin);
        using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
        var witness = new TlogWitness(key, [log.Verifier]);
        var tree = MemoryTree.WithSize(3);
        var note = new Checkpoint(Origin, 3, tree.Root()).Sign(log);
        Assert.Equal(400, witness.Decide(new AddCheckpointRequest(4, [], note), null).StatusCode);
    }

    [Fact]
    public void A_stale_old_size_is_409_with_the_latest_size_as_text_x_tlog_size()
    {
        using var log = NoteSigner.Generate(Origin);
        using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
        var witness = new TlogWitness(key, [log.Verifier]);
        var tree = MemoryTree.WithSize(4);
        var latest = new Checkpoint(Origin, 4, tree.Root());
        tree.Append([9]);
        var result = witness.Decide(Request(log, tree, 0), latest);
        Assert.Equal(AddCheckpointOutcome.StaleOldSize, result.Outcome);
        Assert.Equal(409, result.StatusCode);
        Assert.Equal("text/x.tlog.size", result.ContentType);
        Assert.Equal("4\n", result.Body);
        Assert.False(result.IsEvidence);
    }

    [Fact]
    public void Same_size_with_another_root_is_a_fork_refused_with_409_and_kept_as_evidence()
    {
        using var log = NoteSigner.Generate(Origin);
        using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
        var witness = new TlogWitness(key, [log.Verifier]);
        var latest = new Checkpoint(Origin, 4, MemoryTree.WithSize(4).Root());
        var forked = MemoryTree.FromLeaves([[1], [2], [3], [4]]);
        var result = witness.Decide(Request(log, forked, 4), latest);
        Assert.Equal(AddCheckpointOutcome.Fork, result.Outcome);
        Assert.Equal(409, result.StatusCode);
        Assert.Equal("4\n", result.Body);
        Assert.True(result.IsEvidence);
        Assert.Null(result.Cosigned);
    }

    [Fact]
    public void A_proof_that_does_not_verify_is_422_and_kept_as_evidence()
    {
        using var log = NoteSigner.Generate(Origin);
        using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
        var witness = new TlogWitness(key, [log.Verifier]);
        var latest = new Checkpoint(Origin, 4, MemoryTree.WithSize(4).Root());
        var forked = MemoryTree.FromLeaves(Enumerable.Range(100, 9).Select(i => BitConverter.GetBytes(i)));
        var result = witness.Decide(Request(log, forked, 4), latest);
        Assert.Equal(AddCheckpointOutcome.BadProof, result.Outcome);
        Assert.Equal(422, result.StatusCode);
        Assert.True(result.IsEvidence);
    }

    [Fact]
    public void A_proof_from_size_zero_must_be_empty()
    {
        using var log = NoteSigner.Generate(Origin);
        using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
        var witness = new TlogWitness(key, [log.Verifier]);
        var tree = MemoryTree.WithSize(5);
        var note = new Checkpoint(Origin, 5, tree.Root()).Sign(log);
        Assert.Equal(422, witness.Decide(new AddCheckpointRequest(0, [new byte[32]], note), null).StatusCode);
    }

    [Fact]
    public void A_witness_needs_a_cosignature_key() =>
        Assert.Throws<ArgumentException>(() => new TlogWitness(NoteSigner.Generate("w"), []));

    internal static AddCheckpointRequest Request(NoteSigner log, MemoryTree tree, long oldSize)
    {
        var note = new Checkpoint(log.Name, tree.Size, tree.Root()).Sign(log);
        var proof = oldSize == 0 ? [] : MerkleProof.ConsistencyProof(tree, oldSize, tree.Size);
        return new AddCheckpointRequest(oldSize, proof, note);
    }
}

public class TlogWitnessPropertyTests
{
    private static readonly Gen<(long Old, long New)> TwoSizes =
        from newSize in Gen.Long[1, 200]
        from oldSize in Gen.Long[0, newSize]
        select (oldSize, newSize);

    [Fact]
    public void Honest_requests_from_the_latest_size_are_cosigned_and_round_trip_through_the_wire_format()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
        var witness = new TlogWitness(key, [log.Verifier]);
        TwoSizes.Sample(t =>
        {
            var tree = MemoryTree.WithSize(t.New);
            var latest = t.Old == 0 ? null : new Checkpoint(log.Name, t.Old, MerkleProof.RootHash(tree, t.Old));
            var request = TlogWitnessTests.Request(log, tree, t.Old);
            Assert.True(AddCheckpointRequest.TryParse(request.Format(), out var parsed, out _));
            return witness.Decide(parsed, latest).Outcome == AddCheckpointOutcome.Cosigned;
        }, iter: 200);
    }

    [Fact]
    public void Any_bit_flip_in_the_proof_is_refused_with_422() =>
        Gen.Select(TwoSizes.Where(t => t.Old > 0 && t.Old < t.New), Gen.Int[0, 255], Gen.Int[0, 1000]).Sample((t, bit, pick) =>
        {
            using var log = NoteSigner.Generate("example.com/log");
            using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
            var witness = new TlogWitness(key, [log.Verifier]);
            var tree = MemoryTree.WithSize(t.New);
            var latest = new Checkpoint(log.Name, t.Old, MerkleProof.RootHash(tree, t.Old));
            var honest = TlogWitnessTests.Request(log, tree, t.Old);
            var proof = honest.ConsistencyProof.Select(h => (byte[])h.Clone()).ToList();
            if (proof.Count == 0)
            {
                return true;
            }

            proof[pick % proof.Count][bit / 8] ^= (byte)(1 << (bit % 8));
            return witness.Decide(new AddCheckpointRequest(t.Old, proof, honest.Note), latest).Outcome == AddCheckpointOutcome.BadProof;
        }, iter: 200);

    [Fact]
    public void Any_old_size_other_than_the_latest_is_409_naming_the_latest() =>
        Gen.Select(Gen.Long[1, 100], Gen.Long[0, 100]).Sample((latestSize, claimed) =>
        {
            using var log = NoteSigner.Generate("example.com/log");
            using var key = NoteSigner.Generate("w", NoteKeyType.Cosignature);
            var witness = new TlogWitness(key, [log.Verifier]);
            var tree = MemoryTree.WithSize(101);
            var latest = new Checkpoint(log.Name, latestSize, MerkleProof.RootHash(tree, latestSize));
            var note = new Checkpoint(log.Name, 101, tree.Root()).Sign(log);
            var result = witness.Decide(new AddCheckpointRequest(claimed, [], note), latest);
            return claimed == latestSize
                ? result.Outcome != AddCheckpointOutcome.StaleOldSize
                : result.Outcome == AddCheckpointOutcome.StaleOldSize && result.Body == TlogWitness.FormatSize(latestSize);
        }, iter: 200);
}
