using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>
/// The anonymous reporter's API (issue 15, item 8; ADR 0025), open to anyone and keeping no client address, and the
/// staff's side of the thread under the report.
/// </summary>
internal static class AnonymousEndpoints
{
    public static IServiceCollection AddAnonymousChannel(this IServiceCollection services)
    {
        services.AddOptions<AnonymousOptions>().BindConfiguration(AnonymousOptions.Section)
            .Validate(o => o.IsValid(), "Aigaq:Anonymous limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ReceiptKey>();
        services.AddSingleton<ReceiptLimits>();
        services.AddScoped<ReportAnonymously>();
        services.AddScoped<OpenInbox>();
        services.AddScoped<WriteToStaff>();
        services.AddScoped<AnswerReporter>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, AnonymousAudit>();
        return services;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/anonymous-reports").WithTags("Anonymous reports")
            .AllowAnonymous()
            .WithMetadata(new NoClientAddressAttribute())
            // A receipt code, or an inbox's messages, are kept by no cache on the way or on the device.
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });

        open.MapPost("/", async (HttpContext http, AnonymousReportRequest body, ReportAnonymously handler, UnitOfWork unit, ReceiptKey receipts, ReceiptLimits limits) =>
            {
                if (!limits.TryReport(http.Connection.RemoteIpAddress, out var after))
                {
                    return new CommandAnswer<AnonymousReportReceipt>(Limited(http, after, "Too many reports were sent from your address; try again later."));
                }

                if (KeyOf(http, "anonymous-reports.submit", receipts, body) is not { } key)
                {
                    return new CommandAnswer<AnonymousReportReceipt>(BadKey());
                }

                // The code is shown in this answer only: the stored answer a retry gets has none.
                AnonymousReportReceipt? shown = null;
                var result = await unit.RunAsync(
                    key.Command, WriteMode.Transaction, ct => handler.HandleAsync(body, ct),
                    (outcome, value) =>
                    {
                        shown = value;
                        return (outcome.Location!, JsonSerializer.Serialize(value with { Receipt = null }, Json.Options));
                    },
                    http.RequestAborted);
                return new CommandAnswer<AnonymousReportReceipt>(Reply(result, shown));
            })
            .WithMetadata(new BodyLimit(Cases.CasesModule.MaxReportBytes))
            .WithName("ReportAnonymously");

        open.MapPost("/inbox", async (HttpContext http, InboxRequest body, OpenInbox handler, ReceiptLimits limits) =>
                limits.TryTake(http.Connection.RemoteIpAddress, out var after)
                    ? await handler.HandleAsync(body, http.RequestAborted)
                    : new Data.ProblemResult(Limited(http, after, "Too many receipt codes were tried from your address; try again later.")))
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("OpenAnonymousInbox");

        open.MapPost("/messages", async (HttpContext http, ReporterMessageRequest body, WriteToStaff handler, UnitOfWork unit, ReceiptKey receipts, ReceiptLimits limits) =>
            {
                if (!limits.TryTake(http.Connection.RemoteIpAddress, out var after))
                {
                    return new CommandAnswer<ReporterMessageSent>(Limited(http, after, "Too many receipt codes were tried from your address; try again later."));
                }

                if (KeyOf(http, "anonymous-reports.message", receipts, body) is not { } key)
                {
                    return new CommandAnswer<ReporterMessageSent>(BadKey());
                }

                var result = await unit.RunAsync(
                    key.Command, WriteMode.Transaction, ct => handler.HandleAsync(body, ct),
                    (outcome, value) => (outcome.Location!, JsonSerializer.Serialize(value, Json.Options)), http.RequestAborted);
                return new CommandAnswer<ReporterMessageSent>(Reply<ReporterMessageSent>(result, null));
            })
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("WriteToStaff");

        var thread = app.MapGroup("/api/v1/reports/{id:guid}/messages").WithTags("Reports");
        thread.MapGet("/", (Guid id, ClaimsPrincipal user, AnswerReporter handler, CancellationToken ct) => handler.GetAsync(id, user, ct))
            .RequireAuthorization(Permissions.ViewReports)
            .WithName("ListReporterMessages");
        thread.MapPost("/", (Guid id, HttpContext http, StaffMessageRequest body, AnswerReporter handler, CommandRunner runner) =>
                runner.CreateAsync(http, "reports.messages.answer", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ViewReports)
            .WithMetadata(new BodyLimit(ProtectionModule.MaxBodyBytes))
            .WithName("AnswerReporter");
    }

    /// <summary>
    /// The idempotency key of a public request, under the public actor: its digest is keyed (<see cref="ReceiptKey.OfRequest"/>),
    /// since the body holds a receipt code or an account of torture. Null when the header is given but is not a key.
    /// </summary>
    private static PublicKey? KeyOf(HttpContext http, string operation, ReceiptKey receipts, object body)
    {
        string? key = http.Request.Headers[CommandRunner.Header];
        if (key is { Length: 0 or > UnitOfWork.MaxKeyLength })
        {
            return null;
        }

        return new PublicKey(key is null ? null : new CommandKey(
            AnonymousChannel.PublicActor, key, operation, receipts.OfRequest(new { operation, body }), StatusCodes.Status201Created));
    }

    private static IResult Reply<T>(UnitResult result, T? shown)
        where T : class => result switch
        {
            UnitResult.Stored { Replayed: false } stored when shown is not null => new CommandRunner.RawCreated(stored.Location, JsonSerializer.Serialize(shown, Json.Options), false),
            UnitResult.Stored stored => new CommandRunner.RawCreated(stored.Location, stored.Body, stored.Replayed),
            UnitResult.Refused refused => refused.Problem,
            _ => CommandRunner.KeyReused(),
        };

    private static IResult BadKey() => Results.ValidationProblem(
        new Dictionary<string, string[]> { [CommandRunner.Header] = [$"must be 1 to {UnitOfWork.MaxKeyLength} characters"] }, type: ProblemTypes.Validation);

    public static IResult Limited(HttpContext http, TimeSpan after, string title)
    {
        http.Response.Headers.RetryAfter = Detentions.PublicCustodyLookup.Seconds(after);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: ProblemTypes.RateLimited, title: title);
    }

    private sealed record PublicKey(CommandKey? Command);
}
