using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Statistics;

/// <summary>
/// The funnel of CONTRACT.md for one cohort: reports received in a year, and how far they got; in cases and in people
/// (the suspects identified, the persons sent to court and the persons convicted, as the stages record them, one when a
/// stage does not say).
/// </summary>
public sealed record FunnelView(
    int Year, string? Region, Agency? Agency, int Received, int Registered, int SentToCourt, int Convicted, double? CourtShare,
    int RegisteredInTime, double? AverageHoursToRegistration, int SuspectsIdentified = 0, int PersonsSentToCourt = 0, int PersonsConvicted = 0)
{
    public static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

public sealed record FunnelRow(
    string Key, int Received, int Registered, int SentToCourt, int Convicted, int SuspectsIdentified = 0, int PersonsSentToCourt = 0, int PersonsConvicted = 0);

/// <summary>The people a group of cases' stages name.</summary>
internal readonly record struct Persons(int Suspects, int SentToCourt, int Convicted)
{
    public Persons Add(string data)
    {
        var fields = System.Text.Json.Nodes.JsonNode.Parse(data)!;
        var n = StagePersons.Of(data);
        return fields["stage"]?.GetValue<string>() switch
        {
            "suspectIdentified" => this with { Suspects = Suspects + n },
            "sentToCourt" => this with { SentToCourt = SentToCourt + n },
            "verdict" when fields["outcome"]?.GetValue<string>() == "convicted" => this with { Convicted = Convicted + n },
            _ => this,
        };
    }
}

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
        var persons = (await PersonsAsync(cases.Select(x => new { Key = "", x.Id }), x => x.Key, x => x.Id, ct)).GetValueOrDefault("");
        return new FunnelView(
            year, region, agency, received, registered, sent, c?.Convicted ?? 0, FunnelView.Share(sent, received), c?.InTime ?? 0,
            registered == 0 ? null : Math.Round(c!.Hours, 1), persons.Suspects, persons.SentToCourt, persons.Convicted);
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
        var persons = await PersonsAsync(
            db.Set<Case>().AsNoTracking().Where(c => c.ReceivedYear == year).Select(c => new { Key = c.Region, c.Id }), x => x.Key, x => x.Id, ct);
        return [.. reports.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
        {
            var p = persons.GetValueOrDefault(r.Key);
            return byKey.TryGetValue(r.Key, out var k)
                ? new FunnelRow(r.Key, r.Count, k.Registered, k.Sent, k.Convicted, p.Suspects, p.SentToCourt, p.Convicted)
                : new FunnelRow(r.Key, r.Count, 0, 0, 0);
        })];
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
        var persons = await PersonsAsync(alleged.Join(cases, a => a.ReportId, c => c.ReportId, (a, c) => new { a.Agency, c.Id }), x => x.Agency, x => x.Id, ct);
        return [.. received.OrderBy(r => r.Key).Select(r =>
        {
            var p = persons.GetValueOrDefault(r.Key);
            return byKey.TryGetValue(r.Key, out var k)
                ? new FunnelRow(r.Key.ToString(), r.Count, k.Registered, k.Sent, k.Convicted, p.Suspects, p.SentToCourt, p.Convicted)
                : new FunnelRow(r.Key.ToString(), r.Count, 0, 0, 0);
        })];
    }

    /// <summary>
    /// The people named by the stages of some cases, by a key of each case: the stages' facts are read (a few per case)
    /// and added up here, since their counts are kept in each fact's fields.
    /// </summary>
    private async Task<Dictionary<TKey, Persons>> PersonsAsync<T, TKey>(
        IQueryable<T> cases, Func<T, TKey> key, System.Linq.Expressions.Expression<Func<T, Guid>> id, CancellationToken ct)
        where TKey : notnull
    {
        var ids = cases.Select(id);
        var stages = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.Type == CaseEventTypes.Stage && ids.Contains(e.CaseId))
            .Select(e => new { e.CaseId, e.Data }).ToListAsync(ct);
        if (stages.Count == 0)
        {
            return [];
        }

        var compiled = id.Compile();
        var keys = (await cases.ToListAsync(ct)).ToLookup(compiled, key);
        var result = new Dictionary<TKey, Persons>();
        foreach (var stage in stages)
        {
            foreach (var k in keys[stage.CaseId])
            {
                result[k] = result.GetValueOrDefault(k).Add(stage.Data);
            }
        }

        return result;
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
