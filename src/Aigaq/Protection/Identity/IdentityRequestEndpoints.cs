using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Mvc;

namespace Aigaq.Protection;

/// <summary>Identity requests (CONTRACT.md, "Identity access"; ADR 0022's addendum).</summary>
internal static class IdentityRequestEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/v1/protected-persons").WithTags("Protection");

        // A reason may name people: the idempotency record keeps a keyed digest of the body, as for the protection's other secrets.
        persons.MapPost("/{id:guid}/identity-requests", (Guid id, HttpContext http, RequestIdentityRequest body, RequestIdentity handler, CommandRunner runner, ProtectionKeys protection) =>
                runner.CreateAsync(http, "identity-requests.ask", Secret(protection, new { id, body }), ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RequestIdentities)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("RequestIdentity");

        persons.MapGet("/{id:guid}/identity-requests", (Guid id, ClaimsPrincipal user, GetIdentityRequest handler, CancellationToken ct) => handler.ListAsync(id, user, ct))
            .RequireAuthorization(Permissions.RequestIdentities)
            .WithName("ListIdentityRequests");

        var requests = app.MapGroup("/api/v1/identity-requests").WithTags("Protection");

        requests.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetIdentityRequest handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.RequestIdentities)
            .WithName("GetIdentityRequest");

        // The passphrase is turned into a key before the unit of work begins (PrepareAsync), so that no transaction waits on Argon2id.
        // It is left out of the idempotency digest: a stored digest of it would be guessed at HMAC speed, not Argon2id's.
        requests.MapPost("/{id:guid}/decide", async (Guid id, HttpContext http, DecideIdentityRequestRequest body, DecideIdentityRequest handler, CommandRunner runner, ProtectionKeys protection) =>
                await handler.PrepareAsync(id, body, http.User, http.RequestAborted) is { } refused
                    ? new CommandAnswer<IdentityDecisionView>(refused)
                    : await runner.CreateAsync(http, "identity-requests.decide", Secret(protection, new { id, body = body with { Passphrase = null } }), ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.HoldIdentities)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DecideIdentityRequest");

        requests.MapGet("/{id:guid}/identity", (Guid id, [FromHeader(Name = IdentityRequests.PassphraseHeader)] string? passphrase, HttpContext http, ViewIdentity handler) =>
                NoStore(http, handler.HandleAsync(id, passphrase, http.User, http.RequestAborted)))
            .RequireAuthorization(Permissions.SeeIdentities)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithName("ViewIdentity");

        // The same for a page, which cannot set a header on a link: the passphrase in the body.
        requests.MapPost("/{id:guid}/identity", (Guid id, ViewIdentityRequest body, HttpContext http, ViewIdentity handler) =>
                NoStore(http, handler.HandleAsync(id, body.Passphrase, http.User, http.RequestAborted)))
            .RequireAuthorization(Permissions.SeeIdentities)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithName("ViewIdentityByPost");
    }

    /// <summary>An identity is never kept by a cache or a browser's history.</summary>
    private static Task<T> NoStore<T>(HttpContext http, Task<T> answer)
    {
        http.Response.Headers.CacheControl = "no-store";
        return answer;
    }

    /// <summary>As <c>ProtectionEndpoints.Secret</c>: a keyed digest of a body with secrets, never an unsalted hash of it.</summary>
    private static object Secret<T>(ProtectionKeys keys, T body) =>
        keys.Index is { } index ? new { body = index.OfRequest(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, Json.Options)) } : new { };
}
