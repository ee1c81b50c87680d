using System.Security.Cryptography;

namespace Aigaq.Ledger.Tests;

public class CosignaturesTests
{
    [Fact]
    public void Each_witness_is_reported_verified_invalid_or_missing_with_its_timestamp()
    {
        using var log = NoteSigner.Generate("example.com/log");
        using var w1 = NoteSigner.Generate("example.com/w1", NoteKeyType.Cosignature, TestTime.AtUnixSeconds(1_700_000_000));
        using var w2 = NoteSigner.Generate("example.com/w2", NoteKeyType.Cosignature, TestTime.AtUnixSeconds(1_700_000_100));
        using var w3 = NoteSigner.Generate("example.com/w3", NoteKeyType.Cosignature);
        var note = new Checkpoint("example.com/log", 7, SHA256.HashData("x"u8)).Sign(log, w1, w2);

        var checks = Cosignatures.Check(note, [w1.Verifier, w2.Verifier, w3.Verifier]);
        Assert.Equal([CosignatureStatus.Verified, CosignatureStatus.Verified, CosignatureStatus.Missing], checks.Select(c => c.Status));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), checks[0].At);
        Assert.Equal(1_700_000_100, checks[1].Timestamp);
        Assert.Equal("example.com/w3", checks[2].Name);
        Assert.Null(checks[2].At);

        // One byte of w2's signature changed: only w2 is invalid.
        var sig = note.Signatures[2];
        var bytes = sig.Signature.ToArray();
        bytes[^1] ^= 1;
        var tampered = new SignedNote(note.Text, [note.Signatures[0], note.Signatures[1], sig with { Signature = bytes }]);
        Assert.Equal([CosignatureStatus.Verified, CosignatureStatus.Invalid], Cosignatures.Check(tampered, [w1.Verifier, w2.Verifier]).Select(c => c.Status));

        // The same name with another key is not that witness: missing, and an unknown line.
        using var impostor = NoteSigner.Generate("example.com/w1", NoteKeyType.Cosignature);
        var other = new Checkpoint("example.com/log", 7, SHA256.HashData("x"u8)).Sign(log, impostor);
        Assert.Equal(CosignatureStatus.Missing, Assert.Single(Cosignatures.Check(other, [w1.Verifier])).Status);
        var line = Assert.Single(Cosignatures.CheckLines(other, log.Verifier, [w1.Verifier]));
        Assert.Equal((CosignatureStatus.UnknownKey, impostor.KeyId), (line.Status, line.KeyId));

        // Every line but the log's, in order.
        Assert.Equal(
            [CosignatureStatus.Verified, CosignatureStatus.Invalid],
            Cosignatures.CheckLines(tampered, log.Verifier, [w1.Verifier, w2.Verifier]).Select(c => c.Status));

        // A log key is not a witness key.
        Assert.Throws<ArgumentException>(() => Cosignatures.Check(note, [log.Verifier]));
    }
}
