using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.TransparencyLog.Audit;

/// <summary>
/// Checkpoints kept outside the database (a witness's state file, a verifier's <c>--state</c> file, a note saved with
/// a receipt) held against the database. Restored from an older backup, the database is consistent with itself (its
/// own checkpoints were rolled back with it, so the audit alone passes), but shorter than what the log signed and a
/// witness cosigned: every entry between the two was acknowledged to its sender and is lost. Each checkpoint must
/// verify with the log key and be covered by, and consistent with, the database's latest checkpoint.
/// </summary>
public static class WitnessedCheckpoints
{
    /// <summary>One failure line per checkpoint that the database does not hold, naming the entries lost.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(
        AigaqDb db, IEnumerable<(string Source, string Note)> notes, NoteVerifier? logKey, CancellationToken ct)
    {
        var failures = new List<string>();
        var latest = await LedgerStore.LatestAsync(db, ct);
        // The audit itself names gaps; a restore keeps a contiguous prefix, so the count is where the loss begins.
        var stored = await db.Set<LedgerEntry>().LongCountAsync(ct);
        foreach (var (source, text) in notes)
        {
            SignedNote note;
            Checkpoint witnessed;
            try
            {
                note = SignedNote.Parse(text);
                witnessed = logKey is null
                    ? throw new NoteVerificationException("the log's signing key is missing")
                    : Checkpoint.Verify(note, logKey);
            }
            catch (Exception e) when (e is FormatException or NoteVerificationException)
            {
                failures.Add($"{source}: not a checkpoint signed by this log's key ({e.Message})");
                continue;
            }

            var cosigners = note.Signatures.Select(s => s.Name).Where(n => n != logKey.Name).Distinct().ToList();
            var signedBy = cosigners.Count == 0 ? "signed by the log" : "cosigned by " + string.Join(", ", cosigners);
            var held = latest?.Size ?? 0;
            if (witnessed.Size > stored)
            {
                failures.Add($"checkpoint {witnessed.Size} ({signedBy}; {source}) covers {witnessed.Size - stored} entries that this database "
                    + $"does not hold: log indices {stored}..{witnessed.Size - 1} were acknowledged and are lost (a restore from an older backup?)");
            }
            else if (witnessed.Size > held)
            {
                failures.Add($"checkpoint {witnessed.Size} ({signedBy}; {source}) is beyond this database's latest checkpoint {held}: integrate, then audit again");
            }
            else if (!Consistent(db, witnessed, latest))
            {
                failures.Add($"checkpoint {witnessed.Size} ({signedBy}; {source}) is not consistent with this database's log: "
                    + "the log it signed was another (a fork, or history rewritten)");
            }
        }

        return failures;
    }

    private static bool Consistent(AigaqDb db, Checkpoint witnessed, LedgerCheckpoint? latest)
    {
        if (latest is null || witnessed.Size == 0)
        {
            return witnessed.Size == 0;
        }

        var root = Convert.FromBase64String(latest.Root);
        if (witnessed.Size == latest.Size)
        {
            return witnessed.RootHash.SequenceEqual(root);
        }

        try
        {
            var proof = MerkleProof.ConsistencyProof(new TileHashReader(latest.Size, LedgerStore.Fetcher(db)), witnessed.Size, latest.Size);
            return MerkleProof.VerifyConsistency(witnessed.Size, latest.Size, proof, witnessed.RootHash, root);
        }
        catch (InvalidDataException)
        {
            // A tile missing: the audit names it; the checkpoint cannot be shown consistent.
            return false;
        }
    }
}
