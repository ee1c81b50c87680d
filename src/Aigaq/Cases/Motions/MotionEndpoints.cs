using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Cases;

/// <summary>The motions API: file a motion to exclude evidence on a case, and record its decision.</summary>
internal static class MotionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases");

        cases.MapPost("/{id:guid}/motions", (Guid id, HttpContext http, FileMotionRequest body, FileMotion handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.motions", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordCaseStages)
            .WithMetadata(new BodyLimit(CasesModule.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("FileMotion");

        cases.MapPost("/{id:guid}/motions/{motionId:guid}/decision", (Guid id, Guid motionId, HttpContext http, DecideMotionRequest body, DecideMotion handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.motions.decide", new { id, motionId, body }, ct => handler.HandleAsync(id, motionId, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordCaseStages)
            .WithMetadata(new BodyLimit(CasesModule.MaxBodyBytes))
            .WithName("DecideMotion");
    }
}
