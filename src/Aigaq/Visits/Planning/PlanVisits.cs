using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>A factor the plan computed, and its weight (points per unit) in the rule pack.</summary>
public sealed record PlanFactor(string Code, decimal Weight);

/// <summary>Why a facility scores what it does: a factor's value (with what a rate was made of), its weight and its points.</summary>
public sealed record PlanReason(string Factor, decimal Value, int? Count, int? Of, decimal Weight, decimal Contribution);

/// <summary>A facility's place in the plan: its rank by score, the score as the sum of its reasons, and its visits.</summary>
public sealed record PlannedFacility(
    int Rank, Guid Id, string Name, FacilityType Type, Agency Agency, string Region, decimal Score, int RegularVisits, int SpecialVisits,
    IReadOnlyList<PlanReason> Reasons);

/// <summary>
/// The visit plan of a year for a region or the country: the window of the register read, the factors computed and their
/// weights, the pack's bands and special-visit rule, the totals, and every facility in scope ranked, riskiest first.
/// </summary>
public sealed record VisitPlanView(
    int Year, string? Region, DateTimeOffset From, DateTimeOffset To, string RulePackId, IReadOnlyList<PlanFactor> Factors,
    IReadOnlyList<VisitPlanBand> Bands, SpecialVisitRules SpecialVisitRule, int RegularVisits, int SpecialVisits,
    IReadOnlyList<PlannedFacility> Facilities);

/// <summary>
/// <c>GET /api/v1/visits/plan?year=&amp;region=</c> (issue 17, item 2): ranks the facilities of the register by what the
/// register shows and gives the year's regular and special visits. The plan of a year reads the window that ends when the
/// year begins, or now if it has not begun: so a year's plan stays what it was when the year began, and next year's
/// follows the register until then. Counts per facility only: nothing personal is read or answered.
/// </summary>
public sealed class PlanVisits(AigaqDb db, IEnumerable<IVisitRiskSource> sources, RulePackCatalog rules, LocalClock clock)
{
    public async Task<Answer<VisitPlanView>> HandleAsync(string? year, string? region, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var now = clock.Now;
        var current = clock.ToLocal(now).Year;
        var wanted = current;
        if (!string.IsNullOrEmpty(year)
            && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out wanted) || wanted < 2000 || wanted > current + 1))
        {
            v.Add("year", $"must be a year from 2000 to {current + 1}");
        }

        region = string.IsNullOrEmpty(region) ? null : region;
        v.Region("region", region);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        // A user of a region plans their region; asking for another (or for the country) is not theirs to read. A monitor
        // without a region reads no visits (Visit.Readable), nor their plan: only national roles read the country's.
        if (user.RegionScope() is null && user.IsInRole(Roles.Monitor) && !user.IsInRole(Roles.Analyst))
        {
            return new ProblemResult(Results.Problem(
                type: ProblemTypes.Forbidden, title: "A monitor reads the plan of their own region; this account has none.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["region"] = ["no region is assigned to this monitor"] } }));
        }

        if (user.RegionScope() is { } own)
        {
            if (region is not null && region != own)
            {
                return new ProblemResult(Results.Problem(
                    type: ProblemTypes.Forbidden, title: "The plan of another region is not yours to read.", statusCode: StatusCodes.Status403Forbidden,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["region"] = ["is outside your region"] } }));
            }

            region = own;
        }

        var local = new DateTime(wanted, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var yearStarts = new DateTimeOffset(local, clock.Zone.GetUtcOffset(local)).ToUniversalTime();
        var to = yearStarts < now ? yearStarts : now;
        var pack = rules.At(to);
        var plan = pack.VisitPlanning;
        var scope = new PlanScope(region, to.AddDays(-plan.WindowDays), to, plan);

        var facilities = db.Set<Facility>().AsNoTracking();
        if (region is not null)
        {
            facilities = facilities.Where(f => f.Region == region);
        }

        var places = await facilities.Select(f => new { f.Id, f.Name, f.Type, f.Agency, f.Region }).ToListAsync(ct);

        var computed = new List<PlanFactor>();
        var reasons = new Dictionary<Guid, List<PlanReason>>();
        foreach (var source in sources)
        {
            var weighted = source.Factors.Where(plan.Weights.ContainsKey).ToList();
            if (weighted.Count == 0)
            {
                continue;
            }

            computed.AddRange(weighted.Select(f => new PlanFactor(f, plan.Weights[f])));
            foreach (var value in await source.ReadAsync(scope, ct))
            {
                if (!plan.Weights.TryGetValue(value.Factor, out var weight))
                {
                    continue;
                }

                var contribution = Math.Round(value.Value * weight, 2, MidpointRounding.AwayFromZero);
                if (!reasons.TryGetValue(value.FacilityId, out var list))
                {
                    reasons[value.FacilityId] = list = [];
                }

                list.Add(new PlanReason(value.Factor, value.Value, value.Count, value.Of, weight, contribution));
            }
        }

        var ranked = places
            .Select(p => (Place: p, Reasons: reasons.TryGetValue(p.Id, out var r) ? r.OrderByDescending(x => x.Contribution).ThenBy(x => x.Factor, StringComparer.Ordinal).ToList() : []))
            .Select(p => (p.Place, p.Reasons, Score: p.Reasons.Sum(r => r.Contribution)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Place.Name, StringComparer.Ordinal).ThenBy(p => p.Place.Id)
            .ToList();

        // Special visits: the highest share of the ranking (rounded up, so any share above none gives at least one place),
        // of those that reach the pack's score; a share of 0 plans none.
        var top = (int)Math.Ceiling(ranked.Count * plan.SpecialVisits.TopShare);
        var answer = ranked.Select((p, i) => new PlannedFacility(
                i + 1, p.Place.Id, p.Place.Name, p.Place.Type, p.Place.Agency, p.Place.Region, p.Score, plan.RegularVisits(p.Score),
                i < top && p.Score >= plan.SpecialVisits.MinScore && p.Score > 0 ? 1 : 0, p.Reasons))
            .ToList();

        return Answer<VisitPlanView>.Ok(new VisitPlanView(
            wanted, region, scope.From, scope.To, pack.Id, computed, plan.Bands, plan.SpecialVisits,
            answer.Sum(f => f.RegularVisits), answer.Sum(f => f.SpecialVisits), answer));
    }
}
