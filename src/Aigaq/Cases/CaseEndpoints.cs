using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Cases;

/// <summary>The cases API: list cases, read a case, requalify it, decide a conflict of jurisdiction, record a stage.</summary>
internal static class CaseEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases");

        cases.MapGet("/", (
                string? region, string? stage, string? part, string? torture, string? agency, string? responsible, string? closed, string? q,
                string? cursor, ClaimsPrincipal user, ListCases handler, CancellationToken ct) =>
                handler.HandleAsync(new CaseListQuery(region, stage, part, torture, agency, responsible, closed, q, cursor), user, ct))
            .RequireAuthorization(Permissions.ViewCases)
            .WithName("ListCases");

        cases.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetCase handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewCases)
            .WithName("GetCase");

        cases.MapPost("/{id:guid}/requalify", (Guid id, HttpContext http, RequalifyCaseRequest body, RequalifyCase handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.requalify", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.SuperviseCases)
            .WithMetadata(new BodyLimit(CasesModule.MaxBodyBytes))
            .WithName("RequalifyCase");

        cases.MapPost("/{id:guid}/conflict", (Guid id, HttpContext http, DecideConflictRequest body, DecideConflict handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.conflict", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.SuperviseCases)
            .WithMetadata(new BodyLimit(CasesModule.MaxBodyBytes))
            .WithName("DecideConflict");

        cases.MapPost("/{id:guid}/stages", async (Guid id, HttpContext http, RecordStageRequest body, RecordCaseStage handler, CommandRunner runner) =>
            {
                var result = await runner.CreateAsync(http, "cases.stages", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct));
                await handler.RaiseRefusedAttemptAsync(http.RequestAborted);
                return result;
            })
            .RequireAuthorization(Permissions.RecordCaseStages)
            .WithMetadata(new BodyLimit(CasesModule.MaxBodyBytes))
            .WithName("RecordCaseStage");
    }
}
