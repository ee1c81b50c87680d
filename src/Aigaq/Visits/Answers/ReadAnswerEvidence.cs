using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Answers;

/// <summary>
/// Serves a file attached to a checklist answer to those who may read the visit (<see cref="Visit.Readable"/>; 404 alike
/// for none and another region's), checked against its SHA-256. Every read, and every refusal, is an access-log entry. A
/// file missing or altered is not served (503): the row's digest no longer matches the disk.
/// </summary>
public sealed class ReadAnswerEvidence(AigaqDb db, VisitEvidenceStore store, AccessLog log, ILogger<ReadAnswerEvidence> logger)
{
    private const string Action = "visit.checklist.evidence.read";

    public async Task<IResult> HandleAsync(Guid visitId, Guid evidenceId, ClaimsPrincipal user, CancellationToken ct)
    {
        var readable = Visit.Readable(db.Set<Visit>(), user).Where(v => v.Id == visitId);
        var evidence = await db.Set<VisitAnswerEvidence>().AsNoTracking()
            .Where(e => e.Id == evidenceId && e.VisitId == visitId && readable.Any())
            .FirstOrDefaultAsync(ct);
        if (evidence is null)
        {
            log.Add(user, Action, evidenceId.ToString(), "notFound");
            await db.SaveChangesAsync(ct);
            return ProblemTypes.NotFoundProblem("The evidence");
        }

        byte[]? bytes;
        try
        {
            bytes = (await store.ReadAsync(evidence.Sha256, ct)).Bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The visit evidence store could not read a file ({Error}): answered 503", e.GetType().Name);
            bytes = null;
        }

        log.Add(user, Action, evidence.Id.ToString(), bytes is null ? "failed:store" : "allowed");
        await db.SaveChangesAsync(ct);
        if (bytes is null)
        {
            return AddAnswerEvidence.Unavailable("The evidence file is missing or no longer matches its record, so it is not served.");
        }

        return Results.File(bytes, evidence.MediaType, "visit-evidence-" + evidence.Id.ToString("N")[..12] + Extension(evidence.MediaType));
    }

    private static string Extension(string mediaType) => mediaType switch
    {
        "application/pdf" => ".pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        _ => ".txt",
    };
}
