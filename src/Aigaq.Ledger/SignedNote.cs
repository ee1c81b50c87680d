using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Aigaq.Ledger;

/// <summary>One signature line of a signed note: <c>— name base64(keyid || signature)</c>.</summary>
/// <param name="Name">The key name.</param>
/// <param name="KeyId">The 32-bit key ID.</param>
/// <param name="Signature">The signature bytes that follow the key ID.</param>
public sealed record NoteSignature(string Name, uint KeyId, ReadOnlyMemory<byte> Signature);

/// <summary>A signature that verified under a known key.</summary>
/// <param name="Verifier">The key that verified it.</param>
/// <param name="Signature">The signature line.</param>
/// <param name="Timestamp">For cosignatures, the POSIX timestamp (seconds) the witness signed; otherwise <see langword="null"/>.</param>
public sealed record VerifiedSignature(NoteVerifier Verifier, NoteSignature Signature, long? Timestamp);

/// <summary>Raised when a signed note does not verify under the given keys.</summary>
public sealed class NoteVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NoteVerificationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public NoteVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public NoteVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A c2sp.org/signed-note: UTF-8 text ending in a newline, a blank line, and one or more signature lines
/// <c>— name base64(keyid||signature)</c> (em dash U+2014).
/// </summary>
public sealed class SignedNote
{
    /// <summary>The most signature lines accepted when parsing (the specification requires at least 16).</summary>
    public const int MaxSignatures = 100;

    private const string SignaturePrefix = "\u2014 ";

    /// <summary>Creates a note from text and signatures, validating both.</summary>
    /// <param name="text">The note text, ending in a newline, with no control characters other than newline.</param>
    /// <param name="signatures">The signature lines.</param>
    public SignedNote(string text, IEnumerable<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signatures);
        if (!IsValidText(text))
        {
            throw new ArgumentException("Note text must be non-empty, end in a newline and contain no control characters other than newline.", nameof(text));
        }

        var list = signatures.ToList();
        foreach (var s in list)
        {
            if (s is null || !Strict.IsValidKeyName(s.Name))
            {
                throw new ArgumentException("Invalid signature key name.", nameof(signatures));
            }
        }

