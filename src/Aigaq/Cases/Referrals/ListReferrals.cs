using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record ReferralSummary(
    Guid Id, Guid CaseId, string ErdrNumber, int Part, BodyView From, BodyView To, string Reason, DateTimeOffset CreatedAt, DateTimeOffset DueBy);

/// <summary>A body's inbox: the referrals waiting for it to accept them; every read is logged.</summary>
public sealed class ListReferrals(AigaqDb db, AccessLog log)
{
    public const int PageSize = 50;

    /// <summary>
    /// A page of the referrals waiting for the user's own body, oldest first, from those made after the instant
    /// <paramref name="after"/> (the cursor of the page before). A page ends with every referral of its last instant, so
    /// none is skipped between pages.
    /// </summary>
    public async Task<Page<ReferralSummary>> HandleAsync(ClaimsPrincipal user, DateTimeOffset? after, CancellationToken ct)
    {
        if (CaseScope.BodyOf(user) is not { } body)
        {
            return new Page<ReferralSummary>([], null);
        }

        var waiting = db.Set<Referral>().AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Pending && r.ToKind == body.Kind && r.ToRegion == body.Region);
        var query = after is null ? waiting : waiting.Where(r => r.CreatedAt > after);
        var rows = await query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > PageSize)
        {
            var boundary = rows[PageSize - 1].CreatedAt;
            var sameInstant = await waiting.Where(r => r.CreatedAt == boundary).OrderBy(r => r.Id).ToListAsync(ct);
            rows = [.. rows.Where(r => r.CreatedAt < boundary).Concat(sameInstant)];
            next = boundary.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var cases = rows.Select(r => r.CaseId).Distinct().ToList();
        var numbers = await db.Set<Case>().AsNoTracking().Where(c => cases.Contains(c.Id))
            .Select(c => new { c.Id, c.ErdrNumber, c.Part }).ToDictionaryAsync(c => c.Id, ct);
        log.Add(user, "referrals.inbox", $"{rows.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return new Page<ReferralSummary>([.. rows.Select(r => new ReferralSummary(
            r.Id, r.CaseId, numbers[r.CaseId].ErdrNumber, numbers[r.CaseId].Part, BodyView.Of(r.FromKind, r.FromRegion),
            BodyView.Of(r.ToKind, r.ToRegion), r.Reason, r.CreatedAt, r.DueBy))], next);
    }
}
