using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// A photograph as a share's page lists it: its number, flags and the finding it shows; <see cref="Withheld"/> when the
/// share's recipient may not see it (an intimate photograph the person did not consent to show to that kind of recipient).
/// </summary>
public sealed record SharedPhotoView(Guid Id, int Seq, bool ScaleShown, bool ColourChartShown, bool Intimate, Guid? FindingId, bool Withheld);

/// <summary>
/// The photographs of a shared examination (issue 16, item 9), through the share's token, with no sign-in: only while the
/// share is live (<see cref="OpenExaminationShare.LiveAsync"/>: not expired, not revoked, still consented to), only the copy
/// stripped of every metadata block, made again from the original each time, never the original. An intimate photograph
/// is served only when a consent item given by the person shows intimate photographs (<c>intimateRoles</c>) to the
/// share recipient's role (investigator, defender; a judge has no account role and no such item). Every serving is an
/// opening of the share (a row the examiner sees) and an access log entry, without the client's address; a refusal is a
/// denied entry.
/// </summary>
public sealed class ReadSharedPhoto(AigaqDb db, OpenExaminationShare open, ExaminationForms forms, PhotoStore store, AccessLog log, ILogger<ReadSharedPhoto> logger)
{
    /// <summary>What an opening row names when a photograph was served.</summary>
    public const string Opening = "photo";

    /// <summary>The photographs the share's page lists, oldest first; the page itself was opened (and logged) already.</summary>
    public async Task<IReadOnlyList<SharedPhotoView>> ListAsync(Guid shareId, CancellationToken ct)
    {
        var share = await db.Set<ExaminationShare>().AsNoTracking().FirstAsync(s => s.Id == shareId, ct);
        var formId = await db.Set<Examination>().AsNoTracking().Where(e => e.Id == share.ExaminationId).Select(e => e.FormId).FirstAsync(ct);
        var consent = await ExaminationWrites.ConsentAsync(db, share.ExaminationId, ct);
        if (!consent.GetValueOrDefault(ReadExaminationPhoto.Photographs))
        {
            return [];
        }

        var intimate = MayViewIntimate(forms.ById(formId), consent, share.RecipientRole);
        return [.. (await db.Set<ExaminationPhoto>().AsNoTracking().Where(p => p.ExaminationId == share.ExaminationId).ToListAsync(ct))
            .OrderBy(p => p.Seq)
            .Select(p => new SharedPhotoView(p.Id, p.Seq, p.ScaleShown, p.ColourChartShown, p.Intimate, p.FindingId, p.Intimate && !intimate))];
    }

    /// <summary>The stripped copy; the neutral 404 for a token or photograph that opens nothing; 403 for one withheld.</summary>
    public async Task<IResult> HandleAsync(string token, Guid photoId, string language, CancellationToken ct)
    {
        if (await open.LiveAsync(token, ct) is not { } live)
        {
            return new ExaminationSharesModule.NeutralNotFound();
        }

        var share = live.Share;
        var photo = await db.Set<ExaminationPhoto>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.ExaminationId == share.ExaminationId, ct);
        if (photo is null)
        {
            await log.WriteAsync(null, OpenExaminationShare.AccessAction, share.Id.ToString(), "denied:photo", ct);
            return new ExaminationSharesModule.NeutralNotFound();
        }

        var consent = await ExaminationWrites.ConsentAsync(db, share.ExaminationId, ct);
        if (!consent.GetValueOrDefault(ReadExaminationPhoto.Photographs) || (photo.Intimate && !MayViewIntimate(forms.ById(live.Exam.FormId), consent, share.RecipientRole)))
        {
            await log.WriteAsync(null, OpenExaminationShare.AccessAction, share.Id.ToString(), "denied:withheld", ct);
            return Results.Problem(
                type: ProblemTypes.Forbidden, statusCode: StatusCodes.Status403Forbidden,
                title: "The person has not consented to show this photograph to the recipient of this share.");
        }

        StoredFileRead read;
        try
        {
            read = await store.ReadAsync(photo.Sha256, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            logger.LogWarning("The photograph store could not read an original for a share ({Error}): answered 503", e.GetType().Name);
            await log.WriteAsync(null, OpenExaminationShare.AccessAction, share.Id.ToString(), "failed:store", ct);
            return AddExaminationPhoto.StoreUnavailable();
        }

        var copy = read.Status == StoredFileStatus.Intact ? StripPhotoMetadata.Strip(photo.Format, read.Bytes!) : null;
        if (copy is null)
        {
            logger.LogWarning("A shared examination photograph's original is {Status}: not served", read.Status);
            await log.WriteAsync(null, OpenExaminationShare.AccessAction, share.Id.ToString(), "failed:" + read.Status.ToString().ToLowerInvariant(), ct);
            return Results.Problem(
                type: ProblemTypes.Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The photograph's original is missing or no longer matches its record, so it is not served.");
        }

        await open.RecordAsync(share, Opening, language, ct);
        return Results.File(copy, photo.Format.MediaType());
    }

    /// <summary>
    /// Whether the consent in force shows intimate photographs to a share's recipient: intimate photographs consented to,
    /// and a given item whose <c>intimateRoles</c> names the recipient's role (investigator → Investigator, defender → Defender).
    /// </summary>
    internal static bool MayViewIntimate(ExaminationForm? form, IReadOnlyDictionary<string, bool> consent, string recipientRole) =>
        form is not null && consent.GetValueOrDefault(ReadExaminationPhoto.Photographs) && consent.GetValueOrDefault(ReadExaminationPhoto.IntimatePhotographs)
        && form.Consent.Any(c => c.IntimateRoles is { Length: > 0 } roles && consent.GetValueOrDefault(c.Id)
            && roles.Contains(recipientRole, StringComparer.OrdinalIgnoreCase));
}
