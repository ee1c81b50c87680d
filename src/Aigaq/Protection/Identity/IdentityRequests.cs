using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary>
/// Identity requests (issue 15, item 4; ADR 0022's addendum): what asking, deciding, viewing and reading share: the
/// status a request's decisions give it, who may see which request, and the area's registrations.
/// </summary>
public static class IdentityRequests
{
    public const int MaxReason = 2000;

    /// <summary>The header that carries the requester's passphrase to a GET of the identity (a GET has no body).</summary>
    public const string PassphraseHeader = "Aigaq-Passphrase";

    /// <summary>A policy: holds a key (a custodian) or may see granted identities (a viewer enrols a key too).</summary>
    public const string HoldOrSeeIdentities = "identities.hold-or-see";

    /// <summary>The status and, once granted, the grant: any denial denies; the grant that completes the approvals grants.</summary>
    public static (IdentityRequestStatus Status, IdentityDecision? Grant) StatusOf(IReadOnlyCollection<IdentityDecision> decisions, DateTimeOffset now)
    {
        if (decisions.Any(d => d.Decision == IdentityDecisionKind.Denied))
        {
            return (IdentityRequestStatus.Denied, null);
        }

        var grant = decisions.FirstOrDefault(d => d.GrantEnvelope is not null);
        return grant is null
            ? (IdentityRequestStatus.Pending, null)
            : (grant.ExpiresAt > now ? IdentityRequestStatus.Granted : IdentityRequestStatus.Expired, grant);
    }

    /// <summary>
    /// The protected persons a user may ask about: those of their region, and those they registered. (No region means
    /// none of a region, as everywhere else.)
    /// </summary>
    public static IQueryable<ProtectedPerson> Askable(IQueryable<ProtectedPerson> persons, ClaimsPrincipal user)
    {
        var region = user.RegionScope();
        var userId = user.UserId();
        return persons.Where(p => (region != null && p.Region == region) || p.RecordedBy == userId);
    }

    /// <summary>A custodian of the person's region: holds identities and has the person's region as scope.</summary>
    public static bool IsCustodianOf(ClaimsPrincipal user, ProtectedPerson person) =>
        user.Can(Permissions.HoldIdentities) && user.RegionScope() is { } region && region == person.Region;

    /// <summary>A request and its person, if the user may read it: its requester, or a custodian of the person's region.</summary>
    public static async Task<(IdentityRequest Request, ProtectedPerson Person)?> ReadableAsync(AigaqDb db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await (
            from r in db.Set<IdentityRequest>().AsNoTracking()
            join p in db.Set<ProtectedPerson>().AsNoTracking() on r.ProtectedPersonId equals p.Id
            where r.Id == id
            select new { r, p }).FirstOrDefaultAsync(ct);
        return found is not null && (found.r.RequestedBy == user.UserId() || IsCustodianOf(user, found.p)) ? (found.r, found.p) : null;
    }

    /// <summary>The associated data of a grant envelope: it names the request, the decision and the person, so it opens for no other.</summary>
    internal static byte[] GrantData(Guid requestId, Guid decisionId, Guid personId) =>
        VaultBytes.Framed("aigaq/identity-grant/v1", requestId.ToByteArray(), decisionId.ToByteArray(), personId.ToByteArray());

    public static IServiceCollection AddIdentityRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestIdentity>();
        services.AddScoped<DecideIdentityRequest>();
        services.AddScoped<ViewIdentity>();
        services.AddScoped<GetIdentityRequest>();
        services.AddSingleton<IValidateOptions<AigaqOptions>, IdentityRequestOptionsCheck>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, IdentityAudit>();
        services.AddAuthorizationBuilder().AddPolicy(HoldOrSeeIdentities, p => p
            .AddAuthenticationSchemes(AccessModule.PolicyScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.Can(Permissions.HoldIdentities) || c.User.Can(Permissions.SeeIdentities)));
        return services;
    }
}

/// <summary>At start: the grant's hours and the approvals rule are usable, so that a bad setting stops the start, naming it.</summary>
internal sealed class IdentityRequestOptionsCheck : IValidateOptions<AigaqOptions>
{
    public const int MaxGrantHours = 720;

    public ValidateOptionsResult Validate(string? name, AigaqOptions options)
    {
        var o = options.Protection;
        if (o.GrantHours is < 1 or > MaxGrantHours)
        {
            return ValidateOptionsResult.Fail($"Aigaq:Protection:GrantHours must be 1 to {MaxGrantHours}; it is {o.GrantHours}");
        }

        // An identity is sealed for MinCustodians custodians at least: more approvals than that could never all be had.
        var most = Math.Max(1, o.MinCustodians);
        return o.Approvals < 1 || o.Approvals > most
            ? ValidateOptionsResult.Fail($"Aigaq:Protection:Approvals must be 1 to Aigaq:Protection:MinCustodians ({most}); it is {o.Approvals}")
            : ValidateOptionsResult.Success;
    }
}
