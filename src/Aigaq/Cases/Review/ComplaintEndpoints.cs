using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Cases;

/// <summary>The complaints API: file, read, list and decide complaints about procedural actions.</summary>
internal static class ComplaintEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/v1/complaints").WithTags("Review");

        complaints.MapPost("/", (HttpContext http, FileComplaintRequest body, FileComplaint handler, CommandRunner runner) =>
                runner.CreateAsync(http, "complaints.file", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.FileComplaints)
            .WithMetadata(new BodyLimit(CasesModule.MaxReportBytes))
            .WithName("FileComplaint");

        complaints.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetComplaint handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewComplaints)
            .WithName("GetComplaint");

        complaints.MapGet("/", (string? status, string? cursor, ClaimsPrincipal user, GetComplaint handler, CancellationToken ct) =>
                handler.ListHandleAsync(status, cursor, user, ct))
            .RequireAuthorization(Permissions.ViewComplaints)
            .WithName("ListComplaints");

        complaints.MapPost("/{id:guid}/decision", (Guid id, HttpContext http, DecideComplaintRequest body, DecideComplaint handler, CommandRunner runner) =>
                runner.CreateAsync(http, "complaints.decide", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.DecideComplaints)
            .WithMetadata(new BodyLimit(CasesModule.MaxReportBytes))
            .WithName("DecideComplaint");
    }
}
