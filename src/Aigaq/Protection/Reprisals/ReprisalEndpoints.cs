using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>The reprisal register's API (issue 15, items 6 and 7): incidents, interventions and their updates, lists and statistics.</summary>
internal static class ReprisalEndpoints
{
    public static IServiceCollection AddReprisals(this IServiceCollection services)
    {
        services.AddScoped<RecordReprisal>();
        services.AddScoped<RecordReprisalIntervention>();
        services.AddScoped<RecordInterventionUpdate>();
        services.AddScoped<GetReprisal>();
        services.AddScoped<ListReprisals>();
        services.AddScoped<ReprisalStatistics>();
        services.AddSingleton(new Data.NumberSeries(RecordReprisal.Series, (db, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(
            db.Set<Reprisal>(), r => (long?)r.Seq, ct)));
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ReprisalAudit>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var reprisals = app.MapGroup("/api/v1/reprisals").WithTags("Protection");

        // The idempotency record keeps a digest of the body only (CommandRunner hashes it), never the description.
        reprisals.MapPost("/", (HttpContext http, RecordReprisalRequest body, RecordReprisal handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reprisals.record", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterReprisals)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("RecordReprisal");

        reprisals.MapGet("/", ([AsParameters] ReprisalListQuery query, ClaimsPrincipal user, ListReprisals handler, CancellationToken ct) =>
                handler.HandleAsync(query, user, ct))
            .RequireAuthorization(Permissions.RegisterReprisals)
            .WithName("ListReprisals");

        reprisals.MapGet("/statistics", (string? from, string? to, string? region, ClaimsPrincipal user, ReprisalStatistics handler, CancellationToken ct) =>
                handler.HandleAsync(from, to, region, user, ct))
            .RequireAuthorization(Permissions.ViewReprisalStatistics)
            .WithName("ReprisalStatistics");

        reprisals.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetReprisal handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.RegisterReprisals)
            .WithName("GetReprisal");

        reprisals.MapPost("/{id:guid}/interventions", (Guid id, HttpContext http, RecordReprisalInterventionRequest body, RecordReprisalIntervention handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reprisals.interventions", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterReprisals)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("RecordReprisalIntervention");

        app.MapGroup("/api/v1/reprisal-interventions").WithTags("Protection")
            .MapPost("/{id:guid}/updates", (Guid id, HttpContext http, RecordInterventionUpdateRequest body, RecordInterventionUpdate handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reprisal-interventions.update", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterReprisals)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("RecordInterventionUpdate");
    }
}
