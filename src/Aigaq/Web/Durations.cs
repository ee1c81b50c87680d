using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Aigaq.Web;

/// <summary>
/// Time spans as people read them, in their language: "1 d 3 h", "3 h 05 min", "12 min"; a clock "overdue by 1 d 3 h"
/// or "1 d 3 h left", never a minus sign or hundreds of hours (issue 14, item 2). clock.js counts down with the same
/// words, which _ClockScript.cshtml hands it.
/// </summary>
public static class Durations
{
    public static string Of(TimeSpan span, IStringLocalizer t)
    {
        var abs = span.Duration();
        var days = (int)abs.TotalDays;
        return days > 0
            ? t["{0} d {1} h", days, abs.Hours]
            : abs.Hours > 0
                ? t["{0} h {1} min", abs.Hours, abs.Minutes.ToString("00", CultureInfo.InvariantCulture)]
                : t["{0} min", abs.Minutes];
    }

    /// <summary>A deadline's clock: how long is left, or how long ago it passed.</summary>
    public static string Clock(TimeSpan left, IStringLocalizer t) =>
        left < TimeSpan.Zero ? t["overdue by {0}", Of(left, t)] : t["{0} left", Of(left, t)];
}
