using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Rules;

namespace Aigaq.Cases;

/// <summary>
/// Which reports and cases a user may see, and which body a user acts for. Least privilege:
/// supervisory and special prosecutors see their region's reports; everyone else the reports
/// they entered. Cases: prosecutors their region's; an investigator those of internal affairs of
/// the region, or on their way there.
/// </summary>
internal static class CaseScope
{
    public static IQueryable<Report> Visible(this IQueryable<Report> query, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        var region = user.RegionScope();
        if (user.IsInRole(Roles.Prosecutor) || user.IsInRole(Roles.SpecialProsecutor))
        {
            return region is null ? query.Where(_ => false) : query.Where(r => r.Region == region || r.RecordedBy == userId);
        }

        return userId is null ? query.Where(_ => false) : query.Where(r => r.RecordedBy == userId);
    }

    public static IQueryable<Case> Visible(this IQueryable<Case> query, ClaimsPrincipal user, IQueryable<Referral> referrals)
    {
        var region = user.RegionScope();
        if (region is null)
        {
            return query.Where(_ => false);
        }

        if (user.IsInRole(Roles.Prosecutor) || user.IsInRole(Roles.SpecialProsecutor))
        {
            return query.Where(c => c.Region == region || c.ResponsibleRegion == region);
        }

        if (user.IsInRole(Roles.Investigator))
        {
            return query.Where(c =>
                (c.ResponsibleKind == BodyKind.InternalAffairs && c.ResponsibleRegion == region) ||
                referrals.Any(r => r.CaseId == c.Id && r.Status == ReferralStatus.Pending && r.ToKind == BodyKind.InternalAffairs && r.ToRegion == region));
        }

        return query.Where(_ => false);
    }

    /// <summary>What a user may read of reports: <see cref="Visible(IQueryable{Report}, ClaimsPrincipal)"/>, and for a reviewer the reports of complaints addressed to them.</summary>
    public static IQueryable<Report> Readable(this IQueryable<Report> query, ClaimsPrincipal user, IQueryable<Complaint> complaints)
    {
        if (!user.IsInRole(Roles.Reviewer))
        {
            return query.Visible(user);
        }

        var addressed = ReviewRouting.ForReviewer(complaints, user);
        return query.Where(r => addressed.Any(c => c.ReportId == r.Id));
    }

    /// <summary>What a user may read of cases: as they may act on them, and for a reviewer the cases of complaints addressed to them.</summary>
    public static IQueryable<Case> Readable(this IQueryable<Case> query, ClaimsPrincipal user, IQueryable<Referral> referrals, IQueryable<Complaint> complaints)
    {
        if (!user.IsInRole(Roles.Reviewer))
        {
            return query.Visible(user, referrals);
        }

        var addressed = ReviewRouting.ForReviewer(complaints, user);
        return query.Where(c => addressed.Any(x => x.ReportId == c.ReportId));
    }

    /// <summary>The body a user acts for when accepting referrals and recording stages; null for none.</summary>
    public static (BodyKind Kind, string Region)? BodyOf(ClaimsPrincipal user)
    {
        if (user.RegionScope() is not { } region)
        {
            return null;
        }

        if (user.IsInRole(Roles.SpecialProsecutor))
        {
            return (BodyKind.SpecialProsecutor, region);
        }

        if (user.IsInRole(Roles.Investigator))
        {
            return (BodyKind.InternalAffairs, region);
        }

        return null;
    }

    /// <summary>Stages are recorded by the body responsible for the case or by the supervisory prosecutor of its region.</summary>
    public static bool MayRecordStages(ClaimsPrincipal user, string caseRegion, BodyKind responsibleKind, string responsibleRegion) =>
        user.Can(Permissions.RecordCaseStages) &&
        ((user.IsInRole(Roles.Prosecutor) && user.RegionScope() == caseRegion) || BodyOf(user) == (responsibleKind, responsibleRegion));
}
