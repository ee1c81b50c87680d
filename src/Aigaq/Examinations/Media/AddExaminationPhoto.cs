using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// A photograph sent to <c>POST /api/v1/examinations/{id}/photos</c>, taken in (<see cref="PhotoIntake"/>) and read from
/// the multipart form (<see cref="ReadPhotoUpload"/>). <see cref="IdentifiesPerson"/> null: the first photograph of the
/// examination identifies the person, a later one does not.
/// </summary>
public sealed record PhotoUpload(TakenPhoto Photo, Guid? FindingId, bool ScaleShown, bool ColourChartShown, bool Intimate, bool? IdentifiesPerson)
{
    /// <summary>What the idempotency record hashes: the photograph by its SHA-256 (already computed), never its bytes again.</summary>
    public object Digest(Guid id) => new { id, sha256 = Photo.Sha256, FindingId, ScaleShown, ColourChartShown, Intimate, IdentifiesPerson };
}

public sealed record PhotoAdded(Guid Id, Guid ExaminationId, int Seq, string Sha256, bool IdentifiesPerson);

/// <summary>
/// Adds a photograph to an examination (issue 16, item 5; ADR 0027): by its examiner only, before the seal (an amendment
/// carries no photograph), with the person's consent to photographs (and to intimate ones, for an intimate photograph),
/// showing a finding of this examination if it names one; then the row and its log entry. The original is stored before
/// the write transaction begins (<see cref="StoreAsync"/>: a content-addressed file, written whole or not at all), so the
/// transaction never waits on the disk, and a file that cannot be written leaves no row; a transaction that then writes
/// no row takes back the file this request wrote (<see cref="ForgetIfUnrecordedAsync"/>), so it leaves no orphan.
/// </summary>
public sealed class AddExaminationPhoto(
    AigaqDb db, ExaminationForms forms, PhotoStore store, AccessLog log, TimeProvider clock, ILogger<AddExaminationPhoto> logger)
{
    public async Task<Outcome<PhotoAdded>> HandleAsync(Guid id, PhotoUpload upload, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await RefusedAsync(id, upload, user, ct);
        if (open is null)
        {
            return problem;
        }

        var seq = (await db.Set<ExaminationPhoto>().Where(p => p.ExaminationId == id).MaxAsync(p => (int?)p.Seq, ct) ?? 0) + 1;
        var now = clock.GetUtcNow();
        var exif = upload.Photo.Exif;
        var photo = new ExaminationPhoto
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            Seq = seq,
            Sha256 = upload.Photo.Sha256,
            Size = upload.Photo.Original.LongLength,
            Format = upload.Photo.Format,
            CameraTime = exif.CameraTimeText,
            Device = exif.Device,
            Software = exif.Software,
            GpsPresent = exif.GpsPresent,
            Orientation = exif.Orientation,
            MetadataPresent = exif.Metadata,
            ScaleShown = upload.ScaleShown,
            ColourChartShown = upload.ColourChartShown,
            Intimate = upload.Intimate,
            IdentifiesPerson = upload.IdentifiesPerson ?? seq == 1,
            FindingId = upload.FindingId,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(photo);
        LedgerWriter.Append(db, ExaminationPhotoLedger.Kind, photo.Id, now, ExaminationPhotoLedger.Content(photo));
        log.Add(user, "examination.photo", id.ToString(), "allowed");
        return Outcome<PhotoAdded>.Created(
            () => new PhotoAdded(photo.Id, id, seq, photo.Sha256, photo.IdentifiesPerson), $"/api/v1/examinations/{id}/photos/{photo.Id}");
    }

    /// <summary>
    /// Every check before a photograph is taken in: the examination open to this examiner, the finding its own, the
    /// person's consent. Run before the original is stored (review L1: nothing of a refused request reaches the disk) and
    /// again in the write transaction, where the examination's row is taken first.
    /// </summary>
    public async Task<(Writable? Open, ProblemResult Problem)> RefusedAsync(Guid id, PhotoUpload upload, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "photos", ct);
        if (open is null)
        {
            return (null, problem);
        }

        if (upload.FindingId is { } findingId && !await db.Set<ExaminationFinding>().AnyAsync(f => f.Id == findingId && f.ExaminationId == id, ct))
        {
            var v = new Validation();
            v.Add("findingId", "is not a finding of this examination");
            return (null, new ProblemResult(v.Problem()));
        }

        var consent = await ExaminationWrites.ConsentAsync(db, id, ct);
        if (!consent.GetValueOrDefault(ReadExaminationPhoto.Photographs))
        {
            return (null, new ProblemResult(ProblemTypes.ConflictProblem(
                $"The person has not consented to photographs (examination {open.Exam.Number}): none is taken in.", "consent.photographs")));
        }

        if (upload.Intimate && !consent.GetValueOrDefault(ReadExaminationPhoto.IntimatePhotographs))
        {
            return (null, new ProblemResult(ProblemTypes.ConflictProblem(
                $"The person has not consented to photographs of intimate parts of the body (examination {open.Exam.Number}).", "consent.intimatePhotographs")));
        }

        return (open, default);
    }

    /// <summary>
    /// Stores the original before the write transaction: null when it is on disk (<c>Written</c>: by this
    /// call), else the 503 to answer (disk full, a folder not writable), with nothing recorded.
    /// </summary>
    public async Task<(IResult? Problem, bool Written)> StoreAsync(TakenPhoto photo, CancellationToken ct)
    {
        try
        {
            return (null, (await store.SaveAsync(photo.Original, ct)).Written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The photograph store could not write an original ({Error}): answered 503", e.GetType().Name);
            return (StoreUnavailable(), false);
        }
    }

    /// <summary>
    /// After the write transaction: the original this request wrote is removed again when no row names it (the request was
    /// refused, or its transaction failed). A file that an earlier row or request wrote is never touched here.
    /// </summary>
    public async Task ForgetIfUnrecordedAsync(string sha256, CancellationToken ct)
    {
        try
        {
            if (!await db.Set<ExaminationPhoto>().AnyAsync(p => p.Sha256 == sha256, ct))
            {
                store.Remove(sha256);
            }
        }
        catch (Exception e)
        {
            // Never turns the answer (a 201 already committed, or the refusal) into a 500 (review L2): an orphan is
            // harmless beside a lost answer, and the log says so.
            logger.LogWarning("An unrecorded photograph's original could not be removed ({Error})", e.GetType().Name);
        }
    }

    /// <summary>503: the originals' store cannot be written or read now (disk full, permissions); never a 500.</summary>
    internal static IResult StoreUnavailable() => Results.Problem(
        type: ProblemTypes.Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The photograph store cannot be used now; nothing was saved. Try again later.");
}
