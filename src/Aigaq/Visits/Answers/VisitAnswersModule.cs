using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Visits.Answers;

/// <summary>The visit's checklist answers and its end (issue 17, item 6 and "visit done"; ADR 0030, addendum).</summary>
internal static class VisitAnswersModule
{
    /// <summary>A whole checklist answered at once, each text answer at its longest, with notes.</summary>
    public const long AnswersBodyBytes = 1024 * 1024;

    public static IServiceCollection AddVisitAnswers(this IServiceCollection services)
    {
        services.AddScoped<RecordChecklistAnswers>();
        services.AddScoped<RecordDeparture>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, AnswerAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapVisitAnswers(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/visits").WithTags("Visits");

        visits.MapPost("/{id:guid}/checklist-answers", (Guid id, HttpContext http, RecordChecklistAnswersRequest body, RecordChecklistAnswers handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.checklist-answers", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(AnswersBodyBytes))
            .WithName("RecordChecklistAnswers");

        visits.MapPost("/{id:guid}/departure", (Guid id, HttpContext http, RecordDepartureRequest body, RecordDeparture handler, CommandRunner runner) =>
                runner.CreateAsync(http, "visits.departure", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(VisitsModule.MaxBodyBytes))
            .WithName("RecordVisitDeparture");
        return app;
    }
}
