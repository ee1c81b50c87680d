using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// A photograph as GetExamination lists it to those who may read the medical content: by hash and flags, with the camera's
/// time if it wrote one (<see cref="TakenAt"/>, a claim of the camera). <see cref="Withheld"/>: an intimate photograph the
/// reader may not see (the person did not consent to show it to any of their roles); it is listed, never served.
/// </summary>
public sealed record ExaminationPhotoView(
    Guid Id, int Seq, string Sha256, string Format, bool ScaleShown, bool ColourChartShown, bool Intimate, bool IdentifiesPerson, Guid? FindingId,
    string? TakenAt, bool Withheld, DateTimeOffset RecordedAt);

/// <summary>
/// Serves an examination's photograph (issue 16, items 5 and 9): the shared copy, stripped of every metadata block
/// (<see cref="StripPhotoMetadata"/>, made again from the original each time), to those who may read the medical content
/// (the examiner, and the roles the consent's share items open it to), an intimate one only to the roles the person
/// consented to show intimate photographs to (<see cref="ConsentItem.IntimateRoles"/>); the original, as received, to the
/// examiner only (an evidence export). Each read, allowed or refused, is in the access log. An original that is gone or
/// no longer hashes to its row is not served (503; the audit names it).
/// </summary>
public sealed class ReadExaminationPhoto(AigaqDb db, ExaminationForms forms, PhotoStore store, AccessLog log, ILogger<ReadExaminationPhoto> logger)
{
    public async Task<IResult> HandleAsync(Guid id, Guid photoId, bool original, ClaimsPrincipal user, CancellationToken ct)
    {
        var examiners = db.Set<ExaminationExaminer>();
        var exam = await Examination.Readable(db.Set<Examination>().AsNoTracking(), examiners, user).FirstOrDefaultAsync(e => e.Id == id, ct);
        var photo = exam is null ? null
            : await db.Set<ExaminationPhoto>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.ExaminationId == id, ct);
        var action = original ? "examination.photo.original" : "examination.photo.read";
        if (exam is null || photo is null)
        {
            log.Add(user, action, photoId.ToString(), "notFound");
            await db.SaveChangesAsync(ct);
            return ProblemTypes.NotFoundProblem(exam is null ? "The examination" : "The photograph");
        }

        var isExaminer = await examiners.AnyAsync(x => x.ExaminationId == id && x.RecorderId == user.UserId(), ct);
        if (!isExaminer)
        {
            var consent = await ExaminationWrites.ConsentAsync(db, id, ct);
            var form = forms.ById(exam.FormId);
            var refusal = original ? "The original of a photograph is handed to the examiner only."
                : !GetExamination.MayRead(form, consent, user) ? "The person has not consented to share the medical record with your role."
                : !consent.GetValueOrDefault(Photographs) ? "The person's consent in force does not cover photographs."
                : photo.Intimate && !MayViewIntimate(form, consent, user) ? "The person has not consented to show intimate photographs to your role."
                : null;
            if (refusal is not null)
            {
                log.Add(user, action, photo.Id.ToString(), "denied");
                await db.SaveChangesAsync(ct);
                return Results.Problem(type: ProblemTypes.Forbidden, statusCode: StatusCodes.Status403Forbidden, title: refusal);
            }
        }

        StoredFileRead read;
        try
        {
            read = await store.ReadAsync(photo.Sha256, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            logger.LogWarning("The photograph store could not read an original ({Error}): answered 503", e.GetType().Name);
            log.Add(user, action, photo.Id.ToString(), "failed:store");
            await db.SaveChangesAsync(ct);
            return Unavailable("The photograph store cannot be read now. Try again later.");
        }

        var bytes = read.Status != StoredFileStatus.Intact ? null : original ? read.Bytes : StripPhotoMetadata.Strip(photo.Format, read.Bytes);
        log.Add(user, action, photo.Id.ToString(), bytes is null ? "failed:" + read.Status.ToString().ToLowerInvariant() : "allowed");
        await db.SaveChangesAsync(ct);
        if (bytes is null)
        {
            logger.LogWarning("An examination photograph's original is {Status}: not served", read.Status);
            return Unavailable("The photograph's original is missing or no longer matches its record, so it is not served; the log audit names it.");
        }

        return original
            ? Results.File(bytes, photo.Format.MediaType(), $"{exam.Number}-{photo.Seq}.{Extension(photo.Format)}")
            : Results.File(bytes, photo.Format.MediaType());
    }

    /// <summary>The consent item without which no photograph is taken, nor shown to anyone but the examiner.</summary>
    internal const string Photographs = "photographs";

    /// <summary>The consent item without which no intimate photograph is taken, nor shown to anyone but the examiner.</summary>
    internal const string IntimatePhotographs = "intimatePhotographs";

    /// <summary>
    /// The photographs of an examination, oldest first, for a reader of its medical content; those the consent in force
    /// does not show this reader (<paramref name="shown"/>, <paramref name="intimateShown"/>) are marked withheld.
    /// </summary>
    internal static async Task<IReadOnlyList<ExaminationPhotoView>> ListAsync(AigaqDb db, Guid id, bool shown, bool intimateShown, CancellationToken ct) =>
        [.. (await db.Set<ExaminationPhoto>().AsNoTracking().Where(p => p.ExaminationId == id).ToListAsync(ct))
            .OrderBy(p => p.Seq)
            .Select(p => new ExaminationPhotoView(
                p.Id, p.Seq, p.Sha256, p.Format.ToString().ToLowerInvariant(), p.ScaleShown, p.ColourChartShown, p.Intimate, p.IdentifiesPerson,
                p.FindingId, p.CameraTime, !shown || (p.Intimate && !intimateShown), p.RecordedAt))];

    /// <summary>
    /// Whether the consent in force shows intimate photographs to one of the user's roles: intimate photographs consented
    /// to at all, and an item's <c>intimateRoles</c> in the form naming the role.
    /// </summary>
    internal static bool MayViewIntimate(ExaminationForm? form, IReadOnlyDictionary<string, bool> consent, ClaimsPrincipal user) =>
        form is not null && consent.GetValueOrDefault(Photographs) && consent.GetValueOrDefault(IntimatePhotographs) && form.Consent.Any(c => c.IntimateRoles is { Length: > 0 } roles && consent.GetValueOrDefault(c.Id) && roles.Any(user.IsInRole));

    private static string Extension(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "jpg",
        PhotoFormat.Png => "png",
        _ => "webp",
    };

    private static IResult Unavailable(string title) =>
        Results.Problem(type: ProblemTypes.Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable, title: title);
}
