using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>A protected person in a list: the pseudonym and the levels now, never the identity nor any free text.</summary>
public sealed record ProtectedPersonSummary(
    Guid Id, string Pseudonym, ProtectedRole Role, Disclosure Disclosure, RiskLevel Risk, string Region, DateTimeOffset RecordedAt, int OpenAlerts);

/// <summary>
/// Lists the protected persons a user may read (<see cref="GetProtectedPerson.Visible"/>: a protection officer those of the
/// region, others those they registered), newest first by keyset on their sequence, each with the risk and disclosure of
/// their latest change and the count of their open protection alerts. Every list is logged. The API and /protection share it.
/// </summary>
public sealed class ListProtectedPersons(AigaqDb db, AccessLog log)
{
    public const int PageSize = 50;

    /// <summary>The length of a key's suffix that names the person: ":" and the id.</summary>
    private static readonly int SuffixLength = MatchDetentions.KeySuffix(Guid.Empty).Length;

    public async Task<Answer<Page<ProtectedPersonSummary>>> HandleAsync(string? cursor, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var after = v.SeqCursor(cursor);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        return Answer<Page<ProtectedPersonSummary>>.Ok(await PageAsync(after, PageSize, user, ct));
    }

    /// <summary>The page of <paramref name="size"/> persons below <paramref name="after"/>, logged and saved.</summary>
    public async Task<Page<ProtectedPersonSummary>> PageAsync(long? after, int size, ClaimsPrincipal user, CancellationToken ct)
    {
        var page = await GetProtectedPerson.Visible(db.Set<ProtectedPerson>().AsNoTracking(), user).PageBySeqAsync(
            after, size, p => new ProtectedPersonSummary(p.Id, p.Pseudonym, p.Role, p.Disclosure, p.Risk, p.Region, p.RecordedAt, 0), ct);
        var ids = page.Items.Select(p => p.Id).ToList();

        // The levels now are those of each person's latest change that names one (as GetProtectedPerson answers them).
        var changes = (await db.Set<ProtectedPersonChange>().AsNoTracking()
                .Where(c => ids.Contains(c.PersonId) && (c.Risk != null || c.Disclosure != null))
                .Select(c => new { c.PersonId, c.Number, c.Risk, c.Disclosure })
                .ToListAsync(ct))
            .ToLookup(c => c.PersonId);

        // A protection alert's key ends with ":" and the person's id (MatchDetentions.KeySuffix); those of the page's
        // persons are looked for by that suffix, in the regions of the page only.
        string[] codes = [.. AlertCodes.Protection];
        var suffixes = ids.Select(MatchDetentions.KeySuffix).ToList();
        var regions = page.Items.Select(p => p.Region).Distinct().ToList();
        var keys = ids.Count == 0 ? [] : await db.Set<Alert>().AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open && codes.Contains(a.Code) && regions.Contains(a.Region))
            .Where(a => a.Key.Length > SuffixLength && suffixes.Contains(a.Key.Substring(a.Key.Length - SuffixLength, SuffixLength)))
            .Select(a => a.Key)
            .ToListAsync(ct);

        var items = page.Items.Select(p =>
        {
            var mine = changes[p.Id].OrderBy(c => c.Number).ToList();
            var suffix = MatchDetentions.KeySuffix(p.Id);
            return p with
            {
                Risk = mine.LastOrDefault(c => c.Risk is not null)?.Risk ?? p.Risk,
                Disclosure = mine.LastOrDefault(c => c.Disclosure is not null)?.Disclosure ?? p.Disclosure,
                OpenAlerts = keys.Count(k => k.EndsWith(suffix, StringComparison.Ordinal)),
            };
        }).ToList();

        log.Add(user, "protected.list", $"{items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return new Page<ProtectedPersonSummary>(items, page.Next);
    }
}
