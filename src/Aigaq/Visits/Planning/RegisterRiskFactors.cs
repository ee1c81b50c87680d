using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// The factors the custody register and the reports already hold, for detentions of the window (by the moment of
/// detention) attributed to the facility the person was taken to, as the detention statistics attribute them:
/// alerts per 100 detentions, injuries recorded at custody events and legal clocks exceeded (each from the alerts the
/// custody rules raised, by the codes the rule pack lists), and reports of torture or ill-treatment received in the
/// window that name the facility. Three grouped queries whatever the number of facilities; the alerts are counted by the
/// copies they keep of their detention's facility and moment of detention (<see cref="Alert.DetentionFacilityId"/>), so
/// that they are not joined to the window's detentions.
/// </summary>
public sealed class RegisterRiskFactors(AigaqDb db) : IVisitRiskSource
{
    public const string AlertsPer100Detentions = "alertsPer100Detentions";
    public const string InjuriesRecorded = "injuriesRecorded";
    public const string ClocksExceeded = "clocksExceeded";
    public const string ReportsAlleging = "reportsAlleging";

    public IReadOnlyList<string> Factors { get; } = [AlertsPer100Detentions, InjuriesRecorded, ClocksExceeded, ReportsAlleging];

    public async Task<IReadOnlyList<RiskValue>> ReadAsync(PlanScope scope, CancellationToken ct)
    {
        var (from, to, rules) = (scope.From, scope.To, scope.Rules);
        string[] codes = [.. rules.RateAlertCodes.Union(rules.InjuryAlertCodes).Union(rules.ClockAlertCodes)];
        var detentions = db.Set<Detention>().AsNoTracking().Where(d => d.DetainedAt >= from && d.DetainedAt < to);
        var inWindow = db.Set<Alert>().AsNoTracking().Where(a => a.DetainedAt >= from && a.DetainedAt < to && codes.Contains(a.Code));
        var reports = db.Set<Report>().AsNoTracking().Where(r => r.FacilityId != null && r.ReceivedAt >= from && r.ReceivedAt < to);
        if (scope.Region is { } region)
        {
            var inRegion = db.Set<Facility>().Where(f => f.Region == region).Select(f => f.Id);
            detentions = detentions.Where(d => inRegion.Contains(d.DestinationFacilityId));
            inWindow = inWindow.Where(a => inRegion.Contains(a.DetentionFacilityId!.Value));
            reports = reports.Where(r => inRegion.Contains(r.FacilityId!.Value));
        }

        var held = await detentions.GroupBy(d => d.DestinationFacilityId)
            .Select(g => new { Facility = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Facility, g => g.Count, ct);

        var alerts = await inWindow.GroupBy(a => new { a.DetentionFacilityId, a.Code })
            .Select(g => new { Facility = g.Key.DetentionFacilityId!.Value, g.Key.Code, Count = g.Count() })
            .ToListAsync(ct);

        var alleging = await reports.GroupBy(r => r.FacilityId!.Value)
            .Select(g => new { Facility = g.Key, Count = g.Count() }).ToListAsync(ct);

        var values = new List<RiskValue>();
        foreach (var facility in alerts.GroupBy(a => a.Facility))
        {
            int Sum(string[] wanted) => facility.Where(a => Array.IndexOf(wanted, a.Code) >= 0).Sum(a => a.Count);

            var raised = Sum(rules.RateAlertCodes);
            if (raised > 0)
            {
                var of = held.GetValueOrDefault(facility.Key);
                var rate = Math.Round(100m * raised / Math.Max(of, rules.RateMinDetentions), 2, MidpointRounding.AwayFromZero);
                values.Add(new RiskValue(facility.Key, AlertsPer100Detentions, rate, raised, of));
            }

            if (Sum(rules.InjuryAlertCodes) is > 0 and var injuries)
            {
                values.Add(new RiskValue(facility.Key, InjuriesRecorded, injuries));
            }

            if (Sum(rules.ClockAlertCodes) is > 0 and var clocks)
            {
                values.Add(new RiskValue(facility.Key, ClocksExceeded, clocks));
            }
        }

        values.AddRange(alleging.Select(r => new RiskValue(r.Facility, ReportsAlleging, r.Count)));
        return values;
    }
}
