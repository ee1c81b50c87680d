using System.Security.Cryptography;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;

namespace Aigaq.Examinations;

/// <summary>
/// The sealed report as a PDF and read-only shares (issue 16, items 7 and 9; ADR 0027, Shares): the PDF for readers of the
/// medical content, shares made and revoked by the examiner, and the share's public page and PDF, which need no sign-in
/// and keep no client address.
/// </summary>
internal static class ExaminationSharesModule
{
    public static IServiceCollection AddExaminationShares(this IServiceCollection services)
    {
        services.AddScoped<ExaminationReportSource>();
        services.AddScoped<GetExaminationReport>();
        services.AddScoped<ShareExamination>();
        services.AddScoped<RevokeExaminationShare>();
        services.AddScoped<ListExaminationShares>();
        services.AddScoped<OpenExaminationShare>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ExaminationShareAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapExaminationShares(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/examinations").WithTags("Examinations");

        g.MapGet("/{id:guid}/report.pdf", (Guid id, string? lang, HttpContext http, GetExaminationReport handler, CancellationToken ct) =>
                handler.HandleAsync(id, lang, http.User, Detentions.DetentionEndpoints.Site(http.Request), ct))
            .RequireAuthorization(Permissions.RequestExaminations)
            .Produces<Stream>(contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("GetExaminationReport");

        // The token is in this answer only: what a retry with the same Idempotency-Key gets back has no url.
        g.MapPost("/{id:guid}/shares", async (Guid id, HttpContext http, ShareExaminationRequest body, ShareExamination handler, UnitOfWork unit) =>
            {
                string? key = http.Request.Headers[CommandRunner.Header];
                if (key is { Length: 0 or > UnitOfWork.MaxKeyLength })
                {
                    return new CommandAnswer<ExaminationShared>(Results.ValidationProblem(
                        new Dictionary<string, string[]> { [CommandRunner.Header] = [$"must be 1 to {UnitOfWork.MaxKeyLength} characters"] },
                        type: ProblemTypes.Validation));
                }

                var command = key is null ? null : new CommandKey(
                    http.User.RequiredUserId(), key, "examinations.share",
                    Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { id, body }, Json.Options))), StatusCodes.Status201Created);
                ExaminationShared? shown = null;
                var result = await unit.RunAsync(
                    command, WriteMode.Transaction, ct => handler.HandleAsync(id, body, http.User, ct),
                    (outcome, value) =>
                    {
                        shown = value;
                        return (outcome.Location!, JsonSerializer.Serialize(value with { Url = null }, Json.Options));
                    },
                    http.RequestAborted);
                return new CommandAnswer<ExaminationShared>(result switch
                {
                    UnitResult.Stored { Replayed: false } stored when shown is not null =>
                        new CommandRunner.RawCreated(stored.Location, JsonSerializer.Serialize(shown, Json.Options), false),
                    UnitResult.Stored stored => new CommandRunner.RawCreated(stored.Location, stored.Body, stored.Replayed),
                    UnitResult.Refused refused => refused.Problem,
                    _ => CommandRunner.KeyReused(),
                });
            })
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(ExaminationsModule.MaxBodyBytes))
            .WithName("ShareExamination");

        g.MapGet("/{id:guid}/shares", (Guid id, System.Security.Claims.ClaimsPrincipal user, ListExaminationShares handler, CancellationToken ct) =>
                handler.HandleAsync(id, user, ct))
            .RequireAuthorization(Permissions.RecordExaminations)
            .Produces<ShareList>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListExaminationShares");

        g.MapPost("/{id:guid}/shares/{shareId:guid}/revoke", (Guid id, Guid shareId, HttpContext http, RevokeExaminationShareRequest body, RevokeExaminationShare handler, CommandRunner runner) =>
                runner.CreateAsync(http, "examinations.share.revoke", new { id, shareId, body }, ct => handler.HandleAsync(id, shareId, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(ExaminationsModule.MaxBodyBytes))
            .WithName("RevokeExaminationShare");

        // The share's PDF: no sign-in, no address kept, no cache; a token that opens nothing gets the share page's neutral 404.
        app.MapGet(ShareExamination.PathPrefix + "{token}/report.pdf", async (string token, string? lang, HttpContext http, OpenExaminationShare open, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                if (ExaminationReportSource.Language(lang) is not { } language)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = ["must be kk, ru or en"] }, type: ProblemTypes.Validation);
                }

                return await open.PdfAsync(token, language, Detentions.DetentionEndpoints.Site(http.Request), ct) is { } found
                    ? Results.File(found.Pdf, "application/pdf", found.FileName)
                    : new NeutralNotFound();
            })
            .AllowAnonymous()
            .WithMetadata(new NoClientAddressAttribute())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The one answer to a share link that opens nothing, unknown, expired or revoked alike: 404 and a page in the reader's
    /// language that says only that the link opens nothing.
    /// </summary>
    public sealed class NeutralNotFound : IResult
    {
        public const string Title = "This link opens nothing";
        public const string Message = "The link may be mistyped, may have expired or may have been withdrawn. Ask the one who sent it.";

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            httpContext.Response.Headers["X-Robots-Tag"] = "noindex";
            return NoticePage.WriteAsync(httpContext, Title, Message, "/", "Home", httpContext.RequestAborted);
        }
    }
}
