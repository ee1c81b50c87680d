using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Statistics;

/// <summary>The funnel of CONTRACT.md for one cohort: reports received in a year, and how far they got.</summary>
public sealed record FunnelView(
    int Year, string? Region, Agency? Agency, int Received, int Registered, int SentToCourt, int Convicted, double? CourtShare,
    int RegisteredInTime, double? AverageHoursToRegistration)
{
    public static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

public sealed record FunnelRow(string Key, int Received, int Registered, int SentToCourt, int Convicted);

public sealed record WorkloadRow(BodyKind Kind, string Region, string Name, int OpenCases, int PendingReferrals);

/// <summary>
/// Statistics computed from the register itself. A report counts in the year it was received
/// (local time), under its region and under each agency it alleges, so the funnel follows one
/// cohort from receipt to verdict.
/// </summary>
public sealed class Funnel(AigaqDb db)
{
    /// <summary>A year's funnel for all regions and its regions' rows, with the counts withheld so that none can be subtracted.</summary>
    public async Task<(FunnelView All, IReadOnlyList<FunnelRow> Regions, Suppression Suppression)> RegionsAsync(int year, CancellationToken ct)
    {
        var all = await OfAsync(year, null, null, ct);
        var regions = await ByRegionAsync(year, ct);
        return (all, regions, Suppression.Of(Suppression.Row(all), regions));
    }

    public async Task<FunnelView> OfAsync(int year, string? region, Agency? agency, CancellationToken ct)
    {
        var reports = db.Set<Report>().AsNoTracking().Where(r => r.ReceivedYear == year);
        var cases = db.Set<Case>().AsNoTracking().Where(c => c.ReceivedYear == year);
        if (region is not null)
        {
            reports = reports.Where(r => r.Region == region);
            cases = cases.Where(c => c.Region == region);
        }

        int received;
        if (agency is { } a)
        {
            // The year and region are kept on each allegation, so a year's reports alleging the agency
            // are counted from report_alleged's index alone (a report alleging two units of one agency once).
            var alleged = db.Set<AllegedPerpetrator>().AsNoTracking().Where(x => x.Agency == a && x.ReceivedYear == year);
            if (region is not null)
            {
                alleged = alleged.Where(x => x.Region == region);
            }

            received = await alleged.Select(x => x.ReportId).Distinct().CountAsync(ct);
            cases = cases.Where(c => alleged.Any(x => x.ReportId == c.ReportId));
        }
        else
        {
            received = await reports.CountAsync(ct);
        }

        var c = await cases.GroupBy(_ => 1).Select(g => new
        {
            Registered = g.Count(),
            SentToCourt = g.Count(x => x.SentToCourtAt != null),
            Convicted = g.Count(x => x.Convicted),
            InTime = g.Count(x => x.RegisteredInTime),
            Hours = g.Average(x => x.HoursToRegistration),
        }).FirstOrDefaultAsync(ct);
        var registered = c?.Registered ?? 0;
        var sent = c?.SentToCourt ?? 0;
        return new FunnelView(
            year, region, agency, received, registered, sent, c?.Convicted ?? 0, FunnelView.Share(sent, received), c?.InTime ?? 0,
            registered == 0 ? null : Math.Round(c!.Hours, 1));
    }

    /// <summary>The funnel of a year by region (or by agency within a region), in one pass over each table.</summary>
    public async Task<IReadOnlyList<FunnelRow>> ByRegionAsync(int year, CancellationToken ct)
    {
        var reports = await db.Set<Report>().AsNoTracking().Where(r => r.ReceivedYear == year)
            .GroupBy(r => r.Region).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var cases = await db.Set<Case>().AsNoTracking().Where(c => c.ReceivedYear == year)
            .GroupBy(c => c.Region)
            .Select(g => new { g.Key, Registered = g.Count(), Sent = g.Count(x => x.SentToCourtAt != null), Convicted = g.Count(x => x.Convicted) })
            .ToListAsync(ct);
        var byKey = cases.ToDictionary(x => x.Key, StringComparer.Ordinal);
        return [.. reports.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => byKey.TryGetValue(r.Key, out var k)
            ? new FunnelRow(r.Key, r.Count, k.Registered, k.Sent, k.Convicted)
            : new FunnelRow(r.Key, r.Count, 0, 0, 0))];
    }

    public async Task<IReadOnlyList<FunnelRow>> ByAgencyAsync(int year, string? region, CancellationToken ct)
    {
        var cases = db.Set<Case>().AsNoTracking().Where(c => c.ReceivedYear == year);
        if (region is not null)
        {
            cases = cases.Where(c => c.Region == region);
        }

        // A report alleging two units of one agency counts once for it; the allegations carry the
        // report's year and region, so the year's are read without the reports themselves.
        var ofYear = db.Set<AllegedPerpetrator>().AsNoTracking().Where(a => a.ReceivedYear == year);
        if (region is not null)
        {
            ofYear = ofYear.Where(a => a.Region == region);
        }

        var alleged = ofYear.Select(a => new { a.ReportId, a.Agency }).Distinct();
        var received = await alleged.GroupBy(x => x.Agency).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var opened = await alleged.Join(cases, a => a.ReportId, c => c.ReportId, (a, c) => new { a.Agency, c.SentToCourtAt, c.Convicted })
            .GroupBy(x => x.Agency)
            .Select(g => new { g.Key, Registered = g.Count(), Sent = g.Count(x => x.SentToCourtAt != null), Convicted = g.Count(x => x.Convicted) })
            .ToListAsync(ct);
        var byKey = opened.ToDictionary(x => x.Key);
        return [.. received.OrderBy(r => r.Key).Select(r => byKey.TryGetValue(r.Key, out var k)
            ? new FunnelRow(r.Key.ToString(), r.Count, k.Registered, k.Sent, k.Convicted)
            : new FunnelRow(r.Key.ToString(), r.Count, 0, 0, 0))];
    }

    /// <summary>Each body's open cases and the referrals waiting for it.</summary>
    public async Task<IReadOnlyList<WorkloadRow>> WorkloadAsync(string? region, CancellationToken ct)
    {
        var open = db.Set<Case>().AsNoTracking().Where(c => !c.Closed);
        var pending = db.Set<Referral>().AsNoTracking().Where(r => r.Status == ReferralStatus.Pending);
        if (region is not null)
        {
            open = open.Where(c => c.ResponsibleRegion == region);
            pending = pending.Where(r => r.ToRegion == region);
        }

        var cases = await open.GroupBy(c => new { c.ResponsibleKind, c.ResponsibleRegion })
            .Select(g => new { g.Key.ResponsibleKind, g.Key.ResponsibleRegion, Count = g.Count() }).ToListAsync(ct);
        var referrals = await pending.GroupBy(r => new { r.ToKind, r.ToRegion })
            .Select(g => new { g.Key.ToKind, g.Key.ToRegion, Count = g.Count() }).ToListAsync(ct);
        var keys = cases.Select(c => (c.ResponsibleKind, c.ResponsibleRegion)).Union(referrals.Select(r => (r.ToKind, r.ToRegion)));
        return [.. keys.OrderBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item1).Select(k => new WorkloadRow(
            k.Item1, k.Item2, Bodies.Name(k.Item1, k.Item2),
            cases.FirstOrDefault(c => c.ResponsibleKind == k.Item1 && c.ResponsibleRegion == k.Item2)?.Count ?? 0,
            referrals.FirstOrDefault(r => r.ToKind == k.Item1 && r.ToRegion == k.Item2)?.Count ?? 0))];
    }

    /// <summary>
    /// Years that have reports, newest first: one indexed lookup per year (the newest year before
    /// the last one found), so a few reads whatever the number of reports, where a DISTINCT would
    /// read every report's year.
    /// </summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct)
    {
        var years = new List<int>();
        var reports = db.Set<Report>().AsNoTracking();
        var year = await reports.OrderByDescending(r => r.ReceivedYear).Select(r => (int?)r.ReceivedYear).FirstOrDefaultAsync(ct);
        while (year is { } found)
        {
            years.Add(found);
            year = await reports.Where(r => r.ReceivedYear < found)
                .OrderByDescending(r => r.ReceivedYear).Select(r => (int?)r.ReceivedYear).FirstOrDefaultAsync(ct);
        }

        return years;
    }
}

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

    /// <summary>The all-regions funnel as the total row.</summary>
    public static FunnelRow Row(FunnelView all) => new(Total, all.Received, all.Registered, all.SentToCourt, all.Convicted);

    /// <summary>A funnel row's counts in column order: received, registered, sent to court, convicted.</summary>
    public static int[] Columns(FunnelRow r) => [r.Received, r.Registered, r.SentToCourt, r.Convicted];

    public static Suppression Of(FunnelRow total, IReadOnlyList<FunnelRow> regions)
    {
        var result = new Suppression();
        var totals = Columns(total);
        for (var column = 0; column < totals.Length; column++)
        {
            if (totals[column] < SmallCounts.Threshold)
            {
                // A small or empty total is hidden itself: no subtraction can start from it.
                continue;
            }

            var counts = regions.Select(r => (r.Key, Count: Columns(r)[column])).ToList();
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
