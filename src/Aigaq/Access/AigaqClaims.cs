using System.Security.Claims;

namespace Aigaq.Access;

/// <summary>Claim types Aigaq adds to a signed-in principal, and reads back.</summary>
public static class AigaqClaims
{
    public const string Permission = "aigaq:permission";
    public const string Region = "aigaq:region";
    public const string Facility = "aigaq:facility";
    public const string Language = "aigaq:language";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The request has no authenticated user.");

    public static string? RegionScope(this ClaimsPrincipal user) => user.FindFirstValue(Region);

    public static Guid? FacilityScope(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Facility), out var id) ? id : null;

    public static bool Can(this ClaimsPrincipal user, string permission) =>
        user.HasClaim(Permission, permission);

    /// <summary>The claims every principal of this user carries, whether signed in by cookie or token.</summary>
    public static IEnumerable<Claim> For(AppUser user, IEnumerable<string> roles)
    {
        if (user.Region is not null)
        {
            yield return new Claim(Region, user.Region);
        }

        if (user.FacilityId is { } facility)
        {
            yield return new Claim(Facility, facility.ToString());
        }

        if (user.Language is not null)
        {
            yield return new Claim(Language, user.Language);
        }

        foreach (var permission in roles.SelectMany(Permissions.For).Distinct(StringComparer.Ordinal))
        {
            yield return new Claim(Permission, permission);
        }
    }
}
