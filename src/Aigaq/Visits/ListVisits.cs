using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>A visit in a list: no team names (they are on the visit's own page).</summary>
public sealed record VisitSummary(
    Guid Id, string Number, Guid FacilityId, string Region, DateTimeOffset PlannedFor, VisitKind Kind, bool Announced, bool Approved,
    DateTimeOffset? ArrivedAt, int AccessDenials, bool Departed = false);

/// <summary>The query of <c>GET /api/v1/visits</c>; from and to are local days (yyyy-MM-dd) of the planned time, both included.</summary>
public sealed record VisitListQuery(Guid? FacilityId = null, string? From = null, string? To = null, string? Cursor = null);

/// <summary>Lists the visits a user may read, newest planned first by their sequence; every list is logged.</summary>
public sealed class ListVisits(AigaqDb db, AccessLog log, RulePackCatalog rules, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<Answer<Page<VisitSummary>>> HandleAsync(VisitListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var pack = rules.At(clock.GetUtcNow());
        var v = new Validation();
        var rows = Visit.Readable(db.Set<Visit>().AsNoTracking(), user);
        if (query.FacilityId is { } facilityId)
        {
            rows = rows.Where(x => x.FacilityId == facilityId);
        }

        if (v.LocalDay("from", query.From, pack.Zone) is { } from)
        {
            rows = rows.Where(x => x.PlannedFor >= from);
        }

        if (v.LocalDay("to", query.To, pack.Zone) is { } to)
        {
            var end = to.AddDays(1);
            rows = rows.Where(x => x.PlannedFor < end);
        }

        var after = v.SeqCursor(query.Cursor);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var approvals = db.Set<VisitApproval>();
        var arrivals = db.Set<VisitArrival>();
        var denials = db.Set<AccessDenial>();
        var departures = db.Set<Answers.VisitDeparture>();
        var page = await rows.PageBySeqAsync(after, PageSize, x => new VisitSummary(
            x.Id, x.Number, x.FacilityId, x.Region, x.PlannedFor, x.Kind, x.Announced, approvals.Any(a => a.VisitId == x.Id),
            arrivals.Where(a => a.VisitId == x.Id).Select(a => (DateTimeOffset?)a.ArrivedAt).FirstOrDefault(),
            denials.Count(d => d.VisitId == x.Id), departures.Any(d => d.VisitId == x.Id)), ct);
        log.Add(user, "visits.list", $"{page.Items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<VisitSummary>>.Ok(page);
    }
}
