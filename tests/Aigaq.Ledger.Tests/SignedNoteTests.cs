using System.Security.Cryptography;
using System.Text;
using CsCheck;

namespace Aigaq.Ledger.Tests;

public class SignedNoteTests
{
    // Source: golang.org/x/mod/sumdb/note note_test.go (the reference implementation's PeterNeumann vectors).
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoSignatureLine = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Go_reference_signer_key_reproduces_the_reference_note_byte_for_byte()
    {
        using var signer = NoteSigner.Parse(GoSignerKey);
        Assert.Equal(GoSignerKey, signer.SignerKey);
        Assert.Equal(GoVerifierKey, signer.Verifier.VerifierKey);
        Assert.Equal(GoText + "\n" + GoSignatureLine, SignedNote.Sign(GoText, signer).Format());
    }

    [Fact]
    public void Go_reference_note_verifies_under_the_reference_verifier_key()
    {
        var verifier = NoteVerifier.Parse(GoVerifierKey);
        var note = SignedNote.Parse(GoText + "\n" + GoSignatureLine);
        var verified = note.Verify(verifier);
        Assert.Equal(GoText, note.Text);
        Assert.Single(verified);
        Assert.Equal(0xc74f20a3u, verifier.KeyId);
        Assert.Null(verified[0].Timestamp);
    }

    [Fact]
    public void Ed25519_key_id_is_the_sha256_prefix_of_name_newline_type_and_key()
    {
        var verifier = NoteVerifier.Parse(GoVerifierKey);
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes("PeterNeumann"), 0x0A, 0x01, .. verifier.PublicKey]);
        Assert.Equal(Convert.ToHexStringLower(hash[..4]), verifier.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // wrong key id
    [InlineData("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // upper-case hex
    [InlineData("PeterNeumann+c74f20a3+AhpcC2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")] // wrong type
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10")] // truncated
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // space in name
    [InlineData("PeterNeumann+c74f20a3")]
    public void Malformed_verifier_keys_are_rejected(string key) =>
        Assert.Throws<FormatException>(() => NoteVerifier.Parse(key));

    [Fact]
    public void Generated_keys_round_trip_through_their_text_forms()
    {
        using var signer = NoteSigner.Generate("example.com/log");
        using var again = NoteSigner.Parse(signer.SignerKey);
        var verifier = NoteVerifier.Parse(signer.Verifier.VerifierKey);
        Assert.Equal(signer.KeyId, again.KeyId);
        Assert.Equal(signer.Verifier.PublicKey.ToArray(), verifier.PublicKey.ToArray());
        SignedNote.Sign("hello\n", again).Verify(verifier);
    }

    [Fact]
    public void Unknown_signatures_are_ignored_when_a_known_one_verifies()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var other = NoteSigner.Generate("example.com/other");
        var note = SignedNote.Sign("text\n", other, log);
        var verified = note.Verify(log.Verifier);
        Assert.Equal(log.Verifier, Assert.Single(verified).Verifier);
    }

    [Fact]
    public void Note_without_a_known_signature_is_rejected()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var other = NoteSigner.Generate("example.com/other");
        var note = SignedNote.Sign("text\n", other);
        Assert.Throws<NoteVerificationException>(() => note.Verify(log.Verifier));
    }

    [Fact]
    public void Note_with_an_invalid_signature_from_a_known_key_is_rejected()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var other = NoteSigner.Generate("example.com/other");
        var good = SignedNote.Sign("text\n", log, other);
        var forged = new SignedNote("text!\n", good.Signatures);
        Assert.Throws<NoteVerificationException>(() => forged.Verify(log.Verifier));
    }

    [Fact]
    public void Altered_note_text_fails_verification()
    {
        var note = SignedNote.Parse(GoText.Replace("problem", "Problem", StringComparison.Ordinal) + "\n" + GoSignatureLine);
        Assert.Throws<NoteVerificationException>(() => note.Verify(NoteVerifier.Parse(GoVerifierKey)));
    }

    [Fact]
    public void Note_text_may_contain_blank_lines_and_is_split_at_the_last_one()
    {
        using var log = NoteSigner.Generate("example.com/log");
        var note = SignedNote.Sign("a\n\nb\n", log);
        var parsed = SignedNote.Parse(note.Format());
        Assert.Equal("a\n\nb\n", parsed.Text);
        parsed.Verify(log.Verifier);
    }

    [Theory]
    [InlineData("text\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")] // no blank line
    [InlineData("text\n\n")] // no signatures
    [InlineData("text\n\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")] // hyphen, not em dash
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")] // no final newline
    [InlineData("text\n\n\u2014 PeterNeumann x08go/Z\n")] // bad base64
    [InlineData("text\n\n\u2014 PeterNeumann AAAA\n")] // too short
    [InlineData("te\txt\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")] // control character
    [InlineData("text\n\n\u2014 PeterNeumann  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")] // double space
    public void Malformed_notes_are_rejected(string note) => Assert.Throws<FormatException>(() => SignedNote.Parse(note));

    [Fact]
    public void Unsigned_note_has_no_text_form() =>
        Assert.Throws<InvalidOperationException>(() => new SignedNote("text\n", []).Format());

    [Fact]
    public void Invalid_utf8_notes_are_rejected() =>
        Assert.Throws<FormatException>(() => SignedNote.Parse([0x61, 0xff, 0x0a, 0x0a]));

    [Fact]
    public void Notes_with_more_than_the_signature_limit_are_rejected()
    {
        var line = GoSignatureLine;
        Assert.Throws<FormatException>(() => SignedNote.Parse(GoText + "\n" + string.Concat(Enumerable.Repeat(line, SignedNote.MaxSignatures + 1))));
        Assert.Equal(16, SignedNote.Parse(GoText + "\n" + string.Concat(Enumerable.Repeat(line, 16))).Signatures.Count);
    }
}

public class SignedNotePropertyTests
{
    [Fact]
    public void Any_single_bit_flip_in_a_signature_fails_verification()
    {
        using var log = CsCheckKeys.Log();
        using var witness = CsCheckKeys.Witness();
        var note = SignedNote.Sign("example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", log, witness);
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 575]).Sample((which, bit) =>
        {
            var s = note.Signatures[which];
            var bytes = s.Signature.ToArray();
            if (bit / 8 >= bytes.Length)
            {
                return true;
            }

            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            var signatures = note.Signatures.ToArray();
            signatures[which] = s with { Signature = bytes };
            var altered = new SignedNote(note.Text, signatures);
            try
            {
                altered.Verify(log.Verifier, witness.Verifier);
                return false;
            }
            catch (NoteVerificationException)
            {
                return true;
            }
        }, iter: 300);
    }
}

internal static class CsCheckKeys
{
    public static NoteSigner Log() => NoteSigner.Generate("example.com/log");

    public static NoteSigner Witness() => NoteSigner.Generate("example.com/witness", NoteKeyType.Cosignature);
}
