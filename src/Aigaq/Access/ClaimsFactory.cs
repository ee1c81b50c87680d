using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aigaq.Access;

/// <summary>Adds scope and permission claims to the cookie principal that Identity builds.</summary>
internal sealed class ClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var userRoles = await UserManager.GetRolesAsync(user);
        identity.AddClaims(AigaqClaims.For(user, userRoles));
        return identity;
    }
}
