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
    public static string Count(IStringLocalizer t, string key, long n) =>
        t[key + "." + Form(n, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), n.ToString(CultureInfo.InvariantCulture)];

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
