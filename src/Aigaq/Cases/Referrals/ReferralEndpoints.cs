using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Cases;

/// <summary>The referrals API: the receiving body's inbox, and acceptance.</summary>
internal static class ReferralEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/api/v1/referrals").WithTags("Cases");

        referrals.MapGet("/", async (string? cursor, ClaimsPrincipal user, ListReferrals handler, CancellationToken ct) =>
            {
                var v = new Validation();
                var after = v.InstantCursor("cursor", cursor);
                return await v.AnswerAsync(() => handler.HandleAsync(user, after, ct));
            })
            .RequireAuthorization(Permissions.AcceptReferrals)
            .WithName("ReferralInbox");

        referrals.MapPost("/{id:guid}/accept", (Guid id, HttpContext http, AcceptReferral handler, CommandRunner runner) =>
                runner.CreateAsync(http, "referrals.accept", new { id }, ct => handler.HandleAsync(id, http.User, ct)))
            .RequireAuthorization(Permissions.AcceptReferrals)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("AcceptReferral");
    }
}