        Text = text;
        Signatures = list;
    }

    /// <summary>The note text, including its final newline.</summary>
    public string Text { get; }

    /// <summary>The signature lines, in order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with each signer.</summary>
    /// <param name="text">The note text, ending in a newline.</param>
    /// <param name="signers">The signers.</param>
    /// <returns>The signed note.</returns>
    public static SignedNote Sign(string text, params IEnumerable<NoteSigner> signers) => new SignedNote(text, []).AddSignatures(signers);

    /// <summary>Returns a new note with signatures from <paramref name="signers"/> appended (e.g. witness cosignatures).</summary>
    /// <param name="signers">The signers.</param>
    /// <returns>The new note.</returns>
    public SignedNote AddSignatures(params IEnumerable<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        var bytes = Strict.Utf8.GetBytes(Text);
        var list = Signatures.ToList();
        foreach (var signer in signers)
        {
            ArgumentNullException.ThrowIfNull(signer);
            list.Add(new NoteSignature(signer.Name, signer.KeyId, signer.Sign(bytes)));
        }

        return new SignedNote(Text, list);
    }

    /// <summary>Formats the note: text, blank line, signature lines.</summary>
    /// <returns>The note as a string.</returns>
    /// <exception cref="InvalidOperationException">The note has no signatures, so it has no valid text form.</exception>
    public string Format()
    {
        if (Signatures.Count == 0)
        {
            throw new InvalidOperationException("A signed note needs at least one signature.");
        }

        var sb = new StringBuilder(Text).Append('\n');
        foreach (var s in Signatures)
        {
            sb.Append(FormatSignatureLine(s));
        }

        return sb.ToString();
    }

    /// <summary>Formats one signature line, <c>— name base64(keyid || signature)</c>, with its final newline.</summary>
    /// <param name="signature">The signature.</param>
    /// <returns>The line.</returns>
    public static string FormatSignatureLine(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var blob = new byte[4 + signature.Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, signature.KeyId);
        signature.Signature.Span.CopyTo(blob.AsSpan(4));
        return SignaturePrefix + signature.Name + " " + Convert.ToBase64String(blob) + "\n";
    }

    /// <inheritdoc/>
    public override string ToString() => Signatures.Count == 0 ? Text : Format();

    /// <summary>Parses a signed note strictly.</summary>
    /// <param name="note">The note.</param>
    /// <returns>The parsed note.</returns>
    /// <exception cref="FormatException">The note is malformed.</exception>
    public static SignedNote Parse(string note) =>
        TryParse(note, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Parses a signed note strictly from UTF-8 bytes.</summary>
    /// <param name="note">The UTF-8 note.</param>
    /// <returns>The parsed note.</returns>
    /// <exception cref="FormatException">The note is malformed or not UTF-8.</exception>
    public static SignedNote Parse(ReadOnlySpan<byte> note)
    {
        string text;
        try
        {
            text = Strict.Utf8.GetString(note);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("A signed note must be valid UTF-8.", e);
        }

        return Parse(text);
    }

    /// <summary>Tries to parse a signed note strictly.</summary>
    /// <param name="note">The note.</param>
    /// <param name="result">The parsed note.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryParse(string? note, [NotNullWhen(true)] out SignedNote? result) => TryParse(note, out result, out _);

    /// <summary>
    /// Verifies the note. Signatures whose (name, key ID) match no known key are ignored; every signature that
    /// matches a known key must verify; at least one must.
    /// </summary>
    /// <param name="verifiers">The known keys (no two with the same name and key ID).</param>
    /// <returns>The signatures that verified.</returns>
    /// <exception cref="NoteVerificationException">A known signature is invalid, or none verified.</exception>
    public IReadOnlyList<VerifiedSignature> Verify(params IEnumerable<NoteVerifier> verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var known = new Dictionary<(string, uint), NoteVerifier>();
        foreach (var v in verifiers)
        {
            ArgumentNullException.ThrowIfNull(v);
            if (!known.TryAdd((v.Name, v.KeyId), v) && !ReferenceEquals(known[(v.Name, v.KeyId)], v))
            {
                throw new ArgumentException($"Ambiguous verifiers for key {v.Name}+{v.KeyId:x8}.", nameof(verifiers));
            }
        }

        var text = Strict.Utf8.GetBytes(Text);
        var verified = new List<VerifiedSignature>();
        var seen = new HashSet<(string, uint)>();
        foreach (var s in Signatures)
        {
            if (!known.TryGetValue((s.Name, s.KeyId), out var verifier))
            {
                continue;
            }

            if (!verifier.Verify(text, s.Signature.Span))
            {
                throw new NoteVerificationException($"Invalid signature from known key {s.Name}.");
            }

            if (seen.Add((s.Name, s.KeyId)))
            {
                var timestamp = verifier.Type == NoteKeyType.Cosignature ? NoteVerifier.CosignatureTimestamp(s.Signature.Span) : null;
                verified.Add(new VerifiedSignature(verifier, s, timestamp));
            }
        }

        if (verified.Count == 0)
        {
            throw new NoteVerificationException("The note has no valid signature from a known key.");
        }

        return verified;
    }

    internal static bool IsValidText(string text)
    {
        if (text.Length == 0 || text[^1] != '\n')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c < 0x20 && c != '\n')
            {
                return false;
            }
        }

        // Reject lone surrogates: the text must be encodable as UTF-8.
        try
        {
            _ = Strict.Utf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        return true;
    }

    private static bool TryParse(string? note, [NotNullWhen(true)] out SignedNote? result, out string error)
    {
        result = null;
        if (note is null)
        {
            error = "Null note.";
            return false;
        }

        foreach (var c in note)
        {
            if (c < 0x20 && c != '\n')
            {
                error = "Control characters are not allowed in a signed note.";
                return false;
            }
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "Missing blank line before the signatures.";
            return false;
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0 || block[^1] != '\n')
        {
            error = "Signature lines must end in a newline.";
            return false;
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            error = "Too many signatures.";
            return false;
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                error = "Malformed signature line.";
                return false;
            }

            var rest = line[SignaturePrefix.Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                error = "Malformed signature line.";
                return false;
            }

            var name = rest[..space];
            if (!Strict.IsValidKeyName(name) || !Strict.TryBase64(rest[(space + 1)..], out var blob) || blob.Length < 5)
            {
                error = "Malformed signature line.";
                return false;
            }

            signatures.Add(new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob.AsMemory(4)));
        }

        if (!IsValidText(text))
        {
            error = "Malformed note text.";
            return false;
        }

        result = new SignedNote(text, signatures);
        error = string.Empty;
        return true;
    }
}
