using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>The protection API so far: custodians' keys (ADR 0022) and protected persons.</summary>
internal static class ProtectionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/custodian-keys").WithTags("Protection");

        // The idempotency record hashes the operation only: a passphrase must not be kept even as an unsalted hash.
        keys.MapPost("/", (HttpContext http, EnrolCustodianRequest body, EnrolCustodian handler, CommandRunner runner) =>
                runner.CreateAsync(http, "custodian-keys.enrol", new { }, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.HoldIdentities)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("EnrolCustodian");

        keys.MapPost("/passphrase", async (HttpContext http, ChangeCustodianPassphraseRequest body, EnrolCustodian handler, CommandRunner runner) =>
            {
                var result = await runner.CreateAsync(http, "custodian-keys.passphrase", new { }, ct => handler.ChangeAsync(body, http.User, ct));
                await handler.LogDeniedAsync(http.User, http.RequestAborted);
                return result;
            })
            .RequireAuthorization(Permissions.HoldIdentities)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("ChangeCustodianPassphrase");

        keys.MapGet("/", (ClaimsPrincipal user, Custodians custodians, AccessLog log, CancellationToken ct) => custodians.ListAsync(user, log, ct))
            .RequireAuthorization(Permissions.HoldIdentities)
            .WithName("ListCustodianKeys");

        var persons = app.MapGroup("/api/v1/protected-persons").WithTags("Protection");

        // The idempotency record hashes the operation only: a hash of the body would be a way to test a guessed identity.
        persons.MapPost("/", (HttpContext http, RegisterProtectedPersonRequest body, RegisterProtectedPerson handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protected-persons.register", new { }, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("RegisterProtectedPerson");

        persons.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetProtectedPerson handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithName("GetProtectedPerson");
    }
}
