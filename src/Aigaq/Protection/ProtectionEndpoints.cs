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

        // The idempotency record holds a keyed digest of these bodies (Secret) without their passphrases: a stored digest of
        // a passphrase, even keyed, could be guessed at HMAC speed by whoever holds the index key, not at Argon2id's.
        keys.MapPost("/", (HttpContext http, EnrolCustodianRequest body, EnrolCustodian handler, CommandRunner runner, ProtectionKeys protection) =>
                runner.CreateAsync(http, "custodian-keys.enrol", Secret(protection, body with { Passphrase = null }), ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(IdentityRequests.HoldOrSeeIdentities)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("EnrolCustodian");

        keys.MapPost("/passphrase", async (HttpContext http, ChangeCustodianPassphraseRequest body, EnrolCustodian handler, CommandRunner runner, ProtectionKeys protection) =>
            {
                var result = await runner.CreateAsync(http, "custodian-keys.passphrase", Secret(protection, body with { Passphrase = null, NewPassphrase = null }), ct => handler.ChangeAsync(body, http.User, ct));
                await handler.LogDeniedAsync(http.User, http.RequestAborted);
                return result;
            })
            .RequireAuthorization(IdentityRequests.HoldOrSeeIdentities)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("ChangeCustodianPassphrase");

        keys.MapGet("/", (ClaimsPrincipal user, Custodians custodians, AccessLog log, CancellationToken ct) => custodians.ListAsync(user, log, ct))
            .RequireAuthorization(Permissions.HoldIdentities)
            .WithName("ListCustodianKeys");

        var persons = app.MapGroup("/api/v1/protected-persons").WithTags("Protection");

        persons.MapPost("/", (HttpContext http, RegisterProtectedPersonRequest body, RegisterProtectedPerson handler, CommandRunner runner, ProtectionKeys protection) =>
                runner.CreateAsync(http, "protected-persons.register", Secret(protection, body), ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("RegisterProtectedPerson");

        persons.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetProtectedPerson handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithName("GetProtectedPerson");

        persons.MapPost("/{id:guid}/changes", (Guid id, HttpContext http, ChangeProtectedPersonRequest body, ChangeProtectedPerson handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protected-persons.change", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("ChangeProtectedPerson");

        ApplicationEndpoints.Map(app);
        ReprisalEndpoints.Map(app);
        IdentityRequestEndpoints.Map(app);
        RetentionEndpoints.Map(app);
        AnonymousEndpoints.Map(app);
        ProtectionListEndpoints.Map(app);
    }

    /// <summary>
    /// What the idempotency record of a body with secrets is computed from: a keyed digest of it; without the index key
    /// (protection not configured) the operation alone, so that nothing guessable is kept.
    /// </summary>
    private static object Secret<T>(ProtectionKeys keys, T body) =>
        keys.Index is { } index ? new { body = index.OfRequest(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, Json.Options)) } : new { };
}
