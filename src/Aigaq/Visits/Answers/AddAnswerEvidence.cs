using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Examinations;
using Aigaq.Recommendations;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Answers;

/// <summary>
/// A file sent to <c>POST /api/v1/visits/{id}/checklist-answers/{itemId}/evidence</c>, as kept: a photograph without its
/// metadata, a document as sent.
/// </summary>
public sealed record AnswerEvidenceUpload(byte[] Bytes, string Sha256, string MediaType, bool MetadataRemoved)
{
    /// <summary>What the idempotency record hashes: the file's digest, never its bytes.</summary>
    public object Digest(Guid id, string itemId) => new { id, itemId, Sha256, MediaType };

    /// <summary>
    /// The file as it is kept: the measures' evidence types (told by their first bytes, <see cref="ReadEvidenceUpload"/>),
    /// a JPEG or PNG without the blocks that say where, when and with what it was taken, as the examination photo intake
    /// makes its shared copy (<see cref="StripPhotoMetadata"/>: the same pixels, byte for byte). A problem names <c>file</c>.
    /// </summary>
    public static (AnswerEvidenceUpload? Upload, IResult? Problem) From(EvidenceUpload sent)
    {
        if (PhotoFormats.Sniff(sent.Bytes) is not { } format)
        {
            return (new AnswerEvidenceUpload(sent.Bytes, sent.Sha256, sent.MediaType, false), null);
        }

        if (StripPhotoMetadata.Strip(format, sent.Bytes) is not { } stripped)
        {
            var v = new Validation();
            v.Add(ReadEvidenceUpload.Field, "is not a whole image");
            return (null, v.Problem());
        }

        return (new AnswerEvidenceUpload(
            stripped, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stripped)), format.MediaType(), stripped.Length != sent.Bytes.Length), null);
    }
}

public sealed record AnswerEvidenceAdded(Guid Id, Guid VisitId, string ItemId, int Revision, string Sha256, long Size, string MediaType);

/// <summary>
/// Attaches a photograph or a document to the current answer of a checklist item (issue 17, item 6): fieldwork, so the
/// team approved and arrived and not yet left (409 <c>departure</c> after). The file is written first, outside the
/// transaction, as examination photographs are (ADR 0027, L10), then the row with its SHA-256 is committed and logged; a
/// file this request wrote is taken back when no row came of it.
/// </summary>
public sealed class AddAnswerEvidence(AigaqDb db, VisitEvidenceStore store, RulePackCatalog rules, AccessLog log, TimeProvider clock, ILogger<AddAnswerEvidence> logger)
{
    public async Task<Outcome<AnswerEvidenceAdded>> HandleAsync(Guid visitId, string itemId, AnswerEvidenceUpload upload, ClaimsPrincipal user, CancellationToken ct)
    {
        var (answer, problem) = await RefusedAsync(visitId, itemId, user, ct);
        if (answer is null)
        {
            return problem;
        }

        if (await db.Set<VisitAnswerEvidence>().AnyAsync(e => e.AnswerId == answer.Id && e.Sha256 == upload.Sha256, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("This file is already attached to the answer.", ReadEvidenceUpload.Field));
        }

        var now = clock.GetUtcNow();
        var evidence = new VisitAnswerEvidence
        {
            Id = Guid.CreateVersion7(now),
            VisitId = visitId,
            AnswerId = answer.Id,
            ItemId = answer.ItemId,
            Revision = answer.Revision,
            Sha256 = upload.Sha256,
            Size = upload.Bytes.LongLength,
            MediaType = upload.MediaType,
            MetadataRemoved = upload.MetadataRemoved,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(evidence);
        LedgerWriter.Append(db, AnswerLedger.EvidenceAttached, evidence.Id, now, AnswerLedger.Content(evidence));
        log.Add(user, "visit.checklist.evidence", visitId.ToString(), "allowed");
        return Outcome<AnswerEvidenceAdded>.Created(
            () => new AnswerEvidenceAdded(evidence.Id, visitId, evidence.ItemId, evidence.Revision, evidence.Sha256, evidence.Size, evidence.MediaType),
            Url(visitId, evidence.Id));
    }

    /// <summary>Where a file attached to an answer is read.</summary>
    public static string Url(Guid visitId, Guid evidenceId) => $"/api/v1/visits/{visitId}/evidence/{evidenceId}";

    /// <summary>
    /// Every check before a file is taken in: the visit readable, the item answered on it (the file goes with its current
    /// answer), the fieldwork open. Run before the file is stored (nothing of a refused request reaches the disk) and again
    /// in the write transaction.
    /// </summary>
    public async Task<(VisitChecklistAnswer? Answer, ProblemResult Problem)> RefusedAsync(Guid visitId, string itemId, ClaimsPrincipal user, CancellationToken ct)
    {
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return (null, new ProblemResult(ProblemTypes.NotFoundProblem("The visit")));
        }

        var pack = rules.At(clock.GetUtcNow());
        if (await VisitFieldwork.UnapprovedAsync(db, visit, pack, ct) is { } unapproved)
        {
            return (null, unapproved);
        }

        if (await VisitFieldwork.NotArrivedAsync(db, visit, ct) is { } notArrived)
        {
            return (null, notArrived);
        }

        var answer = await db.Set<VisitChecklistAnswer>().AsNoTracking().Where(a => a.VisitId == visitId && a.ItemId == itemId)
            .OrderByDescending(a => a.Revision).FirstOrDefaultAsync(ct);
        if (answer is null)
        {
            return (null, new ProblemResult(ProblemTypes.ConflictProblem(
                $"Item {itemId} is not answered on visit {visit.Number}: a file goes with an answer, so the answer comes first.", "itemId")));
        }

        return (answer, default);
    }

    /// <summary>Writes the file before the transaction: null when it is on disk (<c>Written</c>: by this call), else a 503.</summary>
    public async Task<(IResult? Problem, bool Written)> StoreAsync(AnswerEvidenceUpload upload, CancellationToken ct)
    {
        try
        {
            return (null, (await store.SaveAsync(upload.Bytes, ct)).Written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The visit evidence store could not write a file ({Error}): answered 503", e.GetType().Name);
            return (Unavailable("The evidence store cannot be used now; nothing was saved. Try again later."), false);
        }
    }

    /// <summary>After the transaction: the file this request wrote is removed when no row names it.</summary>
    public async Task ForgetIfUnrecordedAsync(string sha256, CancellationToken ct)
    {
        try
        {
            if (!await db.Set<VisitAnswerEvidence>().AnyAsync(e => e.Sha256 == sha256, ct))
            {
                store.Remove(sha256);
            }
        }
        catch (Exception e)
        {
            // Never turns the answer into a 500: an orphan is harmless beside a lost answer, and the log says so.
            logger.LogWarning("An unrecorded visit evidence file could not be removed ({Error})", e.GetType().Name);
        }
    }

    internal static IResult Unavailable(string title) =>
        Results.Problem(type: ProblemTypes.Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable, title: title);
}
