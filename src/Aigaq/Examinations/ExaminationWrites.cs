using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>An examination open to a write by its examiner, with the form version it is recorded on.</summary>
public sealed record Writable(Examination Exam, ExaminationForm Form, ExaminationExaminer? Examiner);

/// <summary>What every write to an examination checks first: that the user may read it, is its examiner, and that it is not sealed.</summary>
internal static class ExaminationWrites
{
    /// <summary>
    /// The examination for a write on <paramref name="field"/>: 404 when the user may not read it; 403 when another is its
    /// examiner (or, with <paramref name="needsExaminer"/>, none is yet); 409 naming <paramref name="field"/> when it is sealed
    /// (with <paramref name="amend"/>, 409 naming <c>status</c> when it is not).
    /// </summary>
    public static async Task<(Writable? Open, ProblemResult Problem)> OpenAsync(
        AigaqDb db, ExaminationForms forms, Guid id, ClaimsPrincipal user, string field, CancellationToken ct, bool needsExaminer = true, bool amend = false)
    {
        var examiners = db.Set<ExaminationExaminer>();
        var exam = await Examination.Readable(db.Set<Examination>().AsNoTracking(), examiners, user).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (exam is null)
        {
            return (null, new ProblemResult(ProblemTypes.NotFoundProblem("The examination")));
        }

        var examiner = await examiners.AsNoTracking().FirstOrDefaultAsync(x => x.ExaminationId == id, ct);
        if (needsExaminer && examiner?.RecorderId != user.UserId())
        {
            return (null, new ProblemResult(Results.Problem(
                type: ProblemTypes.Forbidden, statusCode: StatusCodes.Status403Forbidden,
                title: examiner is null
                    ? "The examination has no examiner yet: a forensic expert takes it first (POST .../examiner)."
                    : "Only the examination's examiner records it.")));
        }

        if (db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null)
        {
            // Review finding M1: every write to the examination takes its row first, so a finding or consent and the seal
            // follow one another; what is read below (sealed or not, the consent, the findings) is then what was committed
            // before. SQLite's writes already take turns on the write gate.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM examinations WHERE \"Id\" = {id} FOR UPDATE", ct);
        }

        var isSealed = await db.Set<ExaminationSeal>().AnyAsync(s => s.ExaminationId == id, ct);
        if (amend && !isSealed)
        {
            return (null, new ProblemResult(ProblemTypes.ConflictProblem(
                $"Examination {exam.Number} is not sealed: it is recorded directly; amendments follow the seal.", "status")));
        }

        if (!amend && isSealed)
        {
            return (null, new ProblemResult(ProblemTypes.ConflictProblem(
                $"Examination {exam.Number} is sealed: it does not change; a change is an amendment with a reason (POST .../amendments).", field)));
        }

        if (forms.ById(exam.FormId) is not { } form)
        {
            // A form version removed from the deployment: nothing can be checked against it, so nothing is written.
            return (null, new ProblemResult(Results.Problem(
                type: ProblemTypes.Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable,
                title: $"The form version {exam.FormId} of this examination is not installed.")));
        }

        return (new Writable(exam, form, examiner), default);
    }

    /// <summary>The consent in force (the latest given), as its items; empty when none was given.</summary>
    public static async Task<Dictionary<string, bool>> ConsentAsync(AigaqDb db, Guid id, CancellationToken ct)
    {
        var items = await db.Set<ExaminationConsent>().AsNoTracking().Where(c => c.ExaminationId == id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.RecordedAt).Select(c => c.Items).FirstOrDefaultAsync(ct);
        return items is null ? [] : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, bool>>(items) ?? [];
    }

    /// <summary>409 naming <c>consent.examination</c> unless the person consents to be examined: nothing beyond consent.</summary>
    public static async Task<ProblemResult?> WithoutConsentAsync(AigaqDb db, Examination exam, CancellationToken ct) =>
        (await ConsentAsync(db, exam.Id, ct)).GetValueOrDefault("examination")
            ? null
            : new ProblemResult(ProblemTypes.ConflictProblem(
                $"The person has not consented to be examined (examination {exam.Number}): nothing is recorded beyond consent.", "consent.examination"));
}
