using Aigaq.Access;
using Aigaq.Web;
using Microsoft.Extensions.Options;

namespace Aigaq.Recommendations;

/// <summary>
/// Measures on a recommendation (issue 18, item 2; ADR 0032 addendum): recorded with a first status, later statuses
/// appended, evidence files kept with their SHA-256. Registered by <see cref="RecommendationsModule"/>.
/// </summary>
internal static class MeasureEndpoints
{
    /// <summary>Room in an evidence request for the multipart framing.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static IServiceCollection AddMeasures(this IServiceCollection services)
    {
        services.AddOptions<MeasureEvidenceOptions>().BindConfiguration("Aigaq:Recommendations");
        services.AddSingleton<EvidenceStore>();
        services.AddScoped<AddMeasure>();
        services.AddScoped<ChangeMeasureStatus>();
        services.AddScoped<AddMeasureEvidence>();
        services.AddScoped<ReadMeasureEvidence>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, MeasureAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recommendations").WithTags("Recommendations");
        var maxEvidence = app.ServiceProvider.GetRequiredService<IOptions<MeasureEvidenceOptions>>().Value.MaxEvidenceBytes;

        group.MapPost("/{id:guid}/measures", (Guid id, HttpContext http, AddMeasureRequest body, AddMeasure handler, CommandRunner runner) =>
                runner.CreateAsync(http, "recommendations.measure", new { id, body }, ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithMetadata(new BodyLimit(RecommendationsModule.MaxBodyBytes))
            .WithName("AddRecommendationMeasure");

        group.MapPost("/{id:guid}/measures/{measureId:guid}/status", (Guid id, Guid measureId, HttpContext http, ChangeMeasureStatusRequest body, ChangeMeasureStatus handler, CommandRunner runner) =>
                runner.CreateAsync(http, "recommendations.measure.status", new { id, measureId, body }, ct => handler.HandleAsync(id, measureId, body, http.User, ct)))
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithMetadata(new BodyLimit(RecommendationsModule.MaxBodyBytes))
            .WithName("ChangeRecommendationMeasureStatus");

        // The idempotency record hashes the file's SHA-256 and name (EvidenceUpload.Digest), never its bytes.
        group.MapPost("/{id:guid}/measures/{measureId:guid}/evidence", async (Guid id, Guid measureId, HttpContext http, AddMeasureEvidence handler, CommandRunner runner) =>
            {
                var (upload, problem) = await ReadEvidenceUpload.ReadAsync(http.Request, maxEvidence, http.RequestAborted);
                if (upload is null)
                {
                    return problem!;
                }

                var (unstored, written) = await handler.StoreAsync(upload, http.RequestAborted);
                if (unstored is not null)
                {
                    return unstored;
                }

                try
                {
                    return await runner.CreateAsync(http, "recommendations.measure.evidence", upload.Digest(id, measureId), ct => handler.HandleAsync(id, measureId, upload, http.User, ct));
                }
                finally
                {
                    if (written)
                    {
                        await handler.ForgetIfUnrecordedAsync(upload.Sha256, CancellationToken.None);
                    }
                }
            })
            .RequireAuthorization(Permissions.RecordRecommendations)
            .WithMetadata(new BodyLimit(maxEvidence + FormOverheadBytes))
            .Produces<EvidenceAdded>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("AddRecommendationMeasureEvidence");

        group.MapGet("/{id:guid}/measures/{measureId:guid}/evidence/{evidenceId:guid}", async (Guid id, Guid measureId, Guid evidenceId, HttpContext http, ReadMeasureEvidence handler) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return await handler.HandleAsync(id, measureId, evidenceId, http.User, http.RequestAborted);
            })
            .RequireAuthorization(Permissions.ViewRecommendations)
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png", "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetRecommendationMeasureEvidence");
        return app;
    }
}
