using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record SuggestRequest(bool? OfficialCapacity, List<string>? Purposes, List<string>? Aggravating);

internal static class CaseEndpoints
{
    /// <summary>A report's narrative may be long; nothing else is.</summary>
    public const long MaxReportBytes = 256 * 1024;
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<ReceiveReport>();
        services.AddScoped<GetReport>();
        services.AddScoped<RegisterReport>();
        services.AddScoped<GetCase>();
        services.AddScoped<RequalifyCase>();
        services.AddScoped<DecideConflict>();
        services.AddScoped<AcceptReferral>();
        services.AddScoped<RecordCaseStage>();
        services.AddHostedService<CaseScanner>();
        services.AddScoped<ICustodyEventSubscriber, ReportFromCustody>();
        services.AddScoped<ILinkedReports, LinkedReports>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, CaseAudit>();
        services.AddLoggedState(CaseLedger.ReportState);
        services.AddSingleton(new Data.NumberSeries(Data.NumberAllocator.Reports, (db, ct) => db.Set<Report>().MaxAsync(r => (long?)r.Seq, ct)));
        services.AddLoggedState(CaseLedger.CaseState);
        services.AddLoggedState(CaseLedger.ReferralState);
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports");

        reports.MapPost("/", (HttpContext http, ReceiveReportRequest body, ReceiveReport handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reports.receive", body, ct => handler.HandleAsync(body, http.User, ct)))
            .RequireAuthorization(Permissions.ReceiveReports)
            .WithMetadata(new BodyLimit(MaxReportBytes))
            .Produces<ReportView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("ReceiveReport");

        reports.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetReport handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewReports)
            .Produces<ReportView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetReport");

        reports.MapGet("/", (string? region, string? status, Guid? detentionId, string? cursor, ClaimsPrincipal user, GetReport handler, CancellationToken ct) =>
                handler.ListAsync(region, status, detentionId, cursor, user, ct))
            .RequireAuthorization(Permissions.ViewReports)
            .Produces<Page<ReportSummary>>()
            .WithName("ListReports");

        reports.MapPost("/{id:guid}/register", (Guid id, HttpContext http, RegisterReportRequest body, RegisterReport handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reports.register", new { id, body }, ct => handler.RegisterAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterReports)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .Produces<RegisteredView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RegisterReport");

        reports.MapPost("/{id:guid}/refuse", (Guid id, HttpContext http, RefuseReportRequest body, RegisterReport handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reports.refuse", new { id, body }, ct => handler.RefuseAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RegisterReports)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .Produces<ReportView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RefuseReport");

        app.MapPost("/api/v1/qualification/suggest", (SuggestRequest body, Rules.RulePackCatalog rules, TimeProvider clock) =>
            {
                var v = new Validation();
                var suggestion = RegisterReport.Suggest(v, rules.At(clock.GetUtcNow()), new QualificationInput(body.OfficialCapacity, body.Purposes, body.Aggravating));
                return v.IsValid ? Results.Ok(suggestion) : v.Problem();
            })
            .RequireAuthorization(Permissions.RegisterReports)
            .WithTags("Cases")
            .Produces<QualificationSuggestion>()
            .ProducesValidationProblem()
            .WithName("SuggestQualification");

        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases");

        cases.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetCase handler, CancellationToken ct) => handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewCases)
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCase");

        cases.MapPost("/{id:guid}/requalify", (Guid id, HttpContext http, RequalifyCaseRequest body, RequalifyCase handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.requalify", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.SuperviseCases)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .Produces<RequalifiedView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("RequalifyCase");

        cases.MapPost("/{id:guid}/conflict", (Guid id, HttpContext http, DecideConflictRequest body, DecideConflict handler, CommandRunner runner) =>
                runner.CreateAsync(http, "cases.conflict", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.SuperviseCases)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .Produces<ConflictDecidedView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("DecideConflict");

        cases.MapPost("/{id:guid}/stages", async (Guid id, HttpContext http, RecordStageRequest body, RecordCaseStage handler, CommandRunner runner) =>
            {
                var result = await runner.CreateAsync(http, "cases.stages", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct));
                await handler.RaiseRefusedAttemptAsync(http.RequestAborted);
                return result;
            })
            .RequireAuthorization(Permissions.RecordCaseStages)
            .WithMetadata(new BodyLimit(MaxBodyBytes))
            .Produces<StageRecordedView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("RecordCaseStage");

        var referrals = app.MapGroup("/api/v1/referrals").WithTags("Cases");

        referrals.MapGet("/", async (string? cursor, ClaimsPrincipal user, GetCase handler, CancellationToken ct) =>
            {
                var v = new Validation();
                var after = v.InstantCursor("cursor", cursor);
                return v.IsValid ? Results.Ok(await handler.InboxAsync(user, after, ct)) : v.Problem();
            })
            .RequireAuthorization(Permissions.AcceptReferrals)
            .Produces<Page<ReferralSummary>>()
            .ProducesValidationProblem()
            .WithName("ReferralInbox");

        referrals.MapPost("/{id:guid}/accept", (Guid id, HttpContext http, AcceptReferral handler, CommandRunner runner) =>
                runner.CreateAsync(http, "referrals.accept", new { id }, ct => handler.HandleAsync(id, http.User, ct)))
            .RequireAuthorization(Permissions.AcceptReferrals)
            .Produces<ReferralView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("AcceptReferral");

        return app;
    }
}
