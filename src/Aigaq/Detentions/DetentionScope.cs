using System.Security.Claims;
using Aigaq.Access;

namespace Aigaq.Detentions;

/// <summary>
/// Which detentions a user may see. Least privilege: an officer sees what they registered, a
/// custody officer their facility, prosecutors and investigators their region, a defender the
/// detentions that name them as defender. A user with no scope sees nothing.
/// </summary>
internal static class DetentionScope
{
    public static IQueryable<Detention> Visible(this IQueryable<Detention> query, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        var region = user.RegionScope();
        var facility = user.FacilityScope();
        var email = user.FindFirstValue(ClaimTypes.Email);

        if (user.IsInRole(Roles.Prosecutor) || user.IsInRole(Roles.SpecialProsecutor) || user.IsInRole(Roles.Investigator))
        {
            return region is null ? query.Where(_ => false) : query.Where(d => d.Region == region);
        }

        if (user.IsInRole(Roles.CustodyOfficer))
        {
            if (facility is { } f)
            {
                return query.Where(d => d.CurrentFacilityId == f || d.DestinationFacilityId == f || d.RecordedBy == userId);
            }

            return region is null ? query.Where(d => d.RecordedBy == userId) : query.Where(d => d.Region == region);
        }

        if (user.IsInRole(Roles.Defender) && email is not null)
        {
            var normalized = email.ToUpperInvariant();
            return query.Where(d => d.Contacts.Any(c => c.Role == ContactRole.Defender && c.EmailNormalized == normalized));
        }

        if (user.IsInRole(Roles.Officer))
        {
            return query.Where(d => d.RecordedBy == userId);
        }

        return query.Where(_ => false);
    }

    /// <summary>Whether the user may append to this detention's timeline (beyond seeing it).</summary>
    public static bool MayRecordEvents(ClaimsPrincipal user) => user.Can(Permissions.RecordCustodyEvent);
}
