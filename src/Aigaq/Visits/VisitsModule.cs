using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>
/// Monitoring visits (issue 17, ADR 0030): facilities' monitoring profiles, visits with their teams and approvals,
/// arrivals, areas seen and registers checked, access denials (raising AccessDenied) and the versioned checklists.
/// </summary>
internal static class VisitsModule
{
    public const long MaxBodyBytes = 32 * 1024;

    /// <summary>A headcount of <see cref="Headcounts.RecordHeadcount.MaxPeople"/> people, each with names, a birth date and an IIN.</summary>
    public const long HeadcountBodyBytes = 2 * 1024 * 1024;

    public static IServiceCollection AddVisits(this IServiceCollection services)
    {
        services.AddScoped<PlanVisit>();
        services.AddScoped<GetVisit>();
        services.AddScoped<ListVisits>();
        services.AddScoped<ApproveVisitTeam>();
        services.AddScoped<RecordArrival>();
        services.AddScoped<RecordVisitCheck>();
        services.AddScoped<RecordAccessDenial>();
        services.AddScoped<FacilityMonitoring>();
        services.AddScoped<RecordMonitoringProfile>();
        services.AddScoped<Headcounts.RecordHeadcount>();
        services.AddScoped<ListChecklists>();
        services.AddSingleton(new Data.NumberSeries(PlanVisit.Series, (db, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(
            db.Set<Visit>(), v => (long?)v.Seq, ct)));
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, VisitAudit>();
        services.AddVisitIndicators();
        services.AddScoped<Interviews.RecordInterview>();
        services.AddScoped<Interviews.ListInterviews>();
        return services;
    }

    public static IEndpointRouteBuilder MapVisits(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/visits").WithTags("Visits");

        visits.MapPost("/", (HttpContext http, PlanVisitRequest body, PlanVisit handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.plan", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("PlanVisit");

        visits.MapGet("/", ([AsParameters] VisitListQuery query, ClaimsPrincipal user, ListVisits handler, CancellationToken ct) =>
                handler.HandleAsync(query, user, ct))
            .RequireAuthorization(Permissions.ViewVisits)
            .WithName("ListVisits");

        visits.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetVisit handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewVisits)
            .WithName("GetVisit");

        visits.MapPost("/{id:guid}/approval", (Guid id, HttpContext http, ApproveVisitTeamRequest body, ApproveVisitTeam handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.approve", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ApproveVisitTeams)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("ApproveVisitTeam");

        visits.MapPost("/{id:guid}/arrival", (Guid id, HttpContext http, RecordArrivalRequest body, RecordArrival handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.arrival", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordVisitArrival");

        visits.MapPost("/{id:guid}/checks", (Guid id, HttpContext http, RecordVisitCheckRequest body, RecordVisitCheck handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.check", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordVisitCheck");

        visits.MapPost("/{id:guid}/access-denials", (Guid id, HttpContext http, RecordAccessDenialRequest body, RecordAccessDenial handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.access-denial", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordAccessDenial");

        visits.MapPost("/{id:guid}/headcount", (Guid id, HttpContext http, Headcounts.RecordHeadcountRequest body, Headcounts.RecordHeadcount handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.headcount", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(HeadcountBodyBytes))
            .WithName("RecordVisitHeadcount");

        var facilities = app.MapGroup("/api/v1/facilities").WithTags("Visits");
        facilities.MapGet("/{id:guid}/monitoring", (Guid id, ClaimsPrincipal user, FacilityMonitoring handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewMonitoringProfiles)
            .WithName("GetFacilityMonitoring");
        facilities.MapPost("/{id:guid}/monitoring", (Guid id, HttpContext http, RecordMonitoringProfileRequest body, RecordMonitoringProfile handler, CommandRunner runner) =>
                runner.CreateAsync(http, "facilities.monitoring", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordMonitoringProfiles)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordFacilityMonitoring");

        app.MapGet("/api/v1/checklists", (string? facilityType, ListChecklists handler) => handler.Handle(facilityType))
            .WithTags("Visits")
            .RequireAuthorization(Permissions.ViewChecklists)
            .WithName("ListChecklists");

        visits.MapPost("/{id:guid}/interviews", (Guid id, HttpContext http, Interviews.RecordInterviewRequest body, Interviews.RecordInterview handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.interview", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordVisitInterview");
        visits.MapGet("/{id:guid}/interviews", (Guid id, ClaimsPrincipal user, Interviews.ListInterviews handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewVisits)
            .WithName("ListVisitInterviews");
        return app;
    }
}
