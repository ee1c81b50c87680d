using Aigaq.Access;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>A live share opened: to whom and until when, with the sealed record as the report prints it.</summary>
public sealed record SharedExamination(Guid ShareId, string RecipientName, string RecipientRole, DateTimeOffset ExpiresAt, ExaminationReportModel Record);

/// <summary>
/// Opens a share by its token (issue 16, item 9), with no sign-in: a judge has no account. Only a live share opens: known,
/// not revoked, not expired, on a sealed examination, and still under the consent it was given on (a withdrawal revokes
/// it at once; this check holds even for a share that somehow escaped that). Anything else is the same null, whatever
/// the reason, so that the answer tells nothing. Every opening is a row (seen by the examiner) and an access log entry
/// (without the client's address: the endpoints carry <see cref="NoClientAddressAttribute"/>); a refused token is logged
/// as denied, under the share it named, if any.
/// </summary>
public sealed class OpenExaminationShare(AigaqDb db, ExaminationReportSource source, RenderExaminationReport renderer, AccessLog log, TimeProvider clock)
{
    public const string AccessAction = "examination.share.open";

    public async Task<SharedExamination?> PageAsync(string? token, string language, Uri site, CancellationToken ct)
    {
        if (await LiveAsync(token, ct) is not { } live)
        {
            return null;
        }

        var record = await source.BuildAsync(live.Exam, live.Seal, site, ct);
        await RecordAsync(live.Share, ExaminationShareOpening.Page, language, ct);
        return new SharedExamination(live.Share.Id, live.Share.RecipientName, live.Share.RecipientRole, live.Share.ExpiresAt, record);
    }

    /// <summary>The report in <paramref name="language"/>, or null for a token that opens nothing.</summary>
    public async Task<(byte[] Pdf, string FileName)?> PdfAsync(string? token, string language, Uri site, CancellationToken ct)
    {
        if (await LiveAsync(token, ct) is not { } live)
        {
            return null;
        }

        var pdf = await source.RenderAsync(renderer, live.Exam, live.Seal, language, site, ct);
        await RecordAsync(live.Share, ExaminationShareOpening.Pdf, language, ct);
        return (pdf, $"aigaq-{live.Exam.Number}-{language}.pdf");
    }

    internal async Task<Live?> LiveAsync(string? token, CancellationToken ct)
    {
        if (!ShareExamination.IsWellFormed(token))
        {
            await log.WriteAsync(null, AccessAction, null, "denied", ct);
            return null;
        }

        var hash = ShareExamination.HashOf(token!);
        var share = await db.Set<ExaminationShare>().AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        var now = clock.GetUtcNow();
        if (share is null || share.ExpiresAt <= now || await db.Set<ExaminationShareRevocation>().AnyAsync(r => r.ShareId == share.Id, ct)
            || !(await ExaminationWrites.ConsentAsync(db, share.ExaminationId, ct)).GetValueOrDefault(share.ConsentItem)
            || await db.Set<ExaminationSeal>().AsNoTracking().FirstOrDefaultAsync(s => s.ExaminationId == share.ExaminationId, ct) is not { } seal)
        {
            await log.WriteAsync(null, AccessAction, share?.Id.ToString(), "denied", ct);
            return null;
        }

        var exam = await db.Set<Examination>().AsNoTracking().FirstAsync(e => e.Id == share.ExaminationId, ct);
        return new Live(share, exam, seal);
    }

    internal async Task RecordAsync(ExaminationShare share, string what, string language, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.Add(new ExaminationShareOpening { Id = Guid.CreateVersion7(now), ShareId = share.Id, At = now, What = what, Language = language });
        log.Add(null, AccessAction, share.Id.ToString(), "allowed:" + what);
        await db.SaveChangesAsync(ct);
    }

    internal sealed record Live(ExaminationShare Share, Examination Exam, ExaminationSeal Seal);
}
