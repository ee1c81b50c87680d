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

    /// <summary>The instants a local calendar year starts and ends at in <paramref name="zone"/> (its offset of that date).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) YearBounds(int year, TimeZoneInfo zone)
    {
        static DateTimeOffset Start(int y, TimeZoneInfo z)
        {
            var local = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, z.GetUtcOffset(local)).ToUniversalTime();
        }

        return (Start(year, zone), Start(year + 1, zone));
    }
}
