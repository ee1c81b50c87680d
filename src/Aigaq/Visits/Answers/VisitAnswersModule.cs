using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Recommendations;
using Aigaq.Web;
using Microsoft.Extensions.Options;

namespace Aigaq.Visits.Answers;

/// <summary>The visit's checklist answers and its end (issue 17, item 6 and "visit done"; ADR 0030, addendum).</summary>
internal static class VisitAnswersModule
{
    /// <summary>A whole checklist answered at once, each text answer at its longest, with notes.</summary>
    public const long AnswersBodyBytes = 1024 * 1024;

    /// <summary>Room in an evidence request for the multipart framing.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static IServiceCollection AddVisitAnswers(this IServiceCollection services)
    {
        services.AddScoped<RecordChecklistAnswers>();
        services.AddScoped<RecordDeparture>();
        services.AddOptions<VisitEvidenceOptions>().BindConfiguration(VisitEvidenceOptions.Section)
            .Validate(o => o.MaxEvidenceBytes > 0, "Aigaq:Visits:MaxEvidenceBytes must be positive.").ValidateOnStart();
        services.AddSingleton<VisitEvidenceStore>();
        services.AddScoped<AddAnswerEvidence>();
        services.AddScoped<ReadAnswerEvidence>();
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

        var maxEvidence = app.ServiceProvider.GetRequiredService<IOptions<VisitEvidenceOptions>>().Value.MaxEvidenceBytes;

        // The idempotency record hashes the file's SHA-256 (AnswerEvidenceUpload.Digest), never its bytes.
        visits.MapPost("/{id:guid}/checklist-answers/{itemId}/evidence", async (Guid id, string itemId, HttpContext http, AddAnswerEvidence handler, CommandRunner runner) =>
            {
                var (sent, unread) = await ReadEvidenceUpload.ReadAsync(http.Request, maxEvidence, http.RequestAborted);
                if (sent is null)
                {
                    return unread!;
                }

                var (upload, problem) = AnswerEvidenceUpload.From(sent);
                if (upload is null)
                {
                    return problem!;
                }

                // A refused request leaves nothing on the disk: every check first, again in the transaction. Through the
                // runner all the same, so that a retry of a stored request is answered as before.
                if ((await handler.RefusedAsync(id, itemId, http.User, http.RequestAborted)).Answer is null)
                {
                    return await runner.CreateAsync(http, "visits.checklist-evidence", upload.Digest(id, itemId), async ct =>
                    {
                        var (answer, refusal) = await handler.RefusedAsync(id, itemId, http.User, ct);
                        return answer is null
                            ? (Outcome<AnswerEvidenceAdded>)refusal
                            : new ProblemResult(ProblemTypes.ConflictProblem("The visit changed while the file was sent: send it again."));
                    });
                }

                // The file first, outside the transaction; taken back if no row came of it. The same file sent twice at
                // once takes turns, so that one request's taking back never removes the file the other's row names.
                using var turn = await ContentStore.TurnAsync(upload.Sha256, http.RequestAborted);
                var (unstored, written) = await handler.StoreAsync(upload, http.RequestAborted);
                if (unstored is not null)
                {
                    return unstored;
                }

                try
                {
                    return await runner.CreateAsync(http, "visits.checklist-evidence", upload.Digest(id, itemId), ct => handler.HandleAsync(id, itemId, upload, http.User, ct));
                }
                finally
                {
                    if (written)
                    {
                        await handler.ForgetIfUnrecordedAsync(upload.Sha256, CancellationToken.None);
                    }
                }
            })
            .RequireAuthorization(Permissions.RecordVisits)
            .WithMetadata(new BodyLimit(maxEvidence + FormOverheadBytes))
            .Produces<AnswerEvidenceAdded>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("AddChecklistAnswerEvidence");

        visits.MapGet("/{id:guid}/evidence/{evidenceId:guid}", async (Guid id, Guid evidenceId, HttpContext http, ReadAnswerEvidence handler) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return await handler.HandleAsync(id, evidenceId, http.User, http.RequestAborted);
            })
            .RequireAuthorization(Permissions.ViewVisits)
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "application/pdf", "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetChecklistAnswerEvidence");
        return app;
    }
}
