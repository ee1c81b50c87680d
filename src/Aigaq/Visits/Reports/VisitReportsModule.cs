using Aigaq.Access;

namespace Aigaq.Visits;

/// <summary>The visit report and the annual figures (issue 17, item 10): renderers are pure, given a model.</summary>
internal static class VisitReportsModule
{
    public static IServiceCollection AddVisitReports(this IServiceCollection services)
    {
        services.AddSingleton<VisitReportText>();
        services.AddSingleton<VisitReportPdf>();
        services.AddSingleton<AnnualVisitFiguresPdf>();
        services.AddScoped<VisitReportAssembler>();
        services.AddScoped<GetVisitReport>();
        services.AddScoped<ComputeAnnualVisitFigures>();
        services.AddScoped<GetAnnualVisitFigures>();
        return services;
    }

    public static IEndpointRouteBuilder MapVisitReports(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/visits").WithTags("Visits");
        visits.MapGet("/{id:guid}/report", (Guid id, string? lang, string? version, HttpContext http, GetVisitReport handler, CancellationToken ct) =>
                handler.HandleAsync(id, lang, version, http.User, ct))
            .RequireAuthorization(Permissions.ViewVisits)
            .Produces<Stream>(StatusCodes.Status200OK, GetVisitReport.PdfType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetVisitReport");
        visits.MapGet("/annual", (string? year, string? region, string? format, string? lang, HttpContext http, GetAnnualVisitFigures handler, CancellationToken ct) =>
                handler.HandleAsync(year, region, format, lang, http.User, ct))
            .RequireAuthorization(Permissions.ViewVisitFigures)
            .Produces<AnnualVisitFiguresView>(StatusCodes.Status200OK, "application/json", GetVisitReport.PdfType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("GetAnnualVisitFigures");
        return app;
    }
}
