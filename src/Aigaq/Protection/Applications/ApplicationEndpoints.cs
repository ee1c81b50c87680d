using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Protection applications, decisions, appeals, measures and follow-up contacts (issue 15, items 5 and 7). Writing takes
/// <see cref="Permissions.ManageProtection"/> (the protection officer, for the persons of their region); reading an
/// application or a person's contacts takes what reading the person takes, in the same scope, and is logged.
/// </summary>
internal static class ApplicationEndpoints
{
    public static IServiceCollection AddProtectionApplications(this IServiceCollection services)
    {
        services.AddScoped<FileProtectionApplication>();
        services.AddScoped<DecideProtectionApplication>();
        services.AddScoped<AppealProtectionDecision>();
        services.AddScoped<ChangeProtectionMeasure>();
        services.AddScoped<RecordFollowUpContact>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ProtectionApplicationsAudit>();
        services.AddHostedService<ProtectionScanner>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/v1/protected-persons").WithTags("Protection");

        persons.MapPost("/{id:guid}/applications", (Guid id, HttpContext http, FileProtectionApplicationRequest body, FileProtectionApplication handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protection-applications.file", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageProtection)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("FileProtectionApplication");

        persons.MapPost("/{id:guid}/contacts", (Guid id, HttpContext http, RecordFollowUpContactRequest body, RecordFollowUpContact handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protection-contacts.record", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageProtection)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("RecordFollowUpContact");

        persons.MapGet("/{id:guid}/contacts", (Guid id, ClaimsPrincipal user, RecordFollowUpContact handler, CancellationToken ct) => handler.ListAsync(id, user, ct))
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithName("ListFollowUpContacts");

        var applications = app.MapGroup("/api/v1/protection-applications").WithTags("Protection");

        applications.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, Data.AigaqDb db, AccessLog log, CancellationToken ct) =>
            {
                if (!await ProtectionApplications.Visible(db, user).AnyAsync(a => a.Id == id, ct))
                {
                    return Found<ProtectionApplicationView>.Of(null, "The protection application");
                }

                var view = await ProtectionApplications.OneAsync(db, id, ct);
                log.Add(user, "protection.application.read", id.ToString(), "allowed");
                await db.SaveChangesAsync(ct);
                return Found<ProtectionApplicationView>.Of(view, "The protection application");
            })
            .RequireAuthorization(Permissions.RegisterProtectedPersons)
            .WithName("GetProtectionApplication");

        applications.MapPost("/{id:guid}/decide", (Guid id, HttpContext http, DecideProtectionApplicationRequest body, DecideProtectionApplication handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protection-applications.decide", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageProtection)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("DecideProtectionApplication");

        applications.MapPost("/{id:guid}/appeals", (Guid id, HttpContext http, AppealProtectionDecisionRequest body, AppealProtectionDecision handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protection-applications.appeal", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageProtection)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("AppealProtectionDecision");

        app.MapGroup("/api/v1/protection-appeals").WithTags("Protection")
            .MapPost("/{id:guid}/decide", (Guid id, HttpContext http, DecideProtectionApplicationRequest body, DecideProtectionApplication handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protection-appeals.decide", new { id, body }, ct => handler.HandleAppealAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageProtection)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("DecideProtectionAppeal");

        app.MapGroup("/api/v1/protection-measures").WithTags("Protection")
            .MapPost("/{id:guid}/changes", (Guid id, HttpContext http, ChangeProtectionMeasureRequest body, ChangeProtectionMeasure handler, CommandRunner runner) =>
                runner.CreateAsync(http, "protection-measures.change", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageProtection)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("ChangeProtectionMeasure");
    }
}
