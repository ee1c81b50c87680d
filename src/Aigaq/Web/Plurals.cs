using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Aigaq.Web;

/// <summary>
/// A count with its noun in the reader's language (issue 14, item 9): Russian has three forms (1 запись, 3 записи,
/// 5 записей, 11 записей, 21 запись), English two, Kazakh one after a numeral. The forms are resources
/// <c>KEY.one</c>, <c>KEY.few</c> and <c>KEY.many</c>, each with <c>{0}</c> for the count.
/// </summary>
public static class Plurals
{
    /// <summary>A count that <see cref="Form"/> reads as "many" in every language: for a count shown withheld ("&lt;5", "x").</summary>
    public const long Many = 5;

    public static string Count(IStringLocalizer t, string key, long n) =>
        t[key + "." + Form(n, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), n.ToString(CultureInfo.InvariantCulture)];

    /// <summary>
    /// A sentence whose noun agrees with the count <paramref name="n"/>: the resource <c>KEY.one</c>, <c>KEY.few</c> or
    /// <c>KEY.many</c> formatted with <paramref name="args"/>, where the count's own place is whatever the caller shows for
    /// it (the number, or a withheld count's mark with <see cref="Many"/> as <paramref name="n"/>).
    /// </summary>
    public static string Sentence(IStringLocalizer t, string key, long n, params object[] args) =>
        t[key + "." + Form(n, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), args];

    /// <summary>The form a count takes: Unicode CLDR's rules for Russian and English; Kazakh nouns do not change after numerals.</summary>
    public static string Form(long n, string language)
    {
        var abs = Math.Abs(n);
        return language switch
        {
            "ru" => abs % 10 == 1 && abs % 100 != 11 ? "one"
                : abs % 10 is >= 2 and <= 4 && abs % 100 is not (>= 12 and <= 14) ? "few"
                : "many",
            "kk" => "many",
            _ => abs == 1 ? "one" : "many",
        };
    }
}
