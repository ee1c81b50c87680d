namespace Aigaq.Ledger;

/// <summary>How one cosignature (c2sp.org/tlog-cosignature, cosignature/v1) on a checkpoint fared.</summary>
public enum CosignatureStatus
{
    /// <summary>The line is from a trusted witness key and verifies: the witness cosigned at its timestamp.</summary>
    Verified,

    /// <summary>The line names a trusted witness key (name and key ID) but does not verify: the note was changed.</summary>
    Invalid,

    /// <summary>The note carries no line from that trusted witness key.</summary>
    Missing,

    /// <summary>The line is from a key that is not trusted (neither the log's nor a known witness's); it is ignored.</summary>
    UnknownKey,
}

/// <summary>The check of one cosignature line, or of one trusted witness that has none.</summary>
/// <param name="Name">The key name on the line, or of the trusted witness.</param>
/// <param name="KeyId">The key ID on the line, or of the trusted witness.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Timestamp">For <see cref="CosignatureStatus.Verified"/>, the POSIX time (seconds) the witness put in its cosignature.</param>
public sealed record CosignatureCheck(string Name, uint KeyId, CosignatureStatus Status, long? Timestamp)
{
    /// <summary>The timestamp as an instant, when there is one.</summary>
    public DateTimeOffset? At => Timestamp is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : null;
}

/// <summary>
/// Checks witness cosignatures on a signed checkpoint one by one, so that a caller can say which witness cosigned,
/// when, and which line does not verify, where <see cref="SignedNote.Verify"/> only accepts or rejects the whole note.
/// Lines are matched to keys by name and key ID, as c2sp.org/signed-note prescribes.
/// </summary>
public static class Cosignatures
{
    /// <summary>
    /// Checks each trusted witness's line: <see cref="CosignatureStatus.Verified"/>, <see cref="CosignatureStatus.Invalid"/>
    /// or <see cref="CosignatureStatus.Missing"/>, one result per witness, in the order given.
    /// </summary>
    /// <param name="note">The signed checkpoint.</param>
    /// <param name="witnesses">The trusted witness keys (cosignature/v1).</param>
    /// <returns>One result per witness.</returns>
    public static IReadOnlyList<CosignatureCheck> Check(SignedNote note, IEnumerable<NoteVerifier> witnesses)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(witnesses);
        var text = Strict.Utf8.GetBytes(note.Text);
        var results = new List<CosignatureCheck>();
        foreach (var witness in witnesses)
        {
            ArgumentNullException.ThrowIfNull(witness);
            RequireCosignatureKey(witness);
            results.Add(CheckOne(note, text, witness));
        }

        return results;
    }

    /// <summary>
    /// Reports every signature line of the note except the log's own: each line from a trusted witness as
    /// <see cref="CosignatureStatus.Verified"/> or <see cref="CosignatureStatus.Invalid"/>, every other line as
    /// <see cref="CosignatureStatus.UnknownKey"/>, in the order of the lines.
    /// </summary>
    /// <param name="note">The signed checkpoint.</param>
    /// <param name="logKey">The log's key, whose lines are left out.</param>
    /// <param name="witnesses">The trusted witness keys (cosignature/v1).</param>
    /// <returns>One result per line that is not the log's.</returns>
    public static IReadOnlyList<CosignatureCheck> CheckLines(SignedNote note, NoteVerifier logKey, IEnumerable<NoteVerifier> witnesses)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(logKey);
        ArgumentNullException.ThrowIfNull(witnesses);
        var known = new Dictionary<(string, uint), NoteVerifier>();
        foreach (var w in witnesses)
        {
            ArgumentNullException.ThrowIfNull(w);
            RequireCosignatureKey(w);
            known.TryAdd((w.Name, w.KeyId), w);
        }

        var text = Strict.Utf8.GetBytes(note.Text);
        var results = new List<CosignatureCheck>();
        foreach (var s in note.Signatures)
        {
            if (s.Name == logKey.Name && s.KeyId == logKey.KeyId)
            {
                continue;
            }

            results.Add(known.TryGetValue((s.Name, s.KeyId), out var witness)
                ? witness.Verify(text, s.Signature.Span)
                    ? new CosignatureCheck(s.Name, s.KeyId, CosignatureStatus.Verified, NoteVerifier.CosignatureTimestamp(s.Signature.Span))
                    : new CosignatureCheck(s.Name, s.KeyId, CosignatureStatus.Invalid, null)
                : new CosignatureCheck(s.Name, s.KeyId, CosignatureStatus.UnknownKey, null));
        }

        return results;
    }

    private static CosignatureCheck CheckOne(SignedNote note, byte[] text, NoteVerifier witness)
    {
        long? timestamp = null;
        var found = false;
        foreach (var s in note.Signatures)
        {
            if (s.Name != witness.Name || s.KeyId != witness.KeyId)
            {
                continue;
            }

            found = true;
            if (!witness.Verify(text, s.Signature.Span))
            {
                return new CosignatureCheck(witness.Name, witness.KeyId, CosignatureStatus.Invalid, null);
            }

            timestamp ??= NoteVerifier.CosignatureTimestamp(s.Signature.Span);
        }

        return found
            ? new CosignatureCheck(witness.Name, witness.KeyId, CosignatureStatus.Verified, timestamp)
            : new CosignatureCheck(witness.Name, witness.KeyId, CosignatureStatus.Missing, null);
    }

    private static void RequireCosignatureKey(NoteVerifier witness)
    {
        if (witness.Type != NoteKeyType.Cosignature)
        {
            throw new ArgumentException($"The witness key {witness.Name} is not a cosignature/v1 key.", nameof(witness));
        }
    }
}
