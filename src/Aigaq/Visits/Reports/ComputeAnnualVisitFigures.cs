using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Visits.Headcounts;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// Computes <see cref="AnnualVisitFiguresView"/> from the visits' facts: a visit is made in the year its team arrived, planned
/// in the year it was planned for; a denial and a headcount count in the year they happened; a place never visited is a
/// facility of the scope no team arrived at in the year. Every figure is a count of rows: no estimate, no sampling.
/// </summary>
public sealed class ComputeAnnualVisitFigures(AigaqDb db)
{
    public async Task<AnnualVisitFiguresView> ComputeAsync(int year, string? region, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var facilityRows = db.Set<Facility>().AsNoTracking();
        var visitRows = db.Set<Visit>().AsNoTracking();
        var denialRows = db.Set<AccessDenial>().AsNoTracking().Where(d => d.At >= start && d.At < end);
        if (region is not null)
        {
            facilityRows = facilityRows.Where(f => f.Region == region);
            visitRows = visitRows.Where(v => v.Region == region);
            denialRows = denialRows.Where(d => d.Region == region);
        }

        var places = await facilityRows.Select(f => new NeverVisitedFacility(f.Id, f.Name, f.Type, f.Agency, f.Region)).ToListAsync(ct);
        var planned = await visitRows.Where(v => v.PlannedFor >= start && v.PlannedFor < end).Select(v => v.Kind).ToListAsync(ct);
        var made = await (
            from a in db.Set<VisitArrival>()
            join v in visitRows on a.VisitId equals v.Id
            where a.ArrivedAt >= start && a.ArrivedAt < end
            select new { v.Kind, v.FacilityId }).ToListAsync(ct);
        var denied = await denialRows.GroupBy(d => d.What).Select(g => new { What = g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = await (
            from h in db.Set<VisitHeadcount>()
            join v in visitRows on h.VisitId equals v.Id
            where h.At >= start && h.At < end
            select h.Id).ToListAsync(ct);
        var findings = await db.Set<HeadcountEntry>().AsNoTracking().Where(e => counts.Contains(e.HeadcountId))
            .GroupBy(e => e.Finding).Select(g => new { Finding = g.Key, Count = g.Count() }).ToListAsync(ct);

        var agencyOf = places.ToDictionary(p => p.Id, p => p.Agency);
        var visited = made.Select(m => m.FacilityId).ToHashSet();
        return new AnnualVisitFiguresView(
            year, region, start, end, planned.Count, made.Count,
            [.. Enum.GetValues<VisitKind>().Select(k => new VisitKindFigure(k, planned.Count(p => p == k), made.Count(m => m.Kind == k)))],
            [.. places.GroupBy(p => p.Agency).OrderBy(g => g.Key).Select(g => new VisitAgencyFigure(
                g.Key, g.Count(), g.Count(p => visited.Contains(p.Id)), made.Count(m => agencyOf.GetValueOrDefault(m.FacilityId) == g.Key && agencyOf.ContainsKey(m.FacilityId))))],
            places.Count,
            [.. places.Where(p => !visited.Contains(p.Id)).OrderBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id)],
            denied.Sum(d => d.Count),
            [.. Enum.GetValues<DeniedAccess>().Select(w => new AccessDenialFigure(w, denied.Where(d => d.What == w).Sum(d => d.Count)))],
            new HeadcountFigures(counts.Count, [.. Enum.GetValues<HeadcountFinding>().Select(f => new HeadcountFindingFigure(f, findings.Where(x => x.Finding == f).Sum(x => x.Count)))]));
    }
}
