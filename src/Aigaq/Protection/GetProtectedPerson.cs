using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

public sealed record ProtectedLinks(Guid? ReportId, Guid? CaseId, Guid? DetentionId, Guid? VisitId);

/// <summary>
/// A protected person as CONTRACT.md answers them: never the identity. Applications and reprisals are empty lists until
/// those registers exist.
/// </summary>
public sealed record ProtectedPersonView(
    Guid Id, string Pseudonym, ProtectedRole Role, Disclosure Disclosure, RiskLevel Risk, string Region, ProtectedLinks Links,
    DateTimeOffset RecordedAt, IReadOnlyList<object> Applications, IReadOnlyList<object> Reprisals, IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<ProtectedPersonChangeView>? Changes = null, IReadOnlyList<ProtectedLinks>? MoreLinks = null,
    DateTimeOffset? RetainUntil = null, IReadOnlyList<RetentionExtensionView>? RetentionExtensions = null);

/// <summary>
/// Reads a protected person. A protection officer reads those of their region (none, without one); whoever else may
/// register protected persons reads those they registered. Every read is logged.
/// </summary>
public sealed class GetProtectedPerson(AigaqDb db, AccessLog log, Rules.RulePackCatalog rules)
{
    public static IQueryable<ProtectedPerson> Visible(IQueryable<ProtectedPerson> query, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.ProtectionOfficer))
        {
            // Without a region, none: as everywhere else, no scope means nothing, not everything.
            var region = user.RegionScope();
            return region is null ? query.Where(_ => false) : query.Where(p => p.Region == region);
        }

        var userId = user.UserId();
        return userId is null ? query.Where(_ => false) : query.Where(p => p.RecordedBy == userId);
    }

    public async Task<Found<ProtectedPersonView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var p = await Visible(db.Set<ProtectedPerson>().AsNoTracking(), user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return Found<ProtectedPersonView>.Of(null, "The protected person");
        }

        var suffix = MatchDetentions.KeySuffix(id);
        string[] codes = [.. AlertCodes.Protection];
        var alerts = await db.Set<Alert>().AsNoTracking()
            .Where(a => codes.Contains(a.Code) && a.Key.EndsWith(suffix))
            .OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var changes = await db.Set<ProtectedPersonChange>().AsNoTracking().Where(c => c.PersonId == id)
            .OrderBy(c => c.Number).ToListAsync(ct);
        var applications = await ProtectionApplications.OfPersonAsync(db, id, ct);
        log.Add(user, "protected.read", id.ToString(), "allowed");
        // The person's reprisals that the reader may read (Reprisal.Readable), newest first; listed in the access log.
        var reprisals = await ListReprisals.OfPersonAsync(db, log, id, user, ct);
        // Retention (ADR 0024): the date computed from the pack and the person's activity, and each extension with its reason.
        var retainUntil = await ProtectionRetention.RetainUntilAsync(db, rules, p.Id, p.RecordedAt, ct);
        var extensions = await db.Set<RetentionExtension>().AsNoTracking().Where(r => r.PersonId == id).OrderBy(r => r.RecordedAt).ToListAsync(ct);
        await db.SaveChangesAsync(ct);

        // Now: the latest change that names a level, else the registered one; links: the registration's, then each change's.
        return Found<ProtectedPersonView>.Of(new ProtectedPersonView(
            p.Id, p.Pseudonym, p.Role, changes.LastOrDefault(c => c.Disclosure is not null)?.Disclosure ?? p.Disclosure,
            changes.LastOrDefault(c => c.Risk is not null)?.Risk ?? p.Risk, p.Region, new ProtectedLinks(p.ReportId, p.CaseId, p.DetentionId, null), p.RecordedAt,
            applications, [.. reprisals], [.. alerts.Select(a => AlertView.From(a) with { DetentionId = MatchDetentions.DetentionOf(a) })],
            [.. changes.Select(ProtectedPersonChangeView.Of)],
            [.. changes.Where(c => c.ReportId is not null || c.CaseId is not null || c.DetentionId is not null)
                .Select(c => new ProtectedLinks(c.ReportId, c.CaseId, c.DetentionId, null))],
            retainUntil, [.. extensions.Select(ProtectionRetention.View)]), "The protected person");
    }
}
