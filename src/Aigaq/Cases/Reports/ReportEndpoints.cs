using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Cases;

/// <summary>The reports API: receive, read, list, register or refuse a report, and suggest its qualification.</summary>
internal static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports");

        reports.MapPost("/", (HttpContext http, ReceiveReportRequest body, ReceiveReport handler, CommandRunner runner) =>
                runner.CreateAsync(
                    http, "reports.receive",
                    // The contacts of a person to protect are sealed, never kept: not even as a guessable digest.
                    body with { Protect = body.Protect is { } p ? p with { Phone = null, Email = null, Address = null } : null },
                    ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.ReceiveReports)
            .WithMetadata(new BodyLimit(CasesModule.MaxReportBytes))
            .WithName("ReceiveReport");

        reports.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetReport handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewReports)
            .WithName("GetReport");

        reports.MapGet("/", (string? region, string? status, Guid? detentionId, string? q, string? overdue, string? cursor, ClaimsPrincipal user, ListReports handler, CancellationToken ct) =>
                handler.HandleAsync(region, status, detentionId, cursor, user, ct, q, overdue))
            .RequireAuthorization(Permissions.ViewReports)
            .WithName("ListReports");

        reports.MapPost("/{id:guid}/register", (Guid id, HttpContext http, RegisterReportRequest body, RegisterReport handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reports.register", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterReports)
            .WithMetadata(new BodyLimit(CasesModule.MaxBodyBytes))
            .WithName("RegisterReport");

        reports.MapPost("/{id:guid}/refuse", (Guid id, HttpContext http, RefuseReportRequest body, RefuseReport handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reports.refuse", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterReports)
            .WithMetadata(new BodyLimit(CasesModule.MaxBodyBytes))
            .WithName("RefuseReport");

        app.MapPost("/api/v1/qualification/suggest", SuggestQualification.Handle)
            .RequireAuthorization(Permissions.RegisterReports)
            .WithTags("Cases")
            .WithName("SuggestQualification");
    }
}
