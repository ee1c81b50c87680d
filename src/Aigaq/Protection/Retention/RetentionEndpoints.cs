using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>Retention of protection records (issue 15, item 9; ADR 0024): extending a person's date; the erasure scan.</summary>
internal static class RetentionEndpoints
{
    public static IServiceCollection AddProtectionRetention(this IServiceCollection services)
    {
        services.AddScoped<ExtendRetention>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, RetentionAudit>();
        services.AddHostedService<RetentionScanner>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/v1/protected-persons").WithTags("Protection");

        persons.MapPost("/{id:guid}/retention", (Guid id, HttpContext http, ExtendRetentionRequest body, ExtendRetention handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protection-retention.extend", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageProtection)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("ExtendProtectionRetention");
    }
}
