using System.Security.Cryptography;

namespace Aigaq.Ledger;

/// <summary>What a witness answered to an <c>add-checkpoint</c> request (c2sp.org/tlog-witness).</summary>
public enum AddCheckpointOutcome
{
    /// <summary>200: the checkpoint is consistent and was cosigned.</summary>
    Cosigned,

    /// <summary>400: the request is malformed, or the old size exceeds the checkpoint size.</summary>
    BadRequest,

    /// <summary>403: no signature verifies under a key the witness trusts for the origin.</summary>
    Forbidden,

    /// <summary>404: the witness does not know the checkpoint origin.</summary>
    UnknownOrigin,

    /// <summary>409: the old size is not the size the witness last cosigned; the body says which size that is.</summary>
    StaleOldSize,

    /// <summary>409: same size as the last cosigned checkpoint but a different root hash. This is evidence of a fork.</summary>
    Fork,

    /// <summary>422: the consistency proof does not verify. Signed by the log, so evidence of misbehaviour or a bug.</summary>
    BadProof,
}

/// <summary>The decision of a witness on one request: status code, body and, when cosigned, the note to persist.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Reason">A short human-readable reason (not sent to the client beyond the status).</param>
/// <param name="LatestSize">For <see cref="AddCheckpointOutcome.StaleOldSize"/> and <see cref="AddCheckpointOutcome.Fork"/>, the size of the latest cosigned checkpoint.</param>
/// <param name="Cosignature">For <see cref="AddCheckpointOutcome.Cosigned"/>, the witness's cosignature.</param>
/// <param name="Cosigned">For <see cref="AddCheckpointOutcome.Cosigned"/>, the checkpoint with the cosignature appended: the new state.</param>
public sealed record AddCheckpointResult(
    AddCheckpointOutcome Outcome,
    string Reason,
    long? LatestSize = null,
    NoteSignature? Cosignature = null,
    SignedNote? Cosigned = null)
{
    /// <summary>The HTTP status code the protocol prescribes.</summary>
    public int StatusCode => Outcome switch
    {
        AddCheckpointOutcome.Cosigned => 200,
        AddCheckpointOutcome.BadRequest => 400,
        AddCheckpointOutcome.Forbidden => 403,
        AddCheckpointOutcome.UnknownOrigin => 404,
        AddCheckpointOutcome.StaleOldSize or AddCheckpointOutcome.Fork => 409,
        AddCheckpointOutcome.BadProof => 422,
        _ => 500,
    };

    /// <summary>Whether the request, being signed by the log yet inconsistent, should be kept as evidence.</summary>
    public bool IsEvidence => Outcome is AddCheckpointOutcome.Fork or AddCheckpointOutcome.BadProof;

    /// <summary>The response content type: <see cref="TlogWitness.SizeContentType"/> for 409, otherwise plain text.</summary>
    public string ContentType => StatusCode == 409 ? TlogWitness.SizeContentType : "text/plain; charset=utf-8";

    /// <summary>The response body: the cosignature line for 200, the latest size for 409, the reason otherwise.</summary>
    public string Body => Outcome switch
    {
        AddCheckpointOutcome.Cosigned => SignedNote.FormatSignatureLine(Cosignature!),
        AddCheckpointOutcome.StaleOldSize or AddCheckpointOutcome.Fork => TlogWitness.FormatSize(LatestSize ?? 0),
        _ => Reason + "\n",
    };
}

/// <summary>
/// The decision core of a c2sp.org/tlog-witness witness: given a parsed request and the latest checkpoint the
/// witness cosigned for that origin, checks the log signature and the consistency proof and cosigns with a
/// cosignature/v1 key. It keeps no state itself: the caller must load the state, decide and persist the new
/// state under one lock, so that two concurrent requests cannot both advance (the rollback race in the spec).
/// </summary>
public sealed class TlogWitness
{
    /// <summary>The content type of a 409 response body: the decimal size and a newline.</summary>
    public const string SizeContentType = "text/x.tlog.size";

    private readonly NoteSigner _key;
    private readonly Dictionary<string, NoteVerifier[]> _logs;

    /// <summary>Creates a witness.</summary>
    /// <param name="key">The witness key; must be a <see cref="NoteKeyType.Cosignature"/> key.</param>
    /// <param name="logKeys">The log keys it trusts; each log's origin is its key name.</param>
    public TlogWitness(NoteSigner key, IEnumerable<NoteVerifier> logKeys)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(logKeys);
        if (key.Type != NoteKeyType.Cosignature)
        {
            throw new ArgumentException("A witness signs with a cosignature/v1 key.", nameof(key));
        }

