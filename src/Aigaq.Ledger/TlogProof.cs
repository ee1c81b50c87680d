using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>
/// A c2sp.org/tlog-proof: an offline-verifiable proof that an entry is in a log, made of optional extra data,
/// the entry index, the inclusion proof, and the signed (and possibly cosigned) checkpoint.
/// </summary>
public sealed class TlogProof
{
    /// <summary>The first line of every proof.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    private readonly byte[]? _extraData;

    /// <summary>Creates a proof.</summary>
    /// <param name="index">The zero-based index of the entry.</param>
    /// <param name="inclusionProof">The inclusion proof hashes, leaf sibling first.</param>
    /// <param name="checkpoint">The signed checkpoint the proof is relative to.</param>
    /// <param name="extraData">Optional unauthenticated application data; empty counts as absent.</param>
    public TlogProof(long index, IEnumerable<byte[]> inclusionProof, SignedNote checkpoint, ReadOnlySpan<byte> extraData = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(inclusionProof);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var hashes = inclusionProof.Select(h => h is { Length: MerkleHash.Size } ? (byte[])h.Clone() : throw new ArgumentException("Proof hashes are 32 bytes.", nameof(inclusionProof))).ToList();
        Index = index;
        InclusionProof = hashes;
        Checkpoint = checkpoint;
        _extraData = extraData.IsEmpty ? null : extraData.ToArray();
    }

    /// <summary>The entry index.</summary>
    public long Index { get; }

    /// <summary>The inclusion proof hashes.</summary>
    public IReadOnlyList<byte[]> InclusionProof { get; }

    /// <summary>The signed checkpoint.</summary>
    public SignedNote Checkpoint { get; }

    /// <summary>The optional extra data (not authenticated); empty when absent.</summary>
    public ReadOnlySpan<byte> ExtraData => _extraData;

    /// <summary>Formats the proof in the c2sp.org/tlog-proof@v1 text format.</summary>
    /// <returns>The proof text.</returns>
    public string Format()
    {
        var sb = new StringBuilder(Header).Append('\n');
        if (_extraData is not null)
        {
            sb.Append("extra ").Append(Convert.ToBase64String(_extraData)).Append('\n');
        }

        sb.Append("index ").Append(Strict.Decimal(Index)).Append('\n');
        foreach (var h in InclusionProof)
        {
            sb.Append(Convert.ToBase64String(h)).Append('\n');
        }

        return sb.Append('\n').Append(Checkpoint.Format()).ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Format();

    /// <summary>Parses a proof strictly.</summary>
    /// <param name="text">The proof text.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="FormatException">The text is malformed.</exception>
    public static TlogProof Parse(string text) =>
        TryParse(text, out var proof) ? proof : throw new FormatException("Malformed tlog-proof.");

    /// <summary>Tries to parse a proof strictly.</summary>
    /// <param name="text">The proof text.</param>
    /// <param name="proof">The proof.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TlogProof? proof)
    {
        proof = null;
        if (text is null)
        {
            return false;
        }

        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            return false;
        }

        var lines = text[..blank].Split('\n');
        if (lines.Length < 2 || lines[0] != Header)
        {
            return false;
        }

        var next = 1;
        byte[] extra = [];
        if (lines[next].StartsWith("extra ", StringComparison.Ordinal))
        {
            if (!Strict.TryBase64(lines[next]["extra ".Length..], out extra) || extra.Length == 0)
            {
                return false;
            }

            next++;
        }

        if (next >= lines.Length || !lines[next].StartsWith("index ", StringComparison.Ordinal)
            || !Strict.TryDecimal(lines[next].AsSpan("index ".Length), out var index))
        {
            return false;
        }

        var hashes = new List<byte[]>();
        for (var i = next + 1; i < lines.Length; i++)
        {
            if (!Strict.TryBase64(lines[i], out var h) || h.Length != MerkleHash.Size)
            {
                return false;
            }

            hashes.Add(h);
        }

        if (!SignedNote.TryParse(text[(blank + 2)..], out var note))
        {
            return false;
        }

        proof = new TlogProof(index, hashes, note, extra);
        return true;
    }

    /// <summary>
    /// Verifies the proof: the checkpoint signature (and witness quorum) per <see cref="Ledger.Checkpoint.Verify"/>,
    /// then the inclusion of <paramref name="leafHash"/> at <see cref="Index"/> in the checkpointed tree.
    /// </summary>
    /// <param name="leafHash">The RFC 6962 leaf hash of the entry (see <see cref="MerkleHash.Leaf(ReadOnlySpan{byte})"/>).</param>
    /// <param name="logKey">The log's verifier.</param>
    /// <param name="witnesses">Trusted witness verifiers, if any.</param>
    /// <param name="witnessQuorum">How many witnesses must have cosigned.</param>
    /// <param name="origin">The expected origin; defaults to the log key name.</param>
    /// <returns>The verified checkpoint.</returns>
    /// <exception cref="NoteVerificationException">A signature, policy or inclusion check failed.</exception>
    public Checkpoint Verify(ReadOnlySpan<byte> leafHash, NoteVerifier logKey, IReadOnlyCollection<NoteVerifier>? witnesses = null, int witnessQuorum = 0, string? origin = null)
    {
        var checkpoint = Ledger.Checkpoint.Verify(Checkpoint, logKey, witnesses, witnessQuorum, origin);
        if (!MerkleProof.VerifyInclusion(leafHash, Index, checkpoint.Size, InclusionProof, checkpoint.RootHash))
        {
            throw new NoteVerificationException("The inclusion proof does not match the checkpoint.");
        }

        return checkpoint;
    }
}
