using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Recommendations;

/// <summary>
/// The recommendations area (issue 18): the assessment scales and the catalogue of indicators (ADR 0031); recommendations,
/// their import, assessments and indicators with dated snapshots (ADR 0032).
/// </summary>
internal static class RecommendationsModule
{
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddRecommendations(this IServiceCollection services, IConfiguration configuration)
    {
        // Built eagerly so that a broken scale (shipped or in the directory) fails start-up, not an assessment.
        var options = configuration.GetSection("Aigaq:Recommendations").Get<AssessmentScaleOptions>() ?? new AssessmentScaleOptions();
        services.AddSingleton(AssessmentScales.Load(options.ScalesDir));
        // The metrics are supplied by the areas that hold their facts (IIndicatorMetric, scoped: they read the database).
        services.AddScoped<IndicatorCatalogue>();
        // The follow-up report's renderers (item 5): pure, given a FollowUpReportModel.
        services.AddSingleton<FollowUpReportText>();
        services.AddSingleton<FollowUpReportDocx>();
        services.AddSingleton<FollowUpReportPdf>();
        services.AddScoped<RegisterRecommendation>();
        services.AddScoped<ImportRecommendations>();
        services.AddScoped<ListRecommendations>();
        services.AddScoped<GetRecommendation>();
        services.AddScoped<CorrectRecommendation>();
        services.AddScoped<AssessRecommendation>();
        services.AddScoped<TrackIndicator>();
        services.AddScoped<RefreshIndicator>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, RecommendationAudit>();
        // The follow-up report from the register (item 5).
        services.AddScoped<FollowUpReportAssembler>();
        services.AddScoped<GetFollowUpReport>();
        // Measures, their statuses and evidence (issue 18, item 2).
        services.AddMeasures();
        // Reminders before follow-up due dates and on overdue measures (issue 18, item 6).
        services.AddHostedService<ScanRecommendationReminders>();
        // The pages (item 7) and the public page's opt-in per actor (item 6; ADR 0032, second addendum): a bad actor's
        // name stops start-up rather than hiding an actor who opted in.
        services.AddScoped<BrowseRecommendations>();
        var published = configuration.GetSection("Aigaq:Recommendations").Get<PublicRecommendationOptions>() ?? new PublicRecommendationOptions();
        if (published.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        services.AddOptions<PublicRecommendationOptions>().BindConfiguration("Aigaq:Recommendations");
        return services;
    }

    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recommendations").WithTags("Recommendations");

        group.MapPost("/", (HttpContext http, RegisterRecommendationRequest body, RegisterRecommendation handler, CommandRunner runner) =>
                runner.CreateAsync(http, "recommendations.register", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RegisterRecommendation");

        group.MapGet("/", (string? document, string? theme, string? cursor, ListRecommendations handler, CancellationToken ct) => handler.HandleAsync(document, theme, cursor, ct))
            .RequireAuthorization(Permissions.ViewRecommendations)
            .WithName("ListRecommendations");

        group.MapGet("/{id:guid}", (Guid id, HttpContext http, GetRecommendation handler, CancellationToken ct) => handler.HandleAsync(id, http.User, ct))
            .RequireAuthorization(Permissions.ViewRecommendations)
            .WithName("GetRecommendation");

        group.MapPost("/{id:guid}/corrections", (Guid id, HttpContext http, CorrectRecommendationRequest body, CorrectRecommendation handler, CommandRunner runner) =>
                runner.CreateAsync(http, "recommendations.correct", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("CorrectRecommendation");

        group.MapPost("/{id:guid}/assessments", (Guid id, HttpContext http, AssessRecommendationRequest body, AssessRecommendation handler, CommandRunner runner) =>
                runner.CreateAsync(http, "recommendations.assess", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("AssessRecommendation");

        group.MapPost("/{id:guid}/indicators", (Guid id, HttpContext http, TrackIndicatorRequest body, TrackIndicator handler, CommandRunner runner) =>
                runner.CreateAsync(http, "recommendations.indicator", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("TrackRecommendationIndicator");

        group.MapPost("/{id:guid}/indicators/{indicatorId:guid}/refresh", (Guid id, Guid indicatorId, HttpContext http, RefreshIndicator handler, CommandRunner runner) =>
                runner.CreateAsync(http, "recommendations.indicator.refresh", new { id, indicatorId }, ct => handler.HandleAsync(id, indicatorId, http.User, ct)))
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithName("RefreshRecommendationIndicator");

        group.MapGet("/report", (string? document, string? actor, string? lang, string? format, HttpContext http, GetFollowUpReport handler, CancellationToken ct) =>
                handler.HandleAsync(document, actor, lang, format, http.User, ct))
            .RequireAuthorization(Permissions.ViewRecommendations)
            .Produces<Stream>(StatusCodes.Status200OK, GetFollowUpReport.DocxType, GetFollowUpReport.PdfType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetFollowUpReport");
        app.MapMeasures();
        return app;
    }
}
