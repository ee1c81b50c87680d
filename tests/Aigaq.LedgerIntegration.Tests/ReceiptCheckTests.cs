using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>The receipt check against this log's key, entries and tiles, on both providers.</summary>
public sealed class ReceiptCheckTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_receipt_is_checked_against_the_log_and_every_kind_of_damage_is_named(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var officer = await app.OfficerAsync();
        using var http = app.CreateClient();
        var id = await app.RegisterDetentionAsync(officer, 1);
        var index = await app.LogIndexAsync("detention.registered", id);
        var size1 = await app.IntegrateAllAsync();
        var receipt = await http.GetStringAsync($"/api/v1/log/receipts/{index}");

        // The log grows after the receipt was taken: the old checkpoint must be consistent with the new one.
        await app.RegisterDetentionAsync(officer, 2);
        var size2 = await app.IntegrateAllAsync();
        Assert.True(size2 > size1);

        var valid = await CheckAsync(app, receipt);
        Assert.True(valid.Valid);
        Assert.Null(valid.Reason);
        Assert.Equal(new ReceiptEntryView(index, "detention.registered", id, valid.Entry!.RecordedAt, valid.Entry.Commitment), valid.Entry);
        Assert.Equal(44, valid.Entry.Commitment.Length);
        Assert.Equal(size1, valid.Checkpoint!.Size);
        Assert.Equal(size2, valid.Checkpoint.LatestSize);
        Assert.Equal("aigaq.local/log", valid.Checkpoint.Origin);
        Assert.Null(valid.Witnessed);

        // What pasting does (CRLF, spaces around, a lost final newline) does not matter.
        Assert.True((await CheckAsync(app, "  \r\n" + receipt.TrimEnd('\n').Replace("\n", "\r\n", StringComparison.Ordinal) + "  ")).Valid);

        var proof = TlogProof.Parse(receipt);
        Assert.NotEmpty(proof.InclusionProof);

        // A changed hash in the path.
        var path = proof.InclusionProof.Select(h => (byte[])h.Clone()).ToList();
        path[0][0] ^= 1;
        await AssertInvalidAsync(app, new TlogProof(proof.Index, path, proof.Checkpoint).Format(), ReceiptReason.BadInclusion);

        // Another index in the same tree.
        await AssertInvalidAsync(app, new TlogProof(index == 0 ? 1 : 0, proof.InclusionProof, proof.Checkpoint).Format(), ReceiptReason.BadInclusion);

        // An index the log does not hold.
        await AssertInvalidAsync(app, new TlogProof(size2 + 10, proof.InclusionProof, proof.Checkpoint).Format(), ReceiptReason.UnknownEntry);

        // A changed signature byte.
        var sig = proof.Checkpoint.Signatures[0];
        var bytes = sig.Signature.ToArray();
        bytes[^1] ^= 1;
        var forgedNote = new SignedNote(proof.Checkpoint.Text, [sig with { Signature = bytes }]);
        await AssertInvalidAsync(app, new TlogProof(proof.Index, proof.InclusionProof, forgedNote).Format(), ReceiptReason.BadSignature);

        // A changed root hash under the log's real signature.
        var checkpoint = Checkpoint.Parse(proof.Checkpoint.Text);
        var root = checkpoint.RootHash.ToArray();
        root[0] ^= 1;
        var moved = new SignedNote(new Checkpoint(checkpoint.Origin, checkpoint.Size, root).ToNoteText(), proof.Checkpoint.Signatures);
        await AssertInvalidAsync(app, new TlogProof(proof.Index, proof.InclusionProof, moved).Format(), ReceiptReason.BadSignature);

        // The same checkpoint signed by another log's key of the same name, and by a log of another name.
        using (var other = NoteSigner.Generate("aigaq.local/log"))
        {
            await AssertInvalidAsync(app, new TlogProof(proof.Index, proof.InclusionProof, checkpoint.Sign(other)).Format(), ReceiptReason.BadSignature);
        }

        using (var other = NoteSigner.Generate("elsewhere.example/log"))
        {
            var foreign = new Checkpoint(other.Name, checkpoint.Size, checkpoint.RootHash).Sign(other);
            await AssertInvalidAsync(app, new TlogProof(proof.Index, proof.InclusionProof, foreign).Format(), ReceiptReason.WrongOrigin);
        }

        // A tree the log's key signed that is not the log: the entry is in it, but it is not a state of the log.
        var leaf = MerkleHash.Leaf(System.Text.Encoding.UTF8.GetBytes(await app.WithDbAsync(db =>
            db.Set<LedgerEntry>().Where(e => e.Index == 0).Select(e => e.Entry).SingleAsync())));
        var fake = MerkleHash.Leaf("not in the log"u8);
        var fork = new Checkpoint(checkpoint.Origin, 2, MerkleHash.Node(leaf, fake)).Sign(app.Keys.Signer);
        await AssertInvalidAsync(app, new TlogProof(0, [fake], fork).Format(), ReceiptReason.InconsistentWithLog);

        // Not a receipt at all, and too much of it.
        await AssertInvalidAsync(app, null, ReceiptReason.Malformed);
        await AssertInvalidAsync(app, "", ReceiptReason.Malformed);
        await AssertInvalidAsync(app, "hello\n\nworld", ReceiptReason.Malformed);
        await AssertInvalidAsync(app, receipt.Replace("index ", "index -", StringComparison.Ordinal), ReceiptReason.Malformed);
        await AssertInvalidAsync(app, receipt[..(receipt.IndexOf("\n\n", StringComparison.Ordinal) + 2)] + "aigaq.local/log\nx\n", ReceiptReason.Malformed);
        await AssertInvalidAsync(app, receipt + new string(' ', ReceiptCheck.MaxBytes), ReceiptReason.TooLarge);
        await AssertInvalidAsync(app, new string('ж', (ReceiptCheck.MaxBytes / 2) + 1), ReceiptReason.TooLarge);
    }

    private static async Task<ReceiptCheckResult> CheckAsync(LogNode app, string? text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReceiptCheck>().CheckAsync(text, CancellationToken.None);
    }

    private static async Task AssertInvalidAsync(LogNode app, string? text, ReceiptReason reason)
    {
        var result = await CheckAsync(app, text);
        Assert.False(result.Valid);
        Assert.Equal(reason, result.Reason);
        Assert.Null(result.Entry);
        Assert.Null(result.Checkpoint);
    }
}
