using System.Security.Claims;
using Aigaq.Access;

namespace Aigaq.Protection;

/// <summary>
/// The lists the protection pages need (issue 15, item 10), on the API too: the protected persons a user may read, and
/// the identity requests waiting for a custodian of the region.
/// </summary>
internal static class ProtectionListEndpoints
{
    public static IServiceCollection AddProtectionPages(this IServiceCollection services)
    {
        services.AddScoped<ListProtectedPersons>();
        services.AddScoped<ListPendingIdentityRequests>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/protected-persons").WithTags("Protection")
            .MapGet("/", (string? cursor, ClaimsPrincipal user, ListProtectedPersons handler, CancellationToken ct) => handler.HandleAsync(cursor, user, ct))
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithName("ListProtectedPersons");

        app.MapGroup("/api/v1/identity-requests").WithTags("Protection")
            .MapGet("/", (ClaimsPrincipal user, ListPendingIdentityRequests handler, CancellationToken ct) => handler.HandleAsync(user, ct))
            .RequireAuthorization(Permissions.HoldIdentities)
            .WithName("ListPendingIdentityRequests");
    }
}
