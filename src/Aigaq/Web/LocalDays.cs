using System.Globalization;

namespace Aigaq.Web;

public static class LocalDays
{
    /// <summary>The earliest and latest years a filter's day may name: outside them an instant would not exist.</summary>
    public const int FirstYear = 1900, LastYear = 2199;

    /// <summary>
    /// A local day (yyyy-MM-dd) of a list's filter as the instant it starts in <paramref name="zone"/>, or null when none
    /// is given; anything else, or a day outside <see cref="FirstYear"/>..<see cref="LastYear"/>, is named.
    /// </summary>
    public static DateTimeOffset? LocalDay(this Validation v, string field, string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year is < FirstYear or > LastYear)
        {
            v.Add(field, $"must be a day as yyyy-MM-dd from {FirstYear} to {LastYear}");
            return null;
        }

        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
