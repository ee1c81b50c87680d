using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>A reprisal in a list: what, when, by which agency, of whom (by pseudonym); no free text.</summary>
public sealed record ReprisalSummary(
    Guid Id, Guid ProtectedPersonId, string Pseudonym, string Region, DateTimeOffset OccurredAt, string Type, Agency Agency, string Source,
    ReprisalReliability Reliability, int Interventions, DateTimeOffset RecordedAt);

/// <summary>The query string of <c>GET /api/v1/reprisals</c>: every field as typed, so that a bad one is named. from and to are local days, both included.</summary>
public sealed record ReprisalListQuery(
    string? Region = null, string? Type = null, string? Agency = null, string? From = null, string? To = null, string? Cursor = null);

/// <summary>
/// Lists the reprisals a user may read (<see cref="Reprisal.Readable"/>), newest recorded first, by keyset on their
/// sequence; and a person's reprisals for their page. Every list is logged.
/// </summary>
public sealed class ListReprisals(AigaqDb db, AccessLog log, RulePackCatalog rules, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<Answer<Page<ReprisalSummary>>> HandleAsync(ReprisalListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var pack = rules.At(clock.GetUtcNow());
        var v = new Validation();
        var rows = Reprisal.Readable(db.Set<Reprisal>().AsNoTracking(), user);
        if (!string.IsNullOrEmpty(v.Region("region", query.Region)))
        {
            rows = rows.Where(r => r.Region == query.Region);
        }

        if (!string.IsNullOrEmpty(query.Type))
        {
            var type = RecordReprisal.Code(v, "type", query.Type, pack.Reprisals.Types);
            rows = rows.Where(r => r.Type == type);
        }

        if (v.OptionalEnum<Agency>("agency", string.IsNullOrEmpty(query.Agency) ? null : query.Agency) is { } agency)
        {
            rows = rows.Where(r => r.Agency == agency);
        }

        if (v.LocalDay("from", query.From, pack.Zone) is { } from)
        {
            rows = rows.Where(r => r.OccurredAt >= from);
        }

        if (v.LocalDay("to", query.To, pack.Zone) is { } to)
        {
            var end = to.AddDays(1);
            rows = rows.Where(r => r.OccurredAt < end);
        }

        var after = v.SeqCursor(query.Cursor);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var page = await rows.PageBySeqAsync(after, PageSize, Summary(), ct);
        log.Add(user, "reprisals.list", $"{page.Items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<ReprisalSummary>>.Ok(page);
    }

    /// <summary>
    /// The person's reprisals that <paramref name="user"/> may read, newest first, for the person's page; logged as a list.
    /// The caller saves.
    /// </summary>
    public static async Task<IReadOnlyList<ReprisalSummary>> OfPersonAsync(AigaqDb db, AccessLog log, Guid personId, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await Reprisal.Readable(db.Set<Reprisal>().AsNoTracking(), user)
            .Where(r => r.ProtectedPersonId == personId)
            .OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Seq)
            .Select(Summary(db))
            .ToListAsync(ct);
        log.Add(user, "reprisals.list", $"{found.Count} records of {personId}", "allowed");
        return found;
    }

    private System.Linq.Expressions.Expression<Func<Reprisal, ReprisalSummary>> Summary() => Summary(db);

    private static System.Linq.Expressions.Expression<Func<Reprisal, ReprisalSummary>> Summary(AigaqDb db)
    {
        var persons = db.Set<ProtectedPerson>();
        var interventions = db.Set<ReprisalIntervention>();
        return r => new ReprisalSummary(
            r.Id, r.ProtectedPersonId, persons.Where(p => p.Id == r.ProtectedPersonId).Select(p => p.Pseudonym).First(), r.Region, r.OccurredAt,
            r.Type, r.Agency, r.Source, r.Reliability, interventions.Count(i => i.ReprisalId == r.Id), r.RecordedAt);
    }
}
