using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Review;

internal static class ReviewEndpoints
{
    public const string Section = "Aigaq:Review";

    public static IServiceCollection AddReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReviewOptions>, ReviewOptionsValidation>();
        services.AddScoped<FileComplaint>();
        services.AddScoped<DecideComplaint>();
        services.AddScoped<GetComplaint>();
        services.AddScoped<Motions>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ReviewAudit>();
        services.AddLoggedState(ReviewLedger.State);
        services.AddSingleton(new Data.NumberSeries(FileComplaint.Series, (db, ct) => db.Set<Complaint>().MaxAsync(c => (long?)c.Seq, ct)));
        return services;
    }

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/v1/complaints").WithTags("Review");

        complaints.MapPost("/", (HttpContext http, FileComplaintRequest body, FileComplaint handler, CommandRunner runner) =>
                runner.CreateAsync(http, "complaints.file", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.FileComplaints)
            .WithMetadata(new BodyLimit(CaseEndpoints.MaxReportBytes))
            .Produces<ComplaintView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("FileComplaint");

        complaints.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetComplaint handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewComplaints)
            .Produces<ComplaintView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetComplaint");

        complaints.MapGet("/", (string? status, string? cursor, ClaimsPrincipal user, GetComplaint handler, CancellationToken ct) =>
                handler.ListHandleAsync(status, cursor, user, ct))
            .RequireAuthorization(Permissions.ViewComplaints)
            .Produces<Page<ComplaintSummary>>()
            .ProducesValidationProblem()
            .WithName("ListComplaints");

        complaints.MapPost("/{id:guid}/decision", (Guid id, HttpContext http, DecideComplaintRequest body, DecideComplaint handler, CommandRunner runner) =>
                runner.CreateAsync(http, "complaints.decide", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.DecideComplaints)
            .WithMetadata(new BodyLimit(CaseEndpoints.MaxReportBytes))
            .Produces<ComplaintView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DecideComplaint");

        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases");

        cases.MapPost("/{id:guid}/motions", (Guid id, HttpContext http, FileMotionRequest body, Motions handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.motions", new { id, body }, ct => handler.FileAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordCaseStages)
            .WithMetadata(new BodyLimit(CaseEndpoints.MaxBodyBytes))
            .Produces<MotionRecordedView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("FileMotion");

        cases.MapPost("/{id:guid}/motions/{motionId:guid}/decision", (Guid id, Guid motionId, HttpContext http, DecideMotionRequest body, Motions handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.motions.decide", new { id, motionId, body }, ct => handler.DecideAsync(id, motionId, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordCaseStages)
            .WithMetadata(new BodyLimit(CaseEndpoints.MaxBodyBytes))
            .Produces<MotionRecordedView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DecideMotion");

        return app;
    }
}
