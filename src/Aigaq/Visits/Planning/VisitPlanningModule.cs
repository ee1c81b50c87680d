using System.Security.Claims;
using Aigaq.Access;

namespace Aigaq.Visits;

/// <summary>Planning visits by risk (issue 17, item 2): the plan's endpoint and the register's risk factors.</summary>
internal static class VisitPlanningModule
{
    public static IServiceCollection AddVisitPlanning(this IServiceCollection services) =>
        services.AddScoped<IVisitRiskSource, RegisterRiskFactors>().AddScoped<PlanVisits>();

    public static IEndpointRouteBuilder MapVisitPlanning(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/visits").WithTags("Visits")
            .MapGet("/plan", (string? year, string? region, ClaimsPrincipal user, PlanVisits handler, CancellationToken ct) =>
                handler.HandleAsync(year, region, user, ct))
            .RequireAuthorization(Permissions.PlanVisits)
            .WithName("PlanVisits");
        return app;
    }
}
