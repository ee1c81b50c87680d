using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Statistics;

/// <summary>
/// A group's detentions of a year and how many of them met each fault the rules raise an alert for: registered late, a
/// legal clock exceeded (court, protocol or delivery), an investigative action at night or at a weekend or without a
/// defender, injuries recorded. Each counts detentions, not alerts, so that it is a share of <see cref="Detentions"/>.
/// </summary>
public sealed record DetentionRow(
    string Key, string? Name, int Detentions, int RegisteredLate, int ClocksExceeded, int NightActions, int WeekendActions, int WithoutDefender,
    int Injuries)
{
    /// <summary>The counts in column order: detentions, then each fault as <see cref="DetentionFigures.Measures"/> lists them.</summary>
    public static int[] Columns(DetentionRow r) =>
        [r.Detentions, r.RegisteredLate, r.ClocksExceeded, r.NightActions, r.WeekendActions, r.WithoutDefender, r.Injuries];

    internal static DetentionRow Of(string key, string? name, int[] c) => new(key, name, c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
}

/// <summary>
/// Detentions of a year (by the local date of detention) in all regions or one: the total, and rows by region (all
/// regions only), by agency (of the facility the person was taken to) and by that facility.
/// </summary>
public sealed record DetentionFiguresView(
    int Year, string? Region, DetentionRow Total, IReadOnlyList<DetentionRow> ByRegion, IReadOnlyList<DetentionRow> ByAgency,
    IReadOnlyList<DetentionRow> ByFacility);

/// <summary>
/// Detention statistics from the register: the detentions themselves and the alerts the custody rules raised on them,
/// so that a fault counts by the rule pack that judged it, as the alert pages show it.
/// </summary>
public sealed class DetentionFigures(AigaqDb db, LocalClock clock)
{
    /// <summary>The alert codes behind each fault column, in column order after the detentions.</summary>
    public static readonly IReadOnlyList<string[]> Measures =
    [
        [AlertCodes.LateRegistration],
        [AlertCodes.CourtDeadlineExceeded, AlertCodes.ProtocolOverdue, AlertCodes.DeliveryOverdue],
        [AlertCodes.NightInvestigativeAction],
        [AlertCodes.WeekendInvestigativeAction],
        [AlertCodes.NoDefenderPresent],
        [AlertCodes.InjuriesRecorded],
    ];

    public async Task<DetentionFiguresView> OfAsync(int year, string? region, CancellationToken ct)
    {
        var detentions = OfYear(year, region);

        // One count per measure, each grouped by region and facility; agencies and totals are added up from those.
        var cells = new Dictionary<(string Region, Guid Facility), int[]>();
        for (var m = 0; m <= Measures.Count; m++)
        {
            var flagged = detentions;
            if (m > 0)
            {
                var codes = Measures[m - 1];
                flagged = detentions.Where(d => db.Set<Alert>().Any(a => a.DetentionId == d.Id && codes.Contains(a.Code)));
            }

            var counts = await flagged.GroupBy(d => new { d.Region, d.DestinationFacilityId })
                .Select(g => new { g.Key.Region, g.Key.DestinationFacilityId, Count = g.Count() }).ToListAsync(ct);
            foreach (var c in counts)
            {
                var key = (c.Region, c.DestinationFacilityId);
                if (!cells.TryGetValue(key, out var row))
                {
                    cells[key] = row = new int[Measures.Count + 1];
                }

                row[m] = c.Count;
            }
        }

        var ids = cells.Keys.Select(k => k.Facility).Distinct().ToList();
        var facilities = await db.Set<Facility>().AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new { f.Id, f.Name, f.Agency }).ToDictionaryAsync(f => f.Id, ct);
        static int[] Sum(IEnumerable<int[]> rows) => rows.Aggregate(new int[Measures.Count + 1], (s, r) => [.. s.Zip(r, (a, b) => a + b)]);

        var total = DetentionRow.Of(Suppression.Total, null, Sum(cells.Values));
        var byRegion = region is not null ? [] : cells.GroupBy(c => c.Key.Region, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => DetentionRow.Of(g.Key, null, Sum(g.Select(c => c.Value)))).ToList();
        var byAgency = cells.GroupBy(c => facilities.TryGetValue(c.Key.Facility, out var f) ? f.Agency : Agency.Other).OrderBy(g => g.Key)
            .Select(g => DetentionRow.Of(g.Key.ToString(), null, Sum(g.Select(c => c.Value)))).ToList();
        var byFacility = cells.GroupBy(c => c.Key.Facility)
            .Select(g => DetentionRow.Of(g.Key.ToString(), facilities.TryGetValue(g.Key, out var f) ? f.Name : null, Sum(g.Select(c => c.Value))))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new DetentionFiguresView(year, region, total, byRegion, byAgency, byFacility);
    }

    /// <summary>The detentions of a local year, in a region or all.</summary>
    internal IQueryable<Detention> OfYear(int year, string? region)
    {
        var (from, to) = YearBounds(year);
        var detentions = db.Set<Detention>().AsNoTracking().Where(d => d.DetainedAt >= from && d.DetainedAt < to);
        return region is null ? detentions : detentions.Where(d => d.Region == region);
    }

    /// <summary>The instants a local year starts and ends at.</summary>
    internal (DateTimeOffset From, DateTimeOffset To) YearBounds(int year) => LocalDays.YearBounds(year, clock.Zone);

    /// <summary>The instant a local month starts at (the zone's offset of that date, which has changed over the years).</summary>
    internal DateTimeOffset Start(int year, int month)
    {
        var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, clock.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
