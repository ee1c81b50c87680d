using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>
/// The body of a c2sp.org/tlog-witness <c>add-checkpoint</c> request: an <c>old N</c> line, zero or more
/// base64 consistency-proof lines, an empty line, and the signed checkpoint.
/// </summary>
public sealed class AddCheckpointRequest
{
    /// <summary>The most consistency-proof lines a client may send.</summary>
    public const int MaxProofLines = 63;

    /// <summary>Creates a request.</summary>
    /// <param name="oldSize">The size of the checkpoint the witness last cosigned (0 when unknown).</param>
    /// <param name="consistencyProof">The RFC 6962 consistency proof from <paramref name="oldSize"/> to the checkpoint size.</param>
    /// <param name="checkpoint">The signed checkpoint.</param>
    /// <exception cref="ArgumentException">The proof is too long, a hash is not 32 bytes, or the note is not a checkpoint.</exception>
    public AddCheckpointRequest(long oldSize, IEnumerable<byte[]> consistencyProof, SignedNote checkpoint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentNullException.ThrowIfNull(consistencyProof);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var proof = consistencyProof
            .Select(h => h is { Length: MerkleHash.Size } ? (byte[])h.Clone() : throw new ArgumentException("Proof hashes are 32 bytes.", nameof(consistencyProof)))
            .ToList();
        if (proof.Count > MaxProofLines)
        {
            throw new ArgumentException("A consistency proof has at most 63 hashes.", nameof(consistencyProof));
        }

        if (checkpoint.Signatures.Count == 0 || !Checkpoint.TryParse(checkpoint.Text, out var parsed))
        {
            throw new ArgumentException("The note must be a signed checkpoint.", nameof(checkpoint));
        }

        OldSize = oldSize;
        ConsistencyProof = proof;
        Note = checkpoint;
        Checkpoint = parsed;
    }

    /// <summary>The old size the client claims the witness last cosigned.</summary>
    public long OldSize { get; }

    /// <summary>The consistency proof hashes.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof { get; }

    /// <summary>The signed checkpoint note.</summary>
    public SignedNote Note { get; }

    /// <summary>The checkpoint body of <see cref="Note"/>.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>Formats the request body.</summary>
    /// <returns>The body text.</returns>
    public string Format()
    {
        var sb = new StringBuilder("old ").Append(Strict.Decimal(OldSize)).Append('\n');
        foreach (var hash in ConsistencyProof)
        {
            sb.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return sb.Append('\n').Append(Note.Format()).ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Format();

    /// <summary>Parses a request body strictly.</summary>
    /// <param name="body">The UTF-8 body.</param>
    /// <param name="request">The request.</param>
    /// <param name="error">Why parsing failed; empty on success.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out AddCheckpointRequest? request, out string error)
    {
        request = null;
        string text;
        try
        {
            text = Strict.Utf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            error = "The body is not UTF-8.";
            return false;
        }

        return TryParse(text, out request, out error);
    }

    /// <summary>Parses a request body strictly.</summary>
    /// <param name="body">The body text.</param>
    /// <param name="request">The request.</param>
    /// <param name="error">Why parsing failed; empty on success.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(string? body, [NotNullWhen(true)] out AddCheckpointRequest? request, out string error)
    {
        request = null;
        if (body is null)
        {
            error = "Empty body.";
            return false;
        }

        // Header lines are never empty, so the first blank line ends them.
        var split = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "Missing the empty line before the checkpoint.";
            return false;
        }

        var lines = body[..split].Split('\n');
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal) || !Strict.TryDecimal(lines[0].AsSpan(4), out var oldSize))
        {
            error = "The first line must be 'old' and a decimal size.";
            return false;
        }

        if (lines.Length - 1 > MaxProofLines)
        {
            error = "Too many consistency proof lines.";
            return false;
        }

        var proof = new List<byte[]>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            if (!Strict.TryBase64(line, out var hash) || hash.Length != MerkleHash.Size)
            {
                error = "Each consistency proof line must be one base64 SHA-256 hash.";
                return false;
            }

            proof.Add(hash);
        }

        if (!SignedNote.TryParse(body[(split + 2)..], out var note) || note.Signatures.Count == 0)
        {
            error = "The checkpoint is not a well-formed signed note.";
            return false;
        }

        if (!Checkpoint.TryParse(note.Text, out _))
        {
            error = "The note is not a well-formed checkpoint.";
            return false;
        }

        request = new AddCheckpointRequest(oldSize, proof, note);
        error = string.Empty;
        return true;
    }
}
