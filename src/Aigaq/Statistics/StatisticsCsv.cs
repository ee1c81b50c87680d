using System.Globalization;
using System.Text;
using Aigaq.Facilities;
using Microsoft.Extensions.Localization;

namespace Aigaq.Statistics;

/// <summary>
/// The public CSV exports (RFC 4180): a header row in the reader's language; number columns hold numbers only, empty
/// where a count is not published, and the last column says which counts are not published and how ("&lt;5" or "x").
/// Fields are written by <see cref="Web.Csv.Field"/>, guarded against formulas as every export is.
/// </summary>
internal static class StatisticsCsv
{
    /// <summary>The funnel's count columns, in <see cref="Suppression.Columns(FunnelRow)"/> order.</summary>
    public static readonly string[] FunnelColumns =
        ["Received", "Registered", "Sent to court", "Convicted", "Suspects identified", "Persons sent to court", "Persons convicted"];

    /// <summary>The detention columns, in <see cref="DetentionRow.Columns"/> order.</summary>
    public static readonly string[] DetentionColumns =
        ["Detentions", "Registered late", "Legal clocks exceeded", "Investigative actions at night", "Investigative actions at weekends",
         "Investigative actions without a defender", "Injuries recorded"];

    /// <summary>A download: the text in UTF-8 with a byte order mark (so that spreadsheets read Kazakh and Russian), as an attachment.</summary>
    public static IResult File(string name, string csv) =>
        Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], Web.Csv.ContentType, name);

    public static string Funnel(
        IStringLocalizer t, int year, FunnelView all, IReadOnlyList<FunnelRow> regions, IReadOnlyList<FunnelRow> agencies, Suppression suppression)
    {
        var csv = new StringBuilder();
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Line(csv, [t["Year"], t["Region code"], t["Region"], t["Agency"], .. FunnelColumns.Select(c => (string)t[c]), t["Not published"]]);
        void Row(string? region, string? agency, FunnelRow r, string? key) => Counts(
            csv, t, [year.ToString(CultureInfo.InvariantCulture), region ?? "", region is null ? t["All regions"] : Regions.Find(region)?.Name(lang) ?? region,
                agency is null ? "" : t["Agency." + agency]],
            FunnelColumns, Suppression.Columns(r), c => key is not null && suppression.Withheld(key, c));

        Row(null, null, Suppression.Row(all), Suppression.Total);
        foreach (var r in regions)
        {
            Row(r.Key, null, r, r.Key);
        }

        // A report counts under each agency it alleges, so the agencies' rows do not add up and withhold nothing more.
        foreach (var r in agencies)
        {
            Row(null, r.Key, r, null);
        }

        return csv.ToString();
    }

    public static string Detentions(IStringLocalizer t, Published p)
    {
        var csv = new StringBuilder();
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var year = p.Year.ToString(CultureInfo.InvariantCulture);
        Line(csv, [t["Year"], t["Grouped by"], t["Region code"], t["Name"], .. DetentionColumns.Select(c => (string)t[c]), t["Not published"]]);
        void Rows(string by, IEnumerable<DetentionRow> rows, Suppression s, Func<DetentionRow, (string Code, string Name)> name)
        {
            foreach (var r in rows)
            {
                var (code, shown) = name(r);
                Counts(csv, t, [year, by, code, shown], DetentionColumns, DetentionRow.Columns(r), c => s.Withheld(r.Key, c));
            }
        }

        Rows(t["All regions"], [p.Detentions], p.DetentionRegionSuppression, _ => ("", t["All regions"]));
        Rows(t["Region"], p.DetentionRegions, p.DetentionRegionSuppression, r => (r.Key, Regions.Find(r.Key)?.Name(lang) ?? r.Key));
        Rows(t["Agency"], p.DetentionAgencies, p.DetentionAgencySuppression, r => ("", t["Agency." + r.Key]));
        Rows(t["Facility"], p.DetentionFacilities, p.DetentionFacilitySuppression, r => ("", r.Name ?? t["Facility not in the register"]));
        return csv.ToString();
    }

    private static void Counts(StringBuilder csv, IStringLocalizer t, string[] lead, string[] columns, int[] counts, Func<int, bool> withheld)
    {
        var marks = counts.Select((n, c) => SmallCounts.Mark(n, withheld(c))).ToArray();
        var notes = string.Join("; ", marks.Select((m, c) => m is null ? null : $"{t[columns[c]]}: {m}").OfType<string>());
        Line(csv, [.. lead, .. counts.Select((n, c) => marks[c] is null ? n.ToString(CultureInfo.InvariantCulture) : ""), notes]);
    }

    private static void Line(StringBuilder csv, IEnumerable<string> fields) =>
        csv.Append(string.Join(',', fields.Select(Web.Csv.Field))).Append("\r\n");
}
