using System.Globalization;
using System.Text;
using System.Text.Json;
using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.TransparencyLog;

/// <summary>Why a receipt is not valid.</summary>
public enum ReceiptReason
{
    /// <summary>The text is not a c2sp.org/tlog-proof with a checkpoint.</summary>
    Malformed,

    /// <summary>The checkpoint names another log.</summary>
    WrongOrigin,

    /// <summary>The checkpoint is not signed by this log's key, or a signature by it does not verify.</summary>
    BadSignature,

    /// <summary>The inclusion path does not lead from the entry to the checkpoint's root.</summary>
    BadInclusion,

    /// <summary>The checkpoint is not a state of this log: no consistency with its latest checkpoint.</summary>
    InconsistentWithLog,

    /// <summary>This log holds no integrated entry with that index.</summary>
    UnknownEntry,

    /// <summary>The text is over <see cref="ReceiptCheck.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>A cosignature line from a witness this log knows (name and key ID) does not verify under its key.</summary>
    BadCosignature,
}

/// <summary>What a valid receipt proves about its entry: the public leaf content (no personal data).</summary>
public sealed record ReceiptEntryView(long Index, string Kind, Guid RecordId, DateTimeOffset RecordedAt, string Commitment);

/// <summary>The receipt's checkpoint, and the log's latest size it was found consistent with.</summary>
public sealed record ReceiptCheckpointView(string Origin, long Size, string RootHash, long LatestSize);

/// <summary>
/// One signature line of the receipt's checkpoint other than the log's: the witness (key name and ID), whether it
/// verifies under the key configured for that witness on this log, and the time the witness put in it.
/// </summary>
public sealed record ReceiptCosignatureView(string Witness, string KeyId, CosignatureStatus Status, DateTimeOffset? At);

/// <summary>
/// The answer to a receipt check. When <see cref="Valid"/>, <see cref="Entry"/> and <see cref="Checkpoint"/> are set,
/// and <see cref="Witnessed"/> is the earliest witness-cosigned checkpoint holding the entry, if any; otherwise only
/// <see cref="Reason"/> is set. <see cref="Cosignatures"/> lists the receipt's own cosignature lines (also when the
/// reason is <see cref="ReceiptReason.BadCosignature"/>, to name the one that does not verify), and <see cref="Cosigned"/>
/// is what the verified ones prove by themselves: the receipt's checkpoint, the earliest witness time, the witnesses.
/// </summary>
public sealed record ReceiptCheckResult(
    bool Valid,
    ReceiptReason? Reason = null,
    ReceiptEntryView? Entry = null,
    ReceiptCheckpointView? Checkpoint = null,
    WitnessedView? Witnessed = null,
    WitnessedView? Cosigned = null,
    IReadOnlyList<ReceiptCosignatureView>? Cosignatures = null)
{
    public static ReceiptCheckResult Invalid(ReceiptReason reason) => new(false, reason);
}

/// <summary>
/// Checks a pasted c2sp.org/tlog-proof receipt against this log: the checkpoint's origin and signature with the
/// log's key, each witness cosignature on it with the keys in <c>Aigaq:Ledger:Witnesses</c>, the inclusion path of the entry this log holds at that index, and consistency of the checkpoint with
/// the latest one (a consistency proof from the stored tiles). Bad input is an answer, never an exception.
/// </summary>
public sealed class ReceiptCheck(AigaqDb db, LedgerKeys keys, IOptions<AigaqOptions> options)
{
    private readonly Lazy<NoteVerifier[]> _witnesses = new(() => [.. ConfiguredWitness.From(options.Value.Ledger).Select(w => w.Key)]);

    /// <summary>The largest receipt accepted, in UTF-8 bytes. A real receipt is a few kilobytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Whether the text is over <see cref="MaxBytes"/>.</summary>
    public static bool IsTooLarge(string text) =>
        text.Length > MaxBytes || Encoding.UTF8.GetByteCount(text) > MaxBytes;

