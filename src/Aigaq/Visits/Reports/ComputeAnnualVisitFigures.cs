using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Visits.Headcounts;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// Computes <see cref="AnnualVisitFiguresView"/> from the visits' facts: a visit is made in the year its team arrived, planned
/// in the year it was planned for; a denial and a headcount count in the year they happened; the places are the facilities
/// of the scope registered by the year's end (as the <c>visitsPerFacility</c> indicator counts them, so that a past year's
/// figures do not change when a place is added later), and a place never visited is one of them no team arrived at in
/// the year. Every figure is a count of rows: no estimate, no sampling.
/// </summary>
public sealed class ComputeAnnualVisitFigures(AigaqDb db, TimeProvider clock)
{
    public async Task<AnnualVisitFiguresView> ComputeAsync(int year, string? region, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var facilityRows = db.Set<Facility>().AsNoTracking().Where(f => f.CreatedAt < end);
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

        var recommendations = await Recommendations(region, start, end, ct);
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
            new HeadcountFigures(counts.Count, [.. Enum.GetValues<HeadcountFinding>().Select(f => new HeadcountFindingFigure(f, findings.Where(x => x.Finding == f).Sum(x => x.Count)))]),
            recommendations);
    }

    /// <summary>The recommendations recorded in the window, each with its latest response and latest check, counted in memory.</summary>
    private async Task<RecommendationFigures> Recommendations(string? region, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = db.Set<VisitRecommendation>().AsNoTracking().Where(r => r.RecordedAt >= start && r.RecordedAt < end);
        if (region is not null)
        {
            rows = rows.Where(r => r.Region == region);
        }

        var made = await (
            from r in rows
            join f in db.Set<Facility>() on r.FacilityId equals f.Id
            select new { Row = r, f.Agency }).ToListAsync(ct);
        var ids = made.Select(m => m.Row.Id).ToList();
        var status = await LatestAsync(db.Set<VisitRecommendationResponse>().AsNoTracking().Where(x => ids.Contains(x.RecommendationId))
            .Select(x => new Latest<RecommendationResponseStatus>(x.RecommendationId, x.At, x.RecordedAt, x.Status)), ct);
        var finding = await LatestAsync(db.Set<VisitRecommendationCheck>().AsNoTracking().Where(x => ids.Contains(x.RecommendationId))
            .Select(x => new Latest<RecommendationFinding>(x.RecommendationId, x.At, x.RecordedAt, x.Finding)), ct);
        string StatusOf(Guid id) => status.TryGetValue(id, out var s) ? Web.Json.Name(s) : ListVisitRecommendations.Awaiting;
        string[] statuses = [ListVisitRecommendations.Awaiting, .. Enum.GetValues<RecommendationResponseStatus>().Select(s => Web.Json.Name(s))];
        return new RecommendationFigures(
            made.Count,
            made.Count(m => m.Row.RepeatsId is not null),
            made.Count(m => finding.TryGetValue(m.Row.Id, out var found) && found == RecommendationFinding.Implemented),
            made.Count(m => m.Row.ResponseDueAt <= now && !status.ContainsKey(m.Row.Id)),
            made.Select(m => RecommendationMatch.Normal(m.Row.Addressee)).Distinct(StringComparer.Ordinal).Count(),
            [.. made.GroupBy(m => m.Row.Theme, StringComparer.Ordinal).Select(g => new NamedFigure(g.Key, g.Count()))
                .OrderByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.Ordinal)],
            [.. made.GroupBy(m => m.Agency).OrderBy(g => g.Key).Select(g => new RecommendationAgencyFigure(g.Key, g.Count()))],
            [.. statuses.Select(s => new NamedFigure(s, made.Count(m => StatusOf(m.Row.Id) == s)))]);
    }

    private sealed record Latest<T>(Guid Id, DateTimeOffset At, DateTimeOffset RecordedAt, T Value);

    /// <summary>Each recommendation's latest fact (by when, then when recorded), as the list reads it.</summary>
    private static async Task<Dictionary<Guid, T>> LatestAsync<T>(IQueryable<Latest<T>> rows, CancellationToken ct) =>
        (await rows.ToListAsync(ct)).GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.At).ThenByDescending(x => x.RecordedAt).First().Value);
}
