using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;

namespace Aigaq.Statistics;

/// <summary>
/// The examination figures as published (on the page and in the CSV), with the same rules as the other figures: counts
/// from 1 to 4 show as "&lt;5"; the regions' rows add up to the country's, column by column, so more are withheld ("x")
/// until no small one can be subtracted (<see cref="Suppression"/>), and a region's own page withholds what the country's
/// page withholds of it; the agencies (which do not add up) are published for the whole country only. A share, or the
/// hours, are shown only where the counts they come from are.
/// </summary>
public sealed record PublishedExaminations(ExaminationFiguresView View, Suppression Suppression)
{
    /// <summary>The key of the scope's total: its region, or all.</summary>
    public string Key => View.Region ?? Suppression.Total;

    /// <summary>What stands for a count of a row (a region, all, or an agency's row, keyed apart) not published, or null.</summary>
    public string? Mark(ExaminationRow row, bool agency, int column) =>
        agency ? SmallCounts.Mark(row.Columns(View.Levels)[column], false) : Suppression.Mark(row.Key, column, row.Columns(View.Levels)[column]);

    public string Show(ExaminationRow row, bool agency, int column) => Mark(row, agency, column) ?? row.Columns(View.Levels)[column].ToString(CultureInfo.InvariantCulture);

    /// <summary>A share of the torture cases (column 1 to 3), or null when either count is not published.</summary>
    public double? Share(ExaminationRow row, bool agency, int column) =>
        Mark(row, agency, 0) is null && Mark(row, agency, column) is null ? FunnelView.Share(row.Columns(View.Levels)[column], row.TortureCases) : null;

    /// <summary>The median and 90th percentile of hours, or nulls when the number of examinations started is not published.</summary>
    public (double? Median, double? P90) Hours(ExaminationRow row, bool agency) =>
        Mark(row, agency, 5) is null && row.Timed > 0 ? (row.MedianHours, row.P90Hours) : (null, null);

    /// <summary>The regions' rows, on the country's page only.</summary>
    public IReadOnlyList<ExaminationRow> Regions => View.ByRegion;

    /// <summary>The agencies' rows, on the country's page only.</summary>
    public IReadOnlyList<ExaminationRow> Agencies => View.Region is null ? View.ByAgency : [];
}

/// <summary>Computes <see cref="PublishedExaminations"/>, and writes them as CSV.</summary>
public sealed class ExaminationPublisher(ExaminationFigures figures)
{
    public async Task<PublishedExaminations> OfAsync(int year, string? region, CancellationToken ct)
    {
        var national = await figures.OfAsync(year, null, ct);
        var suppression = Suppression.Of(national.Total.Columns(national.Levels), [.. national.ByRegion.Select(r => (r.Key, r.Columns(national.Levels)))]);
        if (region is null)
        {
            return new PublishedExaminations(national, suppression);
        }

        // The region's own figures, in the country's columns (an opinion level only an older form used is the country's too).
        var scope = await figures.OfAsync(year, region, ct);
        return new PublishedExaminations(scope with { Levels = national.Levels, ByRegion = [], ByAgency = [] }, suppression);
    }

    /// <summary>The public CSV: a row for all regions (or the region), each region and each agency; counts, hours, and what is not published.</summary>
    public static string Csv(IStringLocalizer t, PublishedExaminations p)
    {
        var csv = new StringBuilder();
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var year = p.View.Year.ToString(CultureInfo.InvariantCulture);
        string[] columns = [.. ExaminationFigures.Columns.Select(c => (string)t[c]), .. p.View.Levels.Select(l => (string)t["Consistency." + l])];
        Line(csv, [t["Year"], t["Grouped by"], t["Region code"], t["Name"], .. columns, t["Median hours from allegation to examination"],
            t["90th percentile of hours from allegation to examination"], t["Not published"]]);
        void Row(string by, string code, string name, ExaminationRow r, bool agency)
        {
            var counts = r.Columns(p.View.Levels);
            var marks = counts.Select((_, c) => p.Mark(r, agency, c)).ToArray();
            var (median, p90) = p.Hours(r, agency);
            var notes = string.Join("; ", marks.Select((m, c) => m is null ? null : $"{columns[c]}: {m}").OfType<string>());
            Line(csv, [year, by, code, name, .. counts.Select((n, c) => marks[c] is null ? n.ToString(CultureInfo.InvariantCulture) : ""),
                median?.ToString(CultureInfo.InvariantCulture) ?? "", p90?.ToString(CultureInfo.InvariantCulture) ?? "", notes]);
        }

        var scope = p.View.Region;
        Row(scope is null ? t["All regions"] : t["Region"], scope ?? "", scope is null ? t["All regions"] : Facilities.Regions.Find(scope)?.Name(lang) ?? scope, p.View.Total, false);
        foreach (var r in p.Regions)
        {
            Row(t["Region"], r.Key, Facilities.Regions.Find(r.Key)?.Name(lang) ?? r.Key, r, false);
        }

        foreach (var r in p.Agencies)
        {
            Row(t["Agency"], "", t["Agency." + r.Key], r, true);
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> fields) =>
        csv.Append(string.Join(',', fields.Select(Web.Csv.Field))).Append("\r\n");
}
