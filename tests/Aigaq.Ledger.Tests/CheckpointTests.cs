using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Aigaq.Ledger.Tests;

public class CheckpointTests
{
    // Example checkpoint body from c2sp.org/tlog-cosignature.
    private const string SpecBody = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    [Fact]
    public void Specification_example_checkpoint_parses_and_formats_identically()
    {
        var c = Checkpoint.Parse(SpecBody);
        Assert.Equal("example.com/behind-the-sofa", c.Origin);
        Assert.Equal(20852163, c.Size);
        Assert.Equal(Convert.FromBase64String("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="), c.RootHash.ToArray());
        Assert.Empty(c.Extensions);
        Assert.Equal(SpecBody, c.ToNoteText());
    }

    [Fact]
    public void Extension_lines_are_kept_in_order()
    {
        var c = Checkpoint.Parse(SpecBody + "ext one\next two\n");
        Assert.Equal(["ext one", "ext two"], c.Extensions);
        Assert.Equal(SpecBody + "ext one\next two\n", c.ToNoteText());
    }

    [Theory]
    [InlineData("example.com/log\n020852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")] // leading zero
    [InlineData("example.com/log\n+5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")] // sign
    [InlineData("example.com/log\n-5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")] // negative
    [InlineData("example.com/log\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")] // overflow
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n")] // unpadded base64
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")] // no final newline
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n")] // short hash
    [InlineData("\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")] // empty origin
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n")] // empty extension line
    [InlineData("example.com/log\n5\n")] // missing hash
    [InlineData("example.com/log\n 5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")] // space
    public void Malformed_checkpoints_are_rejected(string text)
    {
        Assert.False(Checkpoint.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Checkpoint.Parse(text));
    }

    [Fact]
    public void Signed_checkpoint_verifies_under_the_log_key_and_origin()
    {
        using var log = NoteSigner.Generate("example.com/log");
        var note = new Checkpoint("example.com/log", 3, SHA256.HashData("x"u8)).Sign(log);
        var c = Checkpoint.Verify(SignedNote.Parse(note.Format()), log.Verifier);
        Assert.Equal(3, c.Size);
    }

    [Fact]
    public void Signed_checkpoint_with_an_unexpected_origin_is_rejected()
    {
        using var log = NoteSigner.Generate("example.com/log");
        var note = new Checkpoint("example.com/other", 3, SHA256.HashData("x"u8)).Sign(log);
        Assert.Throws<NoteVerificationException>(() => Checkpoint.Verify(note, log.Verifier));
    }

    [Fact]
    public void Checkpoint_signed_only_by_a_witness_is_rejected()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var witness = NoteSigner.Generate("example.com/witness", NoteKeyType.Cosignature);
        var note = new Checkpoint("example.com/log", 3, SHA256.HashData("x"u8)).Sign(witness);
        Assert.Throws<NoteVerificationException>(() => Checkpoint.Verify(note, log.Verifier, [witness.Verifier]));
    }
}

public class CosignatureTests
{
    private const long Time = 1679315147;

    [Fact]
    public void Cosignature_key_id_uses_type_byte_four()
    {
        using var witness = NoteSigner.Generate("witness.example.com/w1", NoteKeyType.Cosignature);
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes("witness.example.com/w1"), 0x0A, 0x04, .. witness.Verifier.PublicKey]);
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(hash), witness.KeyId);
        Assert.StartsWith("witness.example.com/w1+", witness.Verifier.VerifierKey, StringComparison.Ordinal);
        Assert.Equal(0x04, Convert.FromBase64String(witness.Verifier.VerifierKey.Split('+', 3)[2])[0]);
    }

    [Fact]
    public void Cosignature_is_the_timestamp_then_ed25519_over_the_cosigned_message()
    {
        var seed = new byte[32];
        seed[0] = 42;
        using var witness = NoteSigner.FromSeed("witness.example.com/w1", NoteKeyType.Cosignature, seed, TestTime.AtUnixSeconds(Time));
        const string body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        var signature = witness.Sign(Encoding.UTF8.GetBytes(body));

        Assert.Equal(72, signature.Length);
        Assert.Equal((ulong)Time, BinaryPrimitives.ReadUInt64BigEndian(signature));
        var message = Encoding.UTF8.GetBytes("cosignature/v1\ntime 1679315147\n" + body);
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, witness.Verifier.PublicKey, KeyBlobFormat.RawPublicKey);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature.AsSpan(8)));
    }

    [Fact]
    public void Cosigned_checkpoint_verifies_with_the_witness_timestamp()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var witness = NoteSigner.Generate("example.com/witness", NoteKeyType.Cosignature, TestTime.AtUnixSeconds(Time));
        var note = new Checkpoint("example.com/log", 7, SHA256.HashData("x"u8)).Sign(log).AddSignatures(witness);
        var parsed = SignedNote.Parse(note.Format());
        var verified = parsed.Verify(log.Verifier, witness.Verifier);
        Assert.Equal(Time, verified.Single(v => v.Verifier == witness.Verifier).Timestamp);
        Assert.Equal(7, Checkpoint.Verify(parsed, log.Verifier, [witness.Verifier], witnessQuorum: 1).Size);
    }

    [Fact]
    public void Cosignature_with_an_altered_timestamp_fails()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var witness = NoteSigner.Generate("example.com/witness", NoteKeyType.Cosignature, TestTime.AtUnixSeconds(Time));
        var note = new Checkpoint("example.com/log", 7, SHA256.HashData("x"u8)).Sign(log, witness);
        var cosig = note.Signatures[1];
        var altered = cosig.Signature.ToArray();
        altered[7] ^= 1;
        var forged = new SignedNote(note.Text, [note.Signatures[0], cosig with { Signature = altered }]);
        Assert.Throws<NoteVerificationException>(() => forged.Verify(log.Verifier, witness.Verifier));
    }

    [Fact]
    public void Plain_ed25519_signature_does_not_pass_as_a_cosignature()
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        using var plain = NoteSigner.FromSeed("example.com/witness", NoteKeyType.Ed25519, seed);
        using var cosigner = NoteSigner.FromSeed("example.com/witness", NoteKeyType.Cosignature, seed);
        Assert.NotEqual(plain.KeyId, cosigner.KeyId);
        var text = "a\n"u8.ToArray();
        Assert.False(cosigner.Verifier.Verify(text, plain.Sign(text)));
        Assert.False(plain.Verifier.Verify(text, cosigner.Sign(text)));
    }

    [Fact]
    public void Missing_witness_quorum_is_rejected()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var w1 = NoteSigner.Generate("example.com/w1", NoteKeyType.Cosignature);
        using var w2 = NoteSigner.Generate("example.com/w2", NoteKeyType.Cosignature);
        var note = new Checkpoint("example.com/log", 7, SHA256.HashData("x"u8)).Sign(log, w1);
        Assert.Throws<NoteVerificationException>(() => Checkpoint.Verify(note, log.Verifier, [w1.Verifier, w2.Verifier], witnessQuorum: 2));
        Assert.Equal(7, Checkpoint.Verify(note, log.Verifier, [w1.Verifier, w2.Verifier], witnessQuorum: 1).Size);
    }
}