        _key = key;
        _logs = logKeys.GroupBy(k => k.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The witness's public key.</summary>
    public NoteVerifier Verifier => _key.Verifier;

    /// <summary>Whether the witness knows the origin.</summary>
    /// <param name="origin">The checkpoint origin.</param>
    /// <returns><see langword="true"/> when a key is configured for it.</returns>
    public bool Knows(string origin) => _logs.ContainsKey(origin);

    /// <summary>Decides a request.</summary>
    /// <param name="request">The parsed request.</param>
    /// <param name="latest">The latest checkpoint this witness cosigned for the request's origin, or <see langword="null"/> if none.</param>
    /// <returns>The decision.</returns>
    public AddCheckpointResult Decide(AddCheckpointRequest request, Checkpoint? latest)
    {
        ArgumentNullException.ThrowIfNull(request);
        var checkpoint = request.Checkpoint;
        if (!_logs.TryGetValue(checkpoint.Origin, out var keys))
        {
            return new(AddCheckpointOutcome.UnknownOrigin, "Unknown log origin.");
        }

        if (latest is not null && !string.Equals(latest.Origin, checkpoint.Origin, StringComparison.Ordinal))
        {
            throw new ArgumentException("The state belongs to another origin.", nameof(latest));
        }

        try
        {
            request.Note.Verify(keys);
        }
        catch (NoteVerificationException)
        {
            return new(AddCheckpointOutcome.Forbidden, "No valid signature from a trusted log key.");
        }

        if (request.OldSize > checkpoint.Size)
        {
            return new(AddCheckpointOutcome.BadRequest, "The old size exceeds the checkpoint size.");
        }

        var latestSize = latest?.Size ?? 0;
        if (request.OldSize != latestSize)
        {
            return new(AddCheckpointOutcome.StaleOldSize, "The old size is not the latest cosigned size.", latestSize);
        }

        if (latest is null || latest.Size == 0)
        {
            if (request.ConsistencyProof.Count != 0)
            {
                return new(AddCheckpointOutcome.BadProof, "The proof must be empty from size zero.");
            }
        }
        else if (latest.Size == checkpoint.Size)
        {
            if (request.ConsistencyProof.Count != 0)
            {
                return new(AddCheckpointOutcome.BadProof, "The proof must be empty between equal sizes.");
            }

            if (!CryptographicOperations.FixedTimeEquals(latest.RootHash, checkpoint.RootHash))
            {
                return new(AddCheckpointOutcome.Fork, "Same size as the latest cosigned checkpoint, different root hash.", latestSize);
            }
        }
        else if (!MerkleProof.VerifyConsistency(latest.Size, checkpoint.Size, request.ConsistencyProof, latest.RootHash, checkpoint.RootHash))
        {
            return new(AddCheckpointOutcome.BadProof, "The consistency proof does not verify against the latest cosigned checkpoint.");
        }

        var signature = new NoteSignature(_key.Name, _key.KeyId, _key.Sign(Strict.Utf8.GetBytes(request.Note.Text)));
        var own = request.Note.Signatures.Where(s => !(s.Name == _key.Name && s.KeyId == _key.KeyId));
        var cosigned = new SignedNote(request.Note.Text, [.. own, signature]);
        return new(AddCheckpointOutcome.Cosigned, "Cosigned.", Cosignature: signature, Cosigned: cosigned);
    }

    /// <summary>Formats a 409 body: the decimal size and a newline.</summary>
    /// <param name="size">The size.</param>
    /// <returns>The body.</returns>
    public static string FormatSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return Strict.Decimal(size) + "\n";
    }

    /// <summary>Parses a 409 body strictly: a decimal with no leading zeroes and one final newline.</summary>
    /// <param name="body">The body.</param>
    /// <param name="size">The size.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParseSize(string? body, out long size)
    {
        size = 0;
        return body is { Length: > 1 } && body[^1] == '\n' && Strict.TryDecimal(body.AsSpan(0, body.Length - 1), out size);
    }

    /// <summary>
    /// Client side: verifies a 200 response body against the checkpoint that was sent and the witness key,
    /// as the spec suggests (the body appended to the checkpoint must verify as a note under the witness key).
    /// Lines from other keys are ignored.
    /// </summary>
    /// <param name="checkpoint">The checkpoint sent.</param>
    /// <param name="responseBody">The response body: one or more signature lines.</param>
    /// <param name="witnessKey">The witness's cosignature key.</param>
    /// <returns>The verified cosignature with its timestamp.</returns>
    /// <exception cref="FormatException">The body is not signature lines.</exception>
    /// <exception cref="NoteVerificationException">No valid cosignature from the witness key.</exception>
    public static VerifiedSignature VerifyResponse(SignedNote checkpoint, string responseBody, NoteVerifier witnessKey)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(responseBody);
        ArgumentNullException.ThrowIfNull(witnessKey);
        if (witnessKey.Type != NoteKeyType.Cosignature)
        {
            throw new ArgumentException("A witness key is a cosignature/v1 key.", nameof(witnessKey));
        }

        var note = SignedNote.Parse(checkpoint.Text + "\n" + responseBody);
        return note.Verify(witnessKey).Single();
    }
}
