namespace Aigaq.Web;

/// <summary>
/// What text Aigaq takes, from the API and from forms alike: valid Unicode (no unpaired surrogate); no control character
/// but tab, line feed and carriage return (NUL among them, which PostgreSQL cannot store); no bidirectional override,
/// embedding or isolate, which make text read otherwise than it is stored. Names also refuse invisible characters
/// (zero-width spaces and joiners, the word joiner, the byte order mark, the soft hyphen), which make two names that
/// look the same differ, or hide a name from a search.
/// </summary>
public static class Text
{
    public const string NotUnicode = "must be valid Unicode text";
    public const string ControlCharacter = "must not contain control characters";
    public const string Bidirectional = "must not contain bidirectional control characters";
    public const string Invisible = "must not contain invisible characters";

    /// <summary>Why the text is refused, or null when it is taken.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return NotUnicode;
            }
            else if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007f' and <= '\u009f')
            {
                return ControlCharacter;
            }
            else if (c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f' or '\u061c')
            {
                return Bidirectional;
            }
        }

        return null;
    }

    /// <summary>Why a name is refused: what any text may not hold, and invisible characters besides.</summary>
    public static string? NameProblem(ReadOnlySpan<char> name) =>
        Problem(name) ?? (name.IndexOfAny("\u200b\u200c\u200d\u2060\ufeff\u00ad") >= 0 ? Invisible : null);
}
