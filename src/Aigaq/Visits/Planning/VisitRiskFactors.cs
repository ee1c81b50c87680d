using Aigaq.Data;
using Aigaq.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// The factors the visits area itself holds (issue 17, item 2), as of the plan's reference instant: days since the team
/// last arrived at the place (a place never visited, or not for longer, counts the pack's
/// <c>visitPlanning.lastVisitCapDays</c>), the recommendations still open there (no check found them implemented; ADR
/// 0030, addendum) and of those the repeated ones, and the access denials of the window. Four grouped queries whatever the
/// number of facilities.
/// </summary>
public sealed class VisitRiskFactors(AigaqDb db) : IVisitRiskSource
{
    public const string DaysSinceLastVisit = "daysSinceLastVisit";
    public const string OpenRecommendations = "openRecommendations";
    public const string RepeatedRecommendations = "repeatedRecommendations";
    public const string AccessDenials = "accessDenials";

    public IReadOnlyList<string> Factors { get; } = [DaysSinceLastVisit, OpenRecommendations, RepeatedRecommendations, AccessDenials];

    public async Task<IReadOnlyList<RiskValue>> ReadAsync(PlanScope scope, CancellationToken ct)
    {
        var (from, to, cap) = (scope.From, scope.To, scope.Rules.LastVisitCapDays);
        var facilities = db.Set<Facility>().AsNoTracking();
        var recommendations = db.Set<VisitRecommendation>().AsNoTracking();
        var denials = db.Set<AccessDenial>().AsNoTracking().Where(d => d.At >= from && d.At < to);
        if (scope.Region is { } region)
        {
            facilities = facilities.Where(f => f.Region == region);
            recommendations = recommendations.Where(r => r.Region == region);
            denials = denials.Where(d => d.Region == region);
        }

        var ids = await facilities.Select(f => f.Id).ToListAsync(ct);
        var visits = db.Set<Visit>().AsNoTracking();
        var arrivals = await db.Set<VisitArrival>().AsNoTracking().Where(a => a.ArrivedAt < to)
            .Join(visits, a => a.VisitId, v => v.Id, (a, v) => new { v.FacilityId, v.Region, a.ArrivedAt })
            .Where(x => scope.Region == null || x.Region == scope.Region)
            .GroupBy(x => x.FacilityId).Select(g => new { Facility = g.Key, Last = g.Max(x => x.ArrivedAt) })
            .ToDictionaryAsync(x => x.Facility, x => x.Last, ct);
        var open = await RecommendationState.Open(recommendations, db.Set<VisitRecommendationCheck>(), to)
            .GroupBy(r => r.FacilityId)
            .Select(g => new { Facility = g.Key, Open = g.Count(), Repeated = g.Count(r => r.RepeatsId != null) })
            .ToListAsync(ct);
        var denied = await denials.GroupBy(d => d.FacilityId).Select(g => new { Facility = g.Key, Count = g.Count() }).ToListAsync(ct);

        var values = new List<RiskValue>();
        foreach (var id in ids)
        {
            var days = arrivals.TryGetValue(id, out var last) ? Math.Min(cap, (int)Math.Floor((to - last).TotalDays)) : cap;
            if (days > 0)
            {
                values.Add(new RiskValue(id, DaysSinceLastVisit, days));
            }
        }

        foreach (var o in open)
        {
            values.Add(new RiskValue(o.Facility, OpenRecommendations, o.Open));
            if (o.Repeated > 0)
            {
                values.Add(new RiskValue(o.Facility, RepeatedRecommendations, o.Repeated));
            }
        }

        values.AddRange(denied.Select(d => new RiskValue(d.Facility, AccessDenials, d.Count)));
        return values;
    }
}
