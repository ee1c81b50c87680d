using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// <c>GET /api/v1/examinations/{id}/report.pdf?lang=kk|ru|en</c> (CONTRACT.md; issue 16, item 7): the sealed record as a
/// PDF, to those who read its medical content (the examiner, and the roles the consent in force opens it to). 400 naming
/// <c>lang</c> for a language the report has not; 404 for an examination the user may not read; 403 when they may read
/// the request but not its medical content; 409 naming <c>status</c> before the seal. Every download is an access
/// (<c>examination.pdf</c>).
/// </summary>
public sealed class GetExaminationReport(
    AigaqDb db, ExaminationForms forms, ExaminationReportSource source, RenderExaminationReport renderer, AccessLog log)
{
    public const string AccessAction = "examination.pdf";

    public async Task<IResult> HandleAsync(Guid id, string? lang, ClaimsPrincipal user, Uri site, CancellationToken ct)
    {
        if (ExaminationReportSource.Language(lang) is not { } language)
        {
            var v = new Validation();
            v.Add("lang", "must be kk, ru or en");
            return v.Problem();
        }

        var examiners = db.Set<ExaminationExaminer>();
        var e = await Examination.Readable(db.Set<Examination>().AsNoTracking(), examiners, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return ProblemTypes.NotFoundProblem("The examination");
        }

        var examiner = await examiners.AsNoTracking().FirstOrDefaultAsync(x => x.ExaminationId == id, ct);
        if (examiner?.RecorderId != user.UserId() && !GetExamination.MayRead(forms.ById(e.FormId), await ExaminationWrites.ConsentAsync(db, id, ct), user))
        {
            await log.WriteAsync(user.UserId(), AccessAction, id.ToString(), "denied", ct);
            return Results.Problem(
                type: ProblemTypes.Forbidden, statusCode: StatusCodes.Status403Forbidden,
                title: "The examination's medical content is open to its examiner and to those the person consented to share it with.");
        }

        var seal = await db.Set<ExaminationSeal>().AsNoTracking().FirstOrDefaultAsync(s => s.ExaminationId == id, ct);
        if (seal is null)
        {
            return ProblemTypes.ConflictProblem($"Examination {e.Number} is not sealed: its report is printed once it is.", "status");
        }

        var pdf = await source.RenderAsync(renderer, e, seal, language, site, ct);
        await log.WriteAsync(user.UserId(), AccessAction, id.ToString(), "allowed:" + language, ct);
        return Results.File(pdf, "application/pdf", $"aigaq-{e.Number}-{language}.pdf");
    }
}
