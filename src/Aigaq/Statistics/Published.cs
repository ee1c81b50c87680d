namespace Aigaq.Statistics;

/// <summary>
/// The figures of a year, for all regions or one, with what each table withholds: the same cells are withheld on the
/// page, in its charts and in the exports. A table's rows add up to its scope's total, so each has its own suppression;
/// where the scope's total is itself withheld among the regions, its rows are withheld in that column too.
/// </summary>
public sealed record Published(
    int Year, string? Region,
    FunnelView Funnel, IReadOnlyList<FunnelRow> FunnelRegions, IReadOnlyList<FunnelRow> FunnelAgencies, Suppression FunnelSuppression,
    DetentionRow Detentions, IReadOnlyList<DetentionRow> DetentionRegions, Suppression DetentionRegionSuppression,
    IReadOnlyList<DetentionRow> DetentionAgencies, Suppression DetentionAgencySuppression,
    IReadOnlyList<DetentionRow> DetentionFacilities, Suppression DetentionFacilitySuppression,
    IReadOnlyList<MonthRow> Months, Suppression MonthSuppression)
{
    /// <summary>The key of the scope's total: its region, or all.</summary>
    public string Key => Region ?? Suppression.Total;

    /// <summary>The trend columns' places in the funnel (received) and detention (detentions, late, clocks) totals.</summary>
    internal static bool MonthTotalWithheld(int column, Func<int, bool> funnel, Func<int, bool> detentions) =>
        column == 0 ? funnel(0) : detentions(column - 1);
}

/// <summary>Computes <see cref="Published"/> from the register.</summary>
public sealed class Publisher(Funnel funnel, DetentionFigures detentions, Trends trends)
{
    public async Task<Published> OfAsync(int year, string? region, CancellationToken ct)
    {
        var (all, regions, suppression) = await funnel.RegionsAsync(year, ct);
        var total = region is null ? all : await funnel.OfAsync(year, region, null, ct);
        var key = region ?? Suppression.Total;
        bool FunnelWithheld(int c) => SmallCounts.Hidden(Suppression.Columns(Suppression.Row(total))[c]) || suppression.Withheld(key, c);

        var national = await detentions.OfAsync(year, null, ct);
        var scope = region is null ? national : await detentions.OfAsync(year, region, ct);
        var regionSuppression = Suppression.Of(DetentionRow.Columns(national.Total), Rows(national.ByRegion));
        var totals = DetentionRow.Columns(scope.Total);
        bool DetentionWithheld(int c) => SmallCounts.Hidden(totals[c]) || regionSuppression.Withheld(key, c);

        // Published only where no other published figure can be subtracted from them: a facility lies inside both its
        // agency and its region, and one region's agencies and months are parts of the national ones that another page
        // shows. Until one suppression pattern covers the whole structure, the public figures are the regions, the
        // agencies and the months of the whole country, and a region's own totals; those with the statistics
        // permission read the rest through the API.
        IReadOnlyList<MonthRow> months = region is null ? (await trends.OfAsync(year, null, ct)).Months : [];
        IReadOnlyList<DetentionRow> agencies = region is null ? scope.ByAgency : [];
        IReadOnlyList<DetentionRow> facilities = [];
        var monthTotals = Enumerable.Range(0, 4).Select(c => months.Sum(m => MonthRow.Columns(m)[c])).ToArray();
        return new Published(
            year, region, total, region is null ? regions : [], await funnel.ByAgencyAsync(year, region, ct), suppression,
            scope.Total, national.ByRegion, regionSuppression,
            agencies, Suppression.Of(totals, Rows(agencies), DetentionWithheld),
            facilities, Suppression.Of(totals, Rows(facilities), DetentionWithheld),
            months, Suppression.Of(monthTotals, [.. months.Select(m => (m.Key, MonthRow.Columns(m)))],
                c => Published.MonthTotalWithheld(c, FunnelWithheld, DetentionWithheld)));
    }

    private static List<(string Key, int[] Columns)> Rows(IEnumerable<DetentionRow> rows) => [.. rows.Select(r => (r.Key, DetentionRow.Columns(r)))];
}
