using System.Security.Claims;
using System.Text.Encodings.Web;
using Aigaq.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Aigaq.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> tokens issued by <c>aigaq tokens issue</c>.
/// A validated token is cached briefly so that a device sending many requests costs one lookup;
/// a revocation therefore takes effect within <see cref="CacheFor"/>.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AigaqDb db,
    IMemoryCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        var now = clock.GetUtcNow();
        if (!cache.TryGetValue(hash, out CachedPrincipal? cached) || cached is null || cached.ExpiresAt <= now)
        {
            cached = await LoadAsync(hash, now);
            if (cached is null)
            {
                return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
            }

            cache.Set(hash, cached, CacheFor);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(cached.Principal, SchemeName));
    }

    private async Task<CachedPrincipal?> LoadAsync(string hash, DateTimeOffset now)
    {
        var found = await (
            from t in db.Set<ApiToken>()
            join u in db.Users on t.UserId equals u.Id
            where t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now
            select new { Token = t, User = u }).FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.User.Deactivated || (found.User.LockoutEnd is { } end && end > now))
        {
            return null;
        }

        var roles = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where ur.UserId == found.User.Id
            select r.Name!).ToListAsync(Context.RequestAborted);

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, found.User.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, found.User.UserName ?? found.User.Id.ToString()));
        if (found.User.Email is { } email)
        {
            // A defender's scope is the detentions naming this address (DetentionScope).
            identity.AddClaim(new Claim(ClaimTypes.Email, email));
        }

        identity.AddClaims(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        identity.AddClaims(AigaqClaims.For(found.User, roles));
        return new CachedPrincipal(new ClaimsPrincipal(identity), found.Token.ExpiresAt);
    }

    private sealed record CachedPrincipal(ClaimsPrincipal Principal, DateTimeOffset ExpiresAt);
}
