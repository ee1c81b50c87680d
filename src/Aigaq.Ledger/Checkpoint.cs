using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>
/// A c2sp.org/tlog-checkpoint note body: the origin line, the decimal tree size, the base64 root hash,
/// and optional non-empty extension lines, each ending in a newline.
/// </summary>
public sealed class Checkpoint
{
    private readonly byte[] _rootHash;

    /// <summary>Creates a checkpoint.</summary>
    /// <param name="origin">The log's unique origin (non-empty, no control characters).</param>
    /// <param name="size">The tree size.</param>
    /// <param name="rootHash">The 32-byte root hash at <paramref name="size"/>.</param>
    /// <param name="extensions">Optional non-empty extension lines.</param>
    public Checkpoint(string origin, long size, ReadOnlySpan<byte> rootHash, IEnumerable<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("The origin must be a non-empty line.", nameof(origin));
        }

        if (rootHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("The root hash is 32 bytes.", nameof(rootHash));
        }

        var ext = extensions?.ToList() ?? [];
        if (ext.Any(e => e is null || !IsValidLine(e)))
        {
            throw new ArgumentException("Extension lines must be non-empty lines.", nameof(extensions));
        }

        Origin = origin;
        Size = size;
        _rootHash = rootHash.ToArray();
        Extensions = ext;
    }

    /// <summary>The log origin.</summary>
    public string Origin { get; }

    /// <summary>The tree size.</summary>
    public long Size { get; }

    /// <summary>The root hash.</summary>
    public ReadOnlySpan<byte> RootHash => _rootHash;

    /// <summary>The extension lines (usually none).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Formats the checkpoint as note text.</summary>
    /// <returns>The note text, ending in a newline.</returns>
    public string ToNoteText()
    {
        var sb = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Strict.Decimal(Size)).Append('\n')
            .Append(Convert.ToBase64String(_rootHash)).Append('\n');
        foreach (var e in Extensions)
        {
            sb.Append(e).Append('\n');
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToNoteText();

    /// <summary>Signs the checkpoint as a note.</summary>
    /// <param name="signers">The log key (and any others).</param>
    /// <returns>The signed note.</returns>
    public SignedNote Sign(params IEnumerable<NoteSigner> signers) => SignedNote.Sign(ToNoteText(), signers);

    /// <summary>Parses checkpoint note text strictly.</summary>
    /// <param name="text">The note text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The text is not a well-formed checkpoint.</exception>
    public static Checkpoint Parse(string text) =>
        TryParse(text, out var c) ? c : throw new FormatException("Malformed checkpoint.");

    /// <summary>Tries to parse checkpoint note text strictly.</summary>
    /// <param name="text">The note text.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Checkpoint? checkpoint)
    {
        checkpoint = null;
        if (text is null || !SignedNote.IsValidText(text))
        {
            return false;
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3 || !IsValidLine(lines[0]) || !Strict.TryDecimal(lines[1], out var size)
            || !Strict.TryBase64(lines[2], out var root) || root.Length != MerkleHash.Size)
        {
            return false;
        }

        var extensions = lines[3..];
        if (extensions.Any(e => e.Length == 0))
        {
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root, extensions);
        return true;
    }

    /// <summary>
    /// Parses and verifies a signed checkpoint: it must be signed by <paramref name="logKey"/>, carry the expected
    /// origin, and carry valid cosignatures from at least <paramref name="witnessQuorum"/> of <paramref name="witnesses"/>.
    /// </summary>
    /// <param name="note">The signed note.</param>
    /// <param name="logKey">The log's verifier.</param>
    /// <param name="witnesses">Trusted witness verifiers, if any.</param>
    /// <param name="witnessQuorum">How many distinct witnesses must have cosigned.</param>
    /// <param name="origin">The expected origin; defaults to the log key name.</param>
    /// <returns>The verified checkpoint.</returns>
    /// <exception cref="NoteVerificationException">A signature check or policy failed.</exception>
    /// <exception cref="FormatException">The note text is not a checkpoint.</exception>
    public static Checkpoint Verify(SignedNote note, NoteVerifier logKey, IReadOnlyCollection<NoteVerifier>? witnesses = null, int witnessQuorum = 0, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(logKey);
        ArgumentOutOfRangeException.ThrowIfNegative(witnessQuorum);
        witnesses ??= [];
        if (witnessQuorum > witnesses.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(witnessQuorum), "The quorum exceeds the number of witnesses.");
        }

        var verified = note.Verify([logKey, .. witnesses]);
        if (!verified.Any(v => ReferenceEquals(v.Verifier, logKey)))
        {
            throw new NoteVerificationException("The checkpoint is not signed by the log key.");
        }

        var cosigned = verified.Count(v => !ReferenceEquals(v.Verifier, logKey));
        if (cosigned < witnessQuorum)
        {
            throw new NoteVerificationException($"Only {cosigned} of the required {witnessQuorum} witnesses cosigned.");
        }

        var checkpoint = Parse(note.Text);
        if (!string.Equals(checkpoint.Origin, origin ?? logKey.Name, StringComparison.Ordinal))
        {
            throw new NoteVerificationException("The checkpoint origin is not the expected one.");
        }

        return checkpoint;
    }

    private static bool IsValidLine(string line) => line.Length > 0 && !line.Any(c => c < 0x20);
}
