using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Examinations;

/// <summary>
/// Istanbul Protocol examinations (issue 16; ADR 0026): requests (also made by the register itself, from custody events
/// and cases), the examiner, the session, consent, findings on the body diagram, the form's sections, the seal and
/// amendments, on versioned national forms; oversight alerts. Photographs and the PDF report are joined later.
/// </summary>
internal static class ExaminationsModule
{
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddExaminations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExaminationFormOptions>(configuration.GetSection("Aigaq:Examinations"));
        services.AddSingleton(sp => ExaminationForms.Load(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExaminationFormOptions>>()));
        services.AddScoped<RequestExamination>();
        services.AddScoped<AssignExaminer>();
        services.AddScoped<RecordSession>();
        services.AddScoped<RecordConsent>();
        services.AddScoped<RecordSection>();
        services.AddScoped<RecordFinding>();
        services.AddScoped<SealExamination>();
        services.AddScoped<AmendExamination>();
        services.AddScoped<GetExamination>();
        services.AddScoped<ListExaminations>();
        services.AddScoped<Detentions.ICustodyEventSubscriber, ExaminationFromCustody>();
        services.AddScoped<Cases.ICaseSubscriber, ExaminationFromCase>();
        services.AddSingleton(new Data.NumberSeries(RequestExamination.Series, (db, ct) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(
            db.Set<Examination>(), e => (long?)e.Seq, ct)));
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ExaminationAudit>();
        services.AddHostedService<ExaminationScanner>();
        services.AddExaminationPhotos();
        services.AddExaminationShares();
        services.AddSharedPhotos();
        return services;
    }

    public static IEndpointRouteBuilder MapExaminations(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/examinations").WithTags("Examinations");

        // The idempotency record keeps a digest of each body only (CommandRunner hashes it), never the person or a finding.
        g.MapPost("/", (HttpContext http, RequestExaminationRequest body, RequestExamination handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.request", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.RequestExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RequestExamination");

        g.MapGet("/", ([AsParameters] ExaminationListQuery query, System.Security.Claims.ClaimsPrincipal user, ListExaminations handler, CancellationToken ct) =>
                handler.HandleAsync(query, user, ct))
            .RequireAuthorization(Permissions.RequestExaminations)
            .WithName("ListExaminations");

        g.MapGet("/{id:guid}", (Guid id, System.Security.Claims.ClaimsPrincipal user, GetExamination handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.RequestExaminations)
            .WithName("GetExamination");

        g.MapPost("/{id:guid}/examiner", (Guid id, HttpContext http, AssignExaminerRequest body, AssignExaminer handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.examiner", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("AssignExaminer");

        g.MapPost("/{id:guid}/session", (Guid id, HttpContext http, RecordSessionRequest body, RecordSession handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.session", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordExaminationSession");

        g.MapPost("/{id:guid}/consent", (Guid id, HttpContext http, RecordConsentRequest body, RecordConsent handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.consent", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordExaminationConsent");

        g.MapPost("/{id:guid}/sections/{section}", (Guid id, string section, HttpContext http, RecordSectionRequest body, RecordSection handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.section", new { id, section, body }, ct => handler.HandleAsync(id, section, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordExaminationSection");

        g.MapPost("/{id:guid}/findings", (Guid id, HttpContext http, RecordFindingRequest body, RecordFinding handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.finding", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("RecordExaminationFinding");

        g.MapPost("/{id:guid}/seal", (Guid id, HttpContext http, SealExaminationRequest body, SealExamination handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.seal", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("SealExamination");

        g.MapPost("/{id:guid}/amendments", (Guid id, HttpContext http, AmendExaminationRequest body, AmendExamination handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.amend", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .WithName("AmendExamination");
        app.MapExaminationPhotos();
        app.MapExaminationShares();
        app.MapSharedPhotos();
        return app;
    }
}
