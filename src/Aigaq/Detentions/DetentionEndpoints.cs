using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

internal static class DetentionEndpoints
{
    /// <summary>Registration bodies are small; a larger one is refused before it is read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddDetentions(this IServiceCollection services)
    {
        services.AddScoped<RegisterDetention>();
        services.AddScoped<RecordCustodyEvent>();
        services.AddScoped<GetDetention>();
        services.AddScoped<PrintDetention>();
        services.AddScoped<ExportDetentions>();
        services.AddScoped<ListDetentions>();
        services.AddScoped<PublicCustodyLookup>();
        services.AddSingleton<PublicLookupLimits>();
        services.AddHostedService<LookupKeyBackfill>();
        services.AddScoped<DetentionNotices>();
        services.AddHostedService<ClockScanner>();
        services.AddLoggedState(DetentionLedger.State);
        services.AddSingleton<TransparencyLog.IRecordNames, DetentionRecordNames>();
        services.AddSingleton(new Data.NumberSeries(Data.NumberAllocator.Detentions, (db, ct) => db.Set<Detention>().MaxAsync(d => (long?)d.Seq, ct)));
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, DetentionAudit>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, DetentionEventAudit>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, AlertCopiesAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapDetentions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/detentions").WithTags("Detentions");

        api.MapPost("/", (HttpContext http, RegisterDetentionRequest body, RegisterDetention handler, CommandRunner runner) =>
                runner.CreateAsync(http, "detentions.register", body, ct => handler.HandleAsync(body, http.User, ct), insertOnly: true))
            .RequireAuthorization(Permissions.RegisterDetention)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RegisterDetention");

        api.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetDetention handler, CancellationToken ct) =>
                handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewDetentions)
            .WithName("GetDetention");

        api.MapGet("/{id:guid}/pdf", async (Guid id, HttpContext http, PrintDetention handler, CancellationToken ct) =>
                await handler.HandleAsync(id, http.User, Site(http.Request), ct) is { } printed
                    ? Results.File(printed.Pdf, "application/pdf", printed.FileName)
                    : ProblemTypes.NotFoundProblem("The detention"))
            .RequireAuthorization(Permissions.ViewDetentions)
            .Produces<Stream>(contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetDetentionPdf");

        api.MapGet("/", (string? region, string? status, string? q, string? cursor, ClaimsPrincipal user, ListDetentions handler, CancellationToken ct) =>
                handler.HandleAsync(region, status, cursor, user, ct, q))
            .RequireAuthorization(Permissions.ViewDetentions)
            .WithName("ListDetentions");

        api.MapPost("/{id:guid}/events", (Guid id, HttpContext http, JsonObject body, RecordCustodyEvent handler, CommandRunner runner) =>
                runner.CreateAsync(http, "detentions.events", body, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordCustodyEvent)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .AddOpenApiOperationTransformer(CustodyEventJson.DescribeBodyAsync)
            .WithName("RecordCustodyEvent");

        app.MapGet("/api/v1/public/custody", (HttpContext http, string? lastName, string? firstName, string? patronymic, string? birthDate, PublicCustodyLookup handler, CancellationToken ct) =>
                handler.HandleAsync(http, lastName, firstName, patronymic, birthDate, ct))
            .AllowAnonymous()
            .RequireRateLimiting(PublicCustodyLookup.RateLimitPolicy)
            .WithTags("Public")
            .WithName("PublicCustodyLookup");

        return app;
    }

    /// <summary>Where a request reached Aigaq (scheme and host), for addresses printed on a record.</summary>
    public static Uri Site(HttpRequest request) =>
        Uri.TryCreate($"{request.Scheme}://{request.Host}/", UriKind.Absolute, out var site) ? site : new Uri("http://localhost/");
}
