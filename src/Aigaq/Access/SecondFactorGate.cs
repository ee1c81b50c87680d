using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Access;

/// <summary>
/// Holds back a web session of a role that must use a second factor until it has one: such a user
/// signed in with a password alone (no authenticator enrolled yet) is sent to enrolment before any
/// other page, and the API refuses the cookie. Pages marked <c>[AllowAnonymous]</c> (statistics, receipts, the lookup)
/// stay open to it, as to anyone, so that the menu it is shown never bounces (issue 14, item 10). Identity marks a session signed in with a second
/// factor by the claim <c>amr=mfa</c>; bearer tokens are issued by an administrator and not gated.
/// </summary>
internal sealed class SecondFactorGate(RequestDelegate next)
{
    public const string EnrolPath = "/account/two-factor";
    public const string AmrClaim = "amr";
    public const string MfaValue = "mfa";

    /// <summary>Paths a half-signed-in user may still reach: enrolment, signing out, public pages, assets.</summary>
    private static readonly string[] Open =
        [EnrolPath, "/signin", "/signout", "/denied", "/lookup", "/language", "/css", "/js", "/health", "/favicon.ico", "/api/v1/public"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (NeedsSecondFactor(context.User) && !IsOpen(context))
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Redirect(EnrolPath);
            return;
        }

        await next(context);
    }

    private static bool IsOpen(HttpContext context) =>
        Array.Exists(Open, p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;

    public static bool NeedsSecondFactor(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true } identity
        && identity.AuthenticationType == IdentityConstants.ApplicationScheme
        && RequiresSecondFactor(user)
        && !user.HasClaim(AmrClaim, MfaValue);

    public static bool RequiresSecondFactor(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Any(r => Permissions.RequiresSecondFactor(r.Value));

    /// <summary>Identity rebuilds the principal when it re-checks the security stamp; keep the second-factor mark.</summary>
    public static Task KeepSecondFactorMark(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.HasClaim(AmrClaim, MfaValue) == true && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(AmrClaim, MfaValue))
        {
            identity.AddClaim(new Claim(AmrClaim, MfaValue));
        }

        return Task.CompletedTask;
    }
}
