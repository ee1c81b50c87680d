using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Statistics;

/// <summary>A local month's reports received and detentions, with the detentions registered late or with a clock exceeded.</summary>
public sealed record MonthRow(int Month, int Received, int Detentions, int RegisteredLate, int ClocksExceeded)
{
    public static int[] Columns(MonthRow r) => [r.Received, r.Detentions, r.RegisteredLate, r.ClocksExceeded];

    /// <summary>The month's key, as the suppression names it.</summary>
    public string Key => Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A year's figures month by month (local months), in all regions or one.</summary>
public sealed record TrendsView(int Year, string? Region, IReadOnlyList<MonthRow> Months);

/// <summary>Trends over a year: the months of receipt of reports and of detention, counted from the register.</summary>
public sealed class Trends(AigaqDb db, DetentionFigures detentions, LocalClock clock)
{
    public async Task<TrendsView> OfAsync(int year, string? region, CancellationToken ct)
    {
        var reports = db.Set<Report>().AsNoTracking().Where(r => r.ReceivedYear == year);
        if (region is not null)
        {
            reports = reports.Where(r => r.Region == region);
        }

        // The instants are read and put in their local month here: a month's bounds in SQL would need the zone's rules.
        var received = await reports.Select(r => r.ReceivedAt).ToListAsync(ct);
        var late = DetentionFigures.Measures[0];
        var clocks = DetentionFigures.Measures[1];
        var held = await detentions.OfYear(year, region).Select(d => new
        {
            d.DetainedAt,
            Late = db.Set<Alert>().Any(a => a.DetentionId == d.Id && late.Contains(a.Code)),
            Clocks = db.Set<Alert>().Any(a => a.DetentionId == d.Id && clocks.Contains(a.Code)),
        }).ToListAsync(ct);
        var receivedIn = received.CountBy(at => clock.ToLocal(at).Month).ToDictionary();
        var heldIn = held.GroupBy(d => clock.ToLocal(d.DetainedAt).Month).ToDictionary(g => g.Key);
        return new TrendsView(year, region, [.. Enumerable.Range(1, 12).Select(m => heldIn.TryGetValue(m, out var h)
            ? new MonthRow(m, receivedIn.GetValueOrDefault(m), h.Count(), h.Count(x => x.Late), h.Count(x => x.Clocks))
            : new MonthRow(m, receivedIn.GetValueOrDefault(m), 0, 0, 0))]);
    }
}
