using Aigaq.Web;

namespace Aigaq.Recommendations;

/// <summary>What an indicator's value is: a share (0 to 1) of a whole, a count, hours, or a rate (a part per one of a whole).</summary>
public enum IndicatorUnit
{
    Share,
    Count,
    Hours,
    Rate,
}

/// <summary>
/// An indicator's value for a year and a region (all regions when none): <see cref="Value"/> (null when it has no
/// meaning, such as a share of nothing), and for a share the <see cref="Part"/> and <see cref="Whole"/> it is taken from,
/// so that a report can say "3 of 40", not only "7.5 %".
/// </summary>
/// <remarks>
/// <see cref="Suppressed"/>: a count so small that it could point at people (reprisals against those who reported) is
/// not given, as the area's own statistics do not give it; <see cref="Value"/> is then null.
/// </remarks>
public sealed record IndicatorValue(decimal? Value, int? Part = null, int? Whole = null, bool Suppressed = false)
{
    /// <summary>A count shown only from <paramref name="threshold"/> up (or when zero).</summary>
    public static IndicatorValue SmallCountHidden(int count, int threshold) =>
        count > 0 && count < threshold ? new(null, Suppressed: true) : Count(count);

    /// <summary>The share <paramref name="part"/> of <paramref name="whole"/>, to four places; none of nothing.</summary>
    public static IndicatorValue Share(int part, int whole) =>
        new(whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero), part, whole);

    public static IndicatorValue Count(int count) => new(count);

    /// <summary><paramref name="part"/> per one of <paramref name="whole"/>, to two places (visits per facility); none of nothing.</summary>
    public static IndicatorValue Rate(int part, int whole) =>
        new(whole == 0 ? null : Math.Round((decimal)part / whole, 2, MidpointRounding.AwayFromZero), part, whole);
}

/// <summary>
/// A measure the register computes, supplied by the area that holds its facts (statistics, protection, visits...), so
/// that an indicator of a UN recommendation is the figure the area's own pages give for the same region and year, never
/// a number typed in (issue 18, item 3). Its label is SharedResource's <c>Indicator.&lt;id&gt;</c>.
/// </summary>
public interface IIndicatorMetric
{
    /// <summary>The metric's name in the API (CONTRACT.md: <c>lateRegistrationShare</c>, <c>courtShare</c>...).</summary>
    string Id { get; }

    IndicatorUnit Unit { get; }

    /// <summary>The value for a local calendar year, in one region or (<paramref name="region"/> null) in all.</summary>
    Task<IndicatorValue> OfAsync(int year, string? region, CancellationToken ct);
}

/// <summary>A metric whose value a function of the supplying area computes.</summary>
public sealed class ComputedIndicator(string id, IndicatorUnit unit, Func<int, string?, CancellationToken, Task<IndicatorValue>> compute)
    : IIndicatorMetric
{
    public string Id => id;

    public IndicatorUnit Unit => unit;

    public Task<IndicatorValue> OfAsync(int year, string? region, CancellationToken ct) => compute(year, region, ct);
}

/// <summary>
/// The metrics the areas supply, by id: what an indicator may be defined on (CONTRACT.md, <c>metric</c>). A metric given
/// twice is a programming error, found when the catalogue is first built.
/// </summary>
public sealed class IndicatorCatalogue
{
    private readonly Dictionary<string, IIndicatorMetric> _metrics;

    public IndicatorCatalogue(IEnumerable<IIndicatorMetric> metrics)
    {
        var all = metrics.ToList();
        var twice = all.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
        {
            throw new InvalidOperationException("Indicator metrics given twice: " + string.Join(", ", twice));
        }

        _metrics = all.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>The metrics' ids, in order.</summary>
    public IReadOnlyList<string> Ids => [.. _metrics.Keys.Order(StringComparer.Ordinal)];

    public IIndicatorMetric? Find(string? id) => id is not null && _metrics.TryGetValue(id, out var m) ? m : null;

    /// <summary>The metric named <paramref name="id"/>, or null with an error naming <paramref name="field"/>.</summary>
    public IIndicatorMetric? Validate(Validation v, string? id, string field = "metric")
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            v.Add(field, "is required");
            return null;
        }

        if (Find(id) is { } metric)
        {
            return metric;
        }

        v.Add(field, "must be one of " + string.Join(", ", Ids));
        return null;
    }
}
