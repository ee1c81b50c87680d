using System.Security.Claims;

namespace Aigaq.Access;

/// <summary>
/// Where each role starts after signing in (issue 14, item 6): the page of its daily work rather than a generic home.
/// A role with no page of its own (an account waiting for its role) starts at
/// the home page and its menu. A return address given to the sign-in still wins.
/// </summary>
public static class StartPages
{
    private static readonly (string Role, string Page)[] ByRole =
    [
        (Roles.Administrator, "/admin/users"),
        (Roles.Prosecutor, "/dashboard"),
        (Roles.SpecialProsecutor, "/dashboard"),
        // An officer in the field registers; a custody officer and a defender follow the people held.
        (Roles.Officer, "/detentions/register"),
        (Roles.CustodyOfficer, "/detentions"),
        (Roles.Defender, "/detentions"),
        // An investigator's work arrives as referrals; a reviewer's as complaints; a monitor enters and follows reports.
        (Roles.Investigator, "/referrals"),
        (Roles.Reviewer, "/complaints"),
        (Roles.Monitor, "/reports"),
        (Roles.Analyst, "/statistics"),
        // A protection officer follows the persons at risk of their region.
        (Roles.ProtectionOfficer, "/protection"),
        // A forensic expert takes and records the examinations of the region (issue 16).
        (Roles.ForensicExpert, "/examinations"),
    ];

    /// <summary>The start page of a signed-in user, or null for the home page.</summary>
    public static string? For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? ByRole.FirstOrDefault(r => user.IsInRole(r.Role)).Page : null;

    /// <summary>The start page of a role, or null for the home page.</summary>
    public static string? For(string role) => ByRole.FirstOrDefault(r => r.Role == role).Page;
}
