namespace Aigaq.Statistics;

/// <summary>
/// Public exports show counts from 1 to 4 as "&lt;5", so that no small group can be singled out; a count hidden only so
/// that a small one cannot be worked out by subtraction (<see cref="Suppression"/>) shows as "x".
/// </summary>
public static class SmallCounts
{
    public const int Threshold = 5;

    public const string Withheld = "x";

    public static string Show(int count) => count is > 0 and < Threshold
        ? "<" + Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The count as published: "&lt;5" when small, "x" when withheld to protect a small one, else the count.</summary>
    public static string Show(int count, bool withheld) => withheld && !Hidden(count) ? Withheld : Show(count);

    public static bool Hidden(int count) => count is > 0 and < Threshold;

    /// <summary>What stands for a count not published ("&lt;5" or "x"), or null when the count is published.</summary>
    public static string? Mark(int count, bool withheld) => Hidden(count) ? Show(count) : withheld ? Withheld : null;

    /// <summary>The count as a number when published, or null.</summary>
    public static int? Value(int count, bool withheld) => Mark(count, withheld) is null ? count : null;
}

/// <summary>
/// Secondary suppression. The regions' rows of a year add up to the year's total, column by column, so one region's
/// "&lt;5" could be had by subtracting the others from the total. In each column, more region counts are withheld, the
/// smallest of 5 or more first (the total itself if none is left), until no small count is pinned down by the total and
/// the counts still shown: each must keep at least two possible values. The same cells are withheld wherever they are
/// published (the page for all regions, a region's own page, the CSV). Agencies are not summed (a report counts under
/// each agency it names), so their rows are left as they are.
/// </summary>
public sealed class Suppression
{
    /// <summary>The key of the total row.</summary>
    public const string Total = "all";

    private readonly HashSet<(string Key, int Column)> _withheld = [];

    /// <summary>Whether the count of <paramref name="key"/> (a region, or <see cref="Total"/>) in a column is withheld.</summary>
    public bool Withheld(string key, int column) => _withheld.Contains((key, column));

    /// <summary>A count as published: the number, "&lt;5" or "x".</summary>
    public string Show(string key, int column, int count) => SmallCounts.Show(count, Withheld(key, column));

    /// <summary>What stands for a count not published, or null when it is published.</summary>
    public string? Mark(string key, int column, int count) => SmallCounts.Mark(count, Withheld(key, column));

    /// <summary>The all-regions funnel as the total row.</summary>
    public static FunnelRow Row(FunnelView all) =>
        new(Total, all.Received, all.Registered, all.SentToCourt, all.Convicted, all.SuspectsIdentified, all.PersonsSentToCourt, all.PersonsConvicted);

    /// <summary>
    /// A funnel row's counts in column order: received, registered, sent to court, convicted (cases), then suspects
    /// identified, persons sent to court and persons convicted (people).
    /// </summary>
    public static int[] Columns(FunnelRow r) => [r.Received, r.Registered, r.SentToCourt, r.Convicted, r.SuspectsIdentified, r.PersonsSentToCourt, r.PersonsConvicted];

    public static Suppression Of(FunnelRow total, IReadOnlyList<FunnelRow> regions) =>
        Of(Columns(total), [.. regions.Select(r => (r.Key, Columns(r)))]);

    /// <summary>
    /// The counts to withhold among rows that add up, column by column, to <paramref name="totals"/> (each counted thing
    /// falls in exactly one row).
    /// </summary>
    /// <remarks>
    /// Where the total itself is withheld elsewhere (<paramref name="totalWithheld"/>: a region's total among the regions),
    /// every row's count of that column is withheld too, so that the rows cannot add up to it.
    /// </remarks>
    public static Suppression Of(int[] totals, IReadOnlyList<(string Key, int[] Columns)> rows, Func<int, bool>? totalWithheld = null)
    {
        var result = new Suppression();
        for (var column = 0; column < totals.Length; column++)
        {
            if (totals[column] < SmallCounts.Threshold)
            {
                // A small or empty total is hidden itself: no subtraction can start from it.
                continue;
            }

            if (totalWithheld?.Invoke(column) == true)
            {
                result._withheld.Add((Total, column));
                foreach (var r in rows.Where(r => r.Columns[column] > 0))
                {
                    result._withheld.Add((r.Key, column));
                }

                continue;
            }

            var counts = rows.Select(r => (r.Key, Count: r.Columns[column])).ToList();
            var small = counts.Where(c => SmallCounts.Hidden(c.Count)).Select(c => c.Count).ToList();
            var withheld = new List<int>();
            var candidates = new Queue<(string Key, int Count)>(counts.Where(c => c.Count >= SmallCounts.Threshold)
                .OrderBy(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal));
            while (!Protected(small, withheld))
            {
                if (candidates.Count == 0)
                {
                    result._withheld.Add((Total, column));
                    break;
                }

                var next = candidates.Dequeue();
                withheld.Add(next.Count);
                result._withheld.Add((next.Key, column));
            }
        }

        return result;
    }

    /// <summary>
    /// Whether each small count (1 to 4) keeps at least two possible values, knowing only the sum of the hidden ones
    /// and that the withheld ones are 5 or more.
    /// </summary>
    private static bool Protected(List<int> small, List<int> withheld)
    {
        if (small.Count == 0)
        {
            return true;
        }

        var sum = small.Sum() + withheld.Sum();
        var others = small.Count - 1;
        if (withheld.Count == 0)
        {
            var lowest = Math.Max(1, sum - ((SmallCounts.Threshold - 1) * others));
            var highest = Math.Min(SmallCounts.Threshold - 1, sum - others);
            return highest > lowest;
        }

        return Math.Min(SmallCounts.Threshold - 1, sum - others - (SmallCounts.Threshold * withheld.Count)) >= 2;
    }
}
