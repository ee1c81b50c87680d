using System.Text;

namespace Aigaq.Detentions;

/// <summary>
/// The skeleton of a name for the public custody lookup: one form that the Kazakh, Russian and Latin spellings of a
/// name share, so that a relative typing "Бауржан", "Baurzhan" or "Bauyrjan" finds "Бауыржан". It is deliberately
/// loose (it folds letters that spelling varies on); the lookup guards against the false matches this allows by
/// requiring the birth date exactly and both names.
/// </summary>
/// <remarks>
/// Changing what this returns changes the key stored for every detention: a migration must then set
/// <c>detentions.LookupKey</c> to null, and <see cref="LookupKeyBackfill"/> fills it again at start-up. It also changes
/// every protected person's name index (<c>Aigaq.Protection.BlindIndex</c>), which can only be computed again from the
/// sealed identity (docs/decisions/0022).
/// </remarks>
public static class LookupName
{
    // Cyrillic (Russian and Kazakh) to a Latin spelling close to the passport's (ICAO): ы as i, й as i, ю as iu, я as ia,
    // х as kh (so that Исхаков meets Iskhakov, not Ishakov),
    // with the Kazakh letters folded to their Russian neighbours (ә->а, ғ->г, қ->к, ң->н, ө->о, ұ/ү->у, һ->х, і->и).
    private static readonly Dictionary<char, string> Letters = Spelled(
        "аa әa бb вv гg ғg ґg дd еe ёe єe эe жzh зz иi іi "
        + "їi йi ыi кk қk лl мm нn ңn оo өo пp рr сs тt уu "
        + "ұu үu ўu фf хkh һkh цts чch шsh щshch ъ- ь- юiu яia "

        // The 2021 Kazakh Latin alphabet: ä ğ ı(ы) ñ ö ş ū ü, q for қ, j for ж, y for й; and ç for ч.
        + "äa ğg ıi ñn öo şsh çch ūu üu qk wv xks yi");

    // "аa әa ... ъ-": each letter followed by its Latin spelling, "-" for none.
    private static Dictionary<char, string> Spelled(string table) =>
        table.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToDictionary(p => p[0], p => p[1..] == "-" ? "" : p[1..]);

    // Sounds that Latin spellings write with two or more letters, each as one symbol: longest first.
    private static readonly (string Latin, char Symbol)[] Digraphs =
    [
        ("shch", 'S'), ("dzh", 'J'), ("sch", 'S'), ("sh", 'S'), ("zh", 'J'), ("dj", 'J'), ("ch", 'C'), ("kh", 'h'),
        ("gh", 'g'), ("ts", 'c'), ("j", 'J'),
    ];

    /// <summary>The skeleton of <paramref name="name"/>; empty only when the name has no letter at all.</summary>
    public static string Skeleton(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        // Letters only, lower case, in Latin; spaces, hyphens, apostrophes and dots go.
        var latin = new StringBuilder(name.Length * 2);
        foreach (var c in name.Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            if (Letters.TryGetValue(c, out var spelled))
            {
                latin.Append(spelled);
            }
            else
            {
                // Other accented Latin letters (é, ó...) keep their base letter.
                foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
                {
                    if (d is >= 'a' and <= 'z')
                    {
                        latin.Append(d);
                    }
                    else if (char.IsLetter(d) && !Letters.ContainsKey(d))
                    {
                        // A script this does not fold (Greek, Chinese...) is kept as it is, so such a name never
                        // meets every other one on an empty skeleton.
                        latin.Append(d);
                    }
                }
            }
        }

        var symbols = new List<char>(latin.Length);
        var text = latin.ToString();
        for (var i = 0; i < text.Length;)
        {
            var (length, symbol) = Match(text, i);
            symbols.Add(symbol);
            i += length;
        }

        symbols = Collapse(symbols);

        // A glide "i" (й, ы, y after a vowel: Бауыржан/Бауржан, Алексей/Aleksey/Alexei, Қайрат/Kairat) and an initial
        // "i" before a vowel (Е/Ye, Ю/Yu/Iu, Я/Ya) are spelled in some ways and not others: they go.
        var kept = new List<char>(symbols.Count);
        for (var i = 0; i < symbols.Count; i++)
        {
            var glide = symbols[i] == 'i'
                && ((i > 0 && IsVowel(symbols[i - 1])) || (i == 0 && i + 1 < symbols.Count && IsVowel(symbols[i + 1])));
            if (!glide)
            {
                kept.Add(symbols[i]);
            }
        }

        return new string([.. Collapse(kept)]);
    }

    private static (int Length, char Symbol) Match(string text, int at)
    {
        foreach (var (spelling, symbol) in Digraphs)
        {
            if (string.CompareOrdinal(text, at, spelling, 0, spelling.Length) == 0)
            {
                return (spelling.Length, symbol);
            }
        }

        return (1, text[at]);
    }

    // Doubled letters vary (Ахмеддинов/Akhmedinov, Алексеев/Alekseyev): one is kept.
    private static List<char> Collapse(List<char> symbols)
    {
        var single = new List<char>(symbols.Count);
        foreach (var s in symbols)
        {
            if (single.Count == 0 || single[^1] != s)
            {
                single.Add(s);
            }
        }

        return single;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'o' or 'u';

    /// <summary>Whether two spellings of a name meet.</summary>
    public static bool Meet(string? a, string? b)
    {
        var x = Skeleton(a);
        return x.Length > 0 && string.Equals(x, Skeleton(b), StringComparison.Ordinal);
    }
}