    public async Task<ReceiptCheckResult> CheckAsync(string? text, CancellationToken ct)
    {
        if (text is not null && IsTooLarge(text))
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.TooLarge);
        }

        if (!TlogProof.TryParse(Normalize(text), out var proof)
            || !Ledger.Checkpoint.TryParse(proof.Checkpoint.Text, out var claimed))
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.Malformed);
        }

        if (!string.Equals(claimed.Origin, keys.Origin, StringComparison.Ordinal))
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.WrongOrigin);
        }

        Checkpoint checkpoint;
        try
        {
            checkpoint = Ledger.Checkpoint.Verify(proof.Checkpoint, keys.Verifier, origin: keys.Origin);
        }
        catch (Exception ex) when (ex is NoteVerificationException or FormatException)
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.BadSignature);
        }

        // A line from a known witness key that does not verify makes the note invalid (c2sp.org/signed-note).
        var lines = Cosignatures.CheckLines(proof.Checkpoint, keys.Verifier, _witnesses.Value);
        IReadOnlyList<ReceiptCosignatureView>? cosignatures = lines.Count == 0 ? null
            : [.. lines.Select(l => new ReceiptCosignatureView(l.Name, l.KeyId.ToString("x8", CultureInfo.InvariantCulture), l.Status, l.At))];
        if (lines.Any(l => l.Status == CosignatureStatus.Invalid))
        {
            return new ReceiptCheckResult(false, ReceiptReason.BadCosignature, Cosignatures: cosignatures);
        }

        var latest = await LedgerStore.LatestAsync(db, ct);
        var entry = latest is null || proof.Index >= latest.Size
            ? null
            : await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Index == proof.Index).Select(e => e.Entry).FirstOrDefaultAsync(ct);
        if (latest is null || entry is null || ParseEntry(proof.Index, entry) is not { } view)
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.UnknownEntry);
        }

        var leaf = MerkleHash.Leaf(Encoding.UTF8.GetBytes(entry));
        if (!MerkleProof.VerifyInclusion(leaf, proof.Index, checkpoint.Size, proof.InclusionProof, checkpoint.RootHash))
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.BadInclusion);
        }

        if (checkpoint.Size > latest.Size)
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.InconsistentWithLog);
        }

        var consistency = MerkleProof.ConsistencyProof(new TileHashReader(latest.Size, LedgerStore.Fetcher(db)), checkpoint.Size, latest.Size);
        if (!MerkleProof.VerifyConsistency(checkpoint.Size, latest.Size, consistency, checkpoint.RootHash, Convert.FromBase64String(latest.Root)))
        {
            return ReceiptCheckResult.Invalid(ReceiptReason.InconsistentWithLog);
        }

        return new ReceiptCheckResult(
            true,
            Entry: view,
            Checkpoint: new ReceiptCheckpointView(checkpoint.Origin, checkpoint.Size, Convert.ToBase64String(checkpoint.RootHash), latest.Size),
            Witnessed: await LedgerStore.EarliestWitnessedAsync(db, proof.Index, ct),
            Cosigned: lines.Where(l => l.Status == CosignatureStatus.Verified).ToList() is { Count: > 0 } verified
                ? new WitnessedView(checkpoint.Size, verified.Min(l => l.At!.Value), [.. verified.Select(l => l.Name)])
                : null,
            Cosignatures: cosignatures);
    }

    /// <summary>
    /// Undoes what pasting does to the text: CRLF line ends (a form posts a textarea that way), spaces or blank
    /// lines around it, a lost final newline. None of it is covered by a signature or a hash.
    /// </summary>
    private static string? Normalize(string? text) =>
        text is null ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";

    /// <summary>The public leaf content as the writer made it; null when the stored entry is not that shape.</summary>
    private static ReceiptEntryView? ParseEntry(long index, string entry)
    {
        try
        {
            using var doc = JsonDocument.Parse(entry);
            var root = doc.RootElement;
            return new ReceiptEntryView(
                index,
                root.GetProperty("kind").GetString()!,
                root.GetProperty("recordId").GetGuid(),
                root.GetProperty("recordedAt").GetDateTimeOffset(),
                root.GetProperty("commitment").GetString()!);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
