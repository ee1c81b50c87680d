using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

public sealed record EvidenceAdded(Guid Id, Guid MeasureId, string Sha256, long Size, string MediaType);

/// <summary>
/// Keeps a document as evidence of a measure: the file is written first, outside the transaction (as examination
/// photographs are, ADR 0027, L10), then the row with its SHA-256 is committed and logged; a file this request wrote
/// is taken back when no row came of it.
/// </summary>
public sealed class AddMeasureEvidence(AigaqDb db, EvidenceStore store, AccessLog log, TimeProvider clock, ILogger<AddMeasureEvidence> logger)
{
    public const int MaxFileName = 255;

    public async Task<Outcome<EvidenceAdded>> HandleAsync(Guid id, Guid measureId, EvidenceUpload upload, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Set<RecommendationMeasure>().AnyAsync(m => m.Id == measureId && m.RecommendationId == id, ct))
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The measure"));
        }

        var now = clock.GetUtcNow();
        var evidence = new MeasureEvidence
        {
            Id = Guid.CreateVersion7(now),
            MeasureId = measureId,
            Sha256 = upload.Sha256,
            Size = upload.Bytes.LongLength,
            MediaType = upload.MediaType,
            FileName = upload.FileName,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(evidence);
        LedgerWriter.Append(db, MeasureLedger.EvidenceAdded, evidence.Id, now, MeasureLedger.Content(evidence));
        log.Add(user, "recommendation.measure.evidence", measureId.ToString(), "allowed");
        return Outcome<EvidenceAdded>.Created(
            () => new EvidenceAdded(evidence.Id, measureId, evidence.Sha256, evidence.Size, evidence.MediaType),
            $"/api/v1/recommendations/{id}/measures/{measureId}/evidence/{evidence.Id}");
    }

    /// <summary>Writes the file before the transaction: null when it is on disk (<c>Written</c>: by this call), else a 503.</summary>
    public async Task<(IResult? Problem, bool Written)> StoreAsync(EvidenceUpload upload, CancellationToken ct)
    {
        try
        {
            return (null, (await store.SaveAsync(upload.Bytes, ct)).Written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The evidence store could not write a file ({Error}): answered 503", e.GetType().Name);
            return (Unavailable("The evidence store cannot be used now; nothing was saved. Try again later."), false);
        }
    }

    /// <summary>After the transaction: the file this request wrote is removed when no row names it.</summary>
    public async Task ForgetIfUnrecordedAsync(string sha256, CancellationToken ct)
    {
        if (await db.Set<MeasureEvidence>().AnyAsync(e => e.Sha256 == sha256, ct))
        {
            return;
        }

        try
        {
            store.Remove(sha256);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("An unrecorded evidence file could not be removed ({Error})", e.GetType().Name);
        }
    }

    internal static IResult Unavailable(string title) =>
        Results.Problem(type: ProblemTypes.Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable, title: title);
}
