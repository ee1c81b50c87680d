using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/examinations/{id}/seal</c>).</summary>
public sealed record SealExaminationRequest(string? Opinion, string? Conclusions, string? Recommendations, bool? PolicePresent, string? Restrictions = null);

public sealed record ExaminationSealed(Guid Id, Guid ExaminationId, string Opinion, bool AbsenceStatement);

/// <summary>
/// Seals an examination (issue 16, items 6-7): the overall opinion on the form's levels, conclusions and recommendations,
/// after a session and with consent to be examined. Where no finding reaches the form's <c>absenceStatementBelow</c>
/// level, the sealed report states that absence of findings does not prove absence of torture (IP 2022, para 388).
/// From then on the examination does not change; amendments, each with its reason, follow.
/// </summary>
public sealed class SealExamination(AigaqDb db, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ExaminationSealed>> HandleAsync(Guid id, SealExaminationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "seal", ct);
        if (open is null)
        {
            return problem;
        }

        var v = new Validation();
        var opinion = RecordFinding.Level(v, open.Form, "opinion", request.Opinion);
        var conclusions = v.Required("conclusions", request.Conclusions, ExaminationRecordsConfiguration.MaxText);
        var recommendations = v.Required("recommendations", request.Recommendations, ExaminationRecordsConfiguration.MaxText);
        var police = v.Required("policePresent", request.PolicePresent);
        var restrictions = v.Optional("restrictions", request.Restrictions, 2000);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (!await db.Set<ExaminationSession>().AnyAsync(s => s.ExaminationId == id, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"Examination {open.Exam.Number} has no session: it is sealed after it took place.", "session"));
        }

        if (await ExaminationWrites.WithoutConsentAsync(db, open.Exam, ct) is { } refused)
        {
            return refused;
        }

        var findings = await db.Set<ExaminationFinding>().Where(f => f.ExaminationId == id).Select(f => new { f.Id, f.Consistency }).ToListAsync(ct);
        var sections = await db.Set<ExaminationSection>().Where(s => s.ExaminationId == id).Select(s => s.Id).ToListAsync(ct);
        var threshold = open.Form.Rank(open.Form.AbsenceStatementBelow);
        var now = clock.GetUtcNow();
        var seal = new ExaminationSeal
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            Opinion = opinion,
            Conclusions = conclusions,
            Recommendations = recommendations,
            PolicePresent = police,
            Restrictions = restrictions,
            AbsenceStatement = !findings.Any(f => open.Form.Rank(f.Consistency) >= threshold),
            SealedAt = now,
            SealedBy = user.RequiredUserId(),
            FindingIds = ExaminationSeals.Join(findings.Select(f => f.Id)),
            SectionIds = ExaminationSeals.Join(sections),
        };
        db.Add(seal);
        LedgerWriter.Append(db, ExaminationLedger.Sealed, seal.Id, now, ExaminationLedger.Content(seal));
        if (police)
        {
            await ExaminationAlerts.RaiseAsync(db, open.Exam, AlertCodes.PolicePresentAtExamination, null, $"{open.Exam.Number} · sealed", now, ct);
        }

        log.Add(user, "examination.seal", id.ToString(), "allowed");
        return Outcome<ExaminationSealed>.Created(
            () => new ExaminationSealed(seal.Id, id, opinion, seal.AbsenceStatement), $"/api/v1/examinations/{id}");
    }
}
