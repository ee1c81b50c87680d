using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>One count of the statistics: the number, or null and <c>suppressed</c> when it is not published.</summary>
public sealed record ReprisalCount(string Key, int? Count, bool Suppressed);

/// <summary>
/// Reprisals that occurred in the months <see cref="From"/> to <see cref="To"/> (local time, both included), in one region
/// or all, counted by type, agency, region and month. No totals are answered.
/// </summary>
public sealed record ReprisalStatisticsView(
    string From, string To, string? Region, int Threshold, IReadOnlyList<ReprisalCount> ByType, IReadOnlyList<ReprisalCount> ByAgency,
    IReadOnlyList<ReprisalCount> ByRegion, IReadOnlyList<ReprisalCount> ByMonth);

/// <summary>
/// Counts of reprisals by type, agency, region and month, with small-cell suppression (<see cref="ReprisalSuppression"/>).
/// The suppression is worked out on the tables of every region by type, by agency and by month, with the national and
/// regional sums they make, so that one region's answer and the national one, taken together, pin no small count:
/// the same cell is suppressed in every answer that shows it. Names no one; the reading is logged all the same.
/// </summary>
public sealed class ReprisalStatistics(AigaqDb db, AccessLog log, RulePackCatalog rules, TimeProvider clock)
{
    /// <summary>The longest period one answer covers.</summary>
    public const int MaxMonths = 120;

    public async Task<Answer<ReprisalStatisticsView>> HandleAsync(string? from, string? to, string? region, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var v = new Validation();
        // An empty value is no filter, as in the other lists.
        region = string.IsNullOrEmpty(region) ? null : region;
        var thisMonth = Month(TimeZoneInfo.ConvertTime(now, pack.Zone));
        var last = Parse(v, "to", to) ?? thisMonth;
        var first = Parse(v, "from", from) ?? last.AddMonths(-11);
        v.Region("region", region);
        if (v.IsValid && (first > last || first.AddMonths(MaxMonths) <= last))
        {
            v.Add("from", $"must be a month not after to, at most {MaxMonths} months before it");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var start = Instant(first, pack);
        var end = Instant(last.AddMonths(1), pack);
        var rows = await db.Set<Reprisal>().AsNoTracking()
            .Where(r => r.OccurredAt >= start && r.OccurredAt < end)
            .Select(r => new { r.Region, r.Type, r.Agency, r.OccurredAt })
            .ToListAsync(ct);

        var months = Enumerable.Range(0, ((last.Year - first.Year) * 12) + last.Month - first.Month + 1).Select(i => Key(first.AddMonths(i))).ToList();
        var types = pack.Reprisals.Types.Concat(rows.Select(r => r.Type).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var agencies = Enum.GetValues<Agency>().Select(Json.Name).ToList();
        var regions = Regions.All.Select(r => r.Code).ToList();
        var facts = rows.Select(r => (r.Region, Type: r.Type, Agency: Json.Name(r.Agency), Month: Key(Month(TimeZoneInfo.ConvertTime(r.OccurredAt, pack.Zone))))).ToList();

        var s = new ReprisalSuppression();
        var regionTotals = regions.ToDictionary(x => x, x => s.Cell(facts.Count(f => f.Region == x)), StringComparer.Ordinal);
        var grand = s.Cell(facts.Count);
        s.Sum(regionTotals.Values, grand);
        var byType = Table(s, regions, types, regionTotals, grand, facts.Select(f => (f.Region, f.Type)));
        var byAgency = Table(s, regions, agencies, regionTotals, grand, facts.Select(f => (f.Region, f.Agency)));
        var byMonth = Table(s, regions, months, regionTotals, grand, facts.Select(f => (f.Region, f.Month)));
        var hidden = s.Suppressed(pack.Reprisals.SmallCellThreshold);

        ReprisalCount Shown(string key, int cell) =>
            hidden.Contains(cell) ? new ReprisalCount(key, null, true) : new ReprisalCount(key, s.Count(cell), false);

        IReadOnlyList<ReprisalCount> Of(string[] keys, Breakdown table) =>
            [.. keys.Select(k => Shown(k, region is null ? table.National[k] : table.Cells[(region, k)]))];

        var view = new ReprisalStatisticsView(
            Key(first), Key(last), region, pack.Reprisals.SmallCellThreshold,
            Of([.. types], byType), Of([.. agencies], byAgency),
            [.. regions.Where(x => region is null || x == region).Select(x => Shown(x, regionTotals[x]))],
            Of([.. months], byMonth));
        log.Add(user, "reprisals.statistics", $"{Key(first)}..{Key(last)} {region ?? "all"}", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<ReprisalStatisticsView>.Ok(view);
    }

    /// <summary>The cells of one breakdown by region, and its national counts.</summary>
    private sealed record Breakdown(Dictionary<(string Region, string Key), int> Cells, Dictionary<string, int> National);

    /// <summary>
    /// Adds a region-by-key table: each region's keys add up to the region's total, each key's regions to the national
    /// count of the key, and the national counts to the grand total.
    /// </summary>
    private static Breakdown Table(
        ReprisalSuppression s, List<string> regions, List<string> keys, Dictionary<string, int> regionTotals, int grand,
        IEnumerable<(string Region, string Key)> facts)
    {
        var counts = facts.CountBy(f => f).ToDictionary(c => c.Key, c => c.Value);
        var cells = new Dictionary<(string, string), int>();
        foreach (var r in regions)
        {
            foreach (var k in keys)
            {
                cells[(r, k)] = s.Cell(counts.GetValueOrDefault((r, k)));
            }

            s.Sum(keys.Select(k => cells[(r, k)]), regionTotals[r]);
        }

        var national = keys.ToDictionary(k => k, k => s.Cell(regions.Sum(r => counts.GetValueOrDefault((r, k)))), StringComparer.Ordinal);
        foreach (var k in keys)
        {
            s.Sum(regions.Select(r => cells[(r, k)]), national[k]);
        }

        s.Sum(national.Values, grand);
        return new Breakdown(cells, national);
    }

    private static DateOnly Month(DateTimeOffset local) => new(local.Year, local.Month, 1);

    private static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(DateOnly month, RulePack pack)
    {
        var local = month.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, pack.Zone.GetUtcOffset(local));
    }

    private static DateOnly? Parse(Validation v, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && text.Length == 7 && month.Year is >= 1900 and < 3000)
        {
            return month;
        }

        v.Add(field, "must be a month as yyyy-MM");
        return null;
    }
}
