using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>
/// The photographs of an examination (issue 16, items 5 and 9; ADR 0027): taken in by the examiner, served stripped to
/// readers of the medical content, the original to the examiner. Registered by <see cref="ExaminationsModule"/>.
/// </summary>
internal static class ExaminationPhotoEndpoints
{
    /// <summary>Room in a photograph's request for the multipart framing and the form's other fields.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    public static IServiceCollection AddExaminationPhotos(this IServiceCollection services)
    {
        services.AddScoped<AddExaminationPhoto>();
        services.AddScoped<ReadExaminationPhoto>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, ExaminationPhotoAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapExaminationPhotos(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/examinations").WithTags("Examinations");
        var maxPhoto = app.ServiceProvider.GetRequiredService<IOptions<AigaqOptions>>().Value.Examinations.MaxPhotoBytes;

        // The idempotency record hashes the photograph's SHA-256 and flags (PhotoUpload.Digest), never its bytes.
        g.MapPost("/{id:guid}/photos", async (Guid id, HttpContext http, PhotoIntake intake, AddExaminationPhoto handler, CommandRunner runner) =>
            {
                var (upload, problem) = await ReadPhotoUpload.ReadAsync(http.Request, intake, http.RequestAborted);
                if (upload is null)
                {
                    return problem!;
                }

                // A refused request leaves nothing on the disk (review L1): every check first, again in the transaction.
                // Through the runner all the same, so that a retry of a stored request is answered as before; its command
                // never stores a row without the file, even if the checks pass by then.
                if ((await handler.RefusedAsync(id, upload, http.User, http.RequestAborted)).Open is null)
                {
                    return await runner.CreateAsync(http, "examinations.photo", upload.Digest(id), async ct =>
                    {
                        var (open, problem) = await handler.RefusedAsync(id, upload, http.User, ct);
                        return open is null
                            ? (Outcome<PhotoAdded>)problem
                            : new ProblemResult(ProblemTypes.ConflictProblem("The examination changed while the photograph was sent: send it again."));
                    });
                }

                // The file first, outside the transaction (L10); taken back if no row came of it, whatever the reason. The
                // same photograph sent twice at once takes turns here (review M2), so that one request's taking back never
                // removes the file the other's row names.
                using var turn = await Data.ContentStore.TurnAsync(upload.Photo.Sha256, http.RequestAborted);
                var (unstored, written) = await handler.StoreAsync(upload.Photo, http.RequestAborted);
                if (unstored is not null)
                {
                    return unstored;
                }

                try
                {
                    return await runner.CreateAsync(http, "examinations.photo", upload.Digest(id), ct => handler.HandleAsync(id, upload, http.User, ct));
                }
                finally
                {
                    if (written)
                    {
                        await handler.ForgetIfUnrecordedAsync(upload.Photo.Sha256, CancellationToken.None);
                    }
                }
            })
            .RequireAuthorization(Permissions.RecordExaminations)
            .WithMetadata(new BodyLimit(maxPhoto + FormOverheadBytes))
            .Produces<PhotoAdded>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("AddExaminationPhoto");

        g.MapGet("/{id:guid}/photos/{photoId:guid}", (Guid id, Guid photoId, HttpContext http, ReadExaminationPhoto handler) =>
                Serve(http, handler.HandleAsync(id, photoId, original: false, http.User, http.RequestAborted)))
            .RequireAuthorization(Permissions.RequestExaminations)
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetExaminationPhoto");

        g.MapGet("/{id:guid}/photos/{photoId:guid}/original", (Guid id, Guid photoId, HttpContext http, ReadExaminationPhoto handler) =>
                Serve(http, handler.HandleAsync(id, photoId, original: true, http.User, http.RequestAborted)))
            .RequireAuthorization(Permissions.RecordExaminations)
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetExaminationPhotoOriginal");
        return app;
    }

    /// <summary>A photograph, or its refusal, is never kept by a cache on the way.</summary>
    private static async Task<IResult> Serve(HttpContext http, Task<IResult> answer)
    {
        http.Response.Headers.CacheControl = "no-store";
        return await answer;
    }
}
