using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>
/// A visit's recommendations to the authority (issue 17, item 8; ADR 0030, addendum): made on a visit (repeated ones
/// marked and alerted), the authority's responses, the checks at later visits, the overdue scan, and the plan's factors
/// from visits. The region's monitors record and read them (the visits' own permissions).
/// </summary>
internal static class VisitRecommendationsModule
{
    public static IServiceCollection AddVisitRecommendations(this IServiceCollection services)
    {
        services.AddScoped<MakeRecommendation>();
        services.AddScoped<RespondToRecommendation>();
        services.AddScoped<CheckRecommendation>();
        services.AddScoped<ListVisitRecommendations>();
        services.AddScoped<GetVisitRecommendation>();
        services.AddScoped<IVisitRiskSource, VisitRiskFactors>();
        services.AddSingleton(new Data.NumberSeries(MakeRecommendation.Series, (db, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(
            db.Set<VisitRecommendation>(), r => (long?)r.Seq, ct)));
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, VisitRecommendationAudit>();
        services.AddHostedService<RecommendationScanner>();
        return services;
    }

    public static IEndpointRouteBuilder MapVisitRecommendations(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/visits").WithTags("Visits")
            .MapPost("/{id:guid}/recommendations", (Guid id, HttpContext http, MakeRecommendationRequest body, MakeRecommendation handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.recommendation", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(VisitsModule.MaxBodyBytes))
            .WithName("MakeVisitRecommendation");

        var recommendations = app.MapGroup("/api/v1/visit-recommendations").WithTags("Visits");
        recommendations.MapGet("/", ([AsParameters] VisitRecommendationQuery query, ClaimsPrincipal user, ListVisitRecommendations handler, CancellationToken ct) =>
                handler.HandleAsync(query, user, ct))
            .RequireAuthorization(Permissions.ViewVisits)
            .WithName("ListVisitRecommendations");

        recommendations.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetVisitRecommendation handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewVisits)
            .WithName("GetVisitRecommendation");

        recommendations.MapPost("/{id:guid}/responses", (Guid id, HttpContext http, RecommendationResponseRequest body, RespondToRecommendation handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.recommendation.response", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(VisitsModule.MaxBodyBytes))
            .WithName("RespondToVisitRecommendation");

        recommendations.MapPost("/{id:guid}/checks", (Guid id, HttpContext http, CheckRecommendationRequest body, CheckRecommendation handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.recommendation.check", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(VisitsModule.MaxBodyBytes))
            .WithName("CheckVisitRecommendation");
        return app;
    }
}
