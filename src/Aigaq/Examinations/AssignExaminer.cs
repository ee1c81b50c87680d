using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// <c>POST /api/v1/examinations/{id}/examiner</c>: the examiner's name, qualifications, employer (a rule-pack code) and
/// declaration of independence; <c>external</c> when the forensic expert records for a named outside doctor;
/// <c>notIndependentReason</c> only when the employer is an accused agency.
/// </summary>
public sealed record AssignExaminerRequest(
    string? Name, string? Qualifications, string? Employer, bool? IndependenceDeclared, string? Conflicts = null, bool? External = null,
    string? NotIndependentReason = null);

public sealed record ExaminerAssigned(Guid Id, Guid ExaminationId, bool Independent);

/// <summary>
/// A forensic expert takes an examination (issue 16, item 2), for themselves or a named external doctor, and becomes the
/// one user who records it. An examiner employed by an accused agency (the alleged perpetrators' agencies of the linked
/// report or case, the detaining agency and the agency holding the person) is refused, 409 naming <c>employer</c>, unless a
/// reason is given: then it is recorded and raises <see cref="AlertCodes.ExaminerNotIndependent"/>.
/// </summary>
public sealed class AssignExaminer(AigaqDb db, RulePackCatalog rules, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ExaminerAssigned>> HandleAsync(Guid id, AssignExaminerRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "examiner", ct, needsExaminer: false);
        if (open is null)
        {
            return problem;
        }

        if (open.Examiner is not null)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"Examination {open.Exam.Number} already has its examiner.", "examiner"));
        }

        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var v = new Validation();
        var name = v.RequiredName("name", request.Name, 200);
        var qualifications = v.Required("qualifications", request.Qualifications, 2000);
        var employer = request.Employer;
        if (string.IsNullOrWhiteSpace(employer) || !pack.Examinations.Employers.Contains(employer, StringComparer.Ordinal))
        {
            v.Add("employer", "must be one of " + string.Join(", ", pack.Examinations.Employers));
        }

        var declared = v.Required("independenceDeclared", request.IndependenceDeclared);
        var conflicts = v.Optional("conflicts", request.Conflicts, 2000);
        if (request.IndependenceDeclared is false && conflicts is null)
        {
            v.Add("conflicts", "is required when independence is not declared");
        }

        var reason = v.Optional("notIndependentReason", request.NotIndependentReason, 2000);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var accused = await AccusedAsync(open.Exam, ct);
        var notIndependent = accused.Contains(employer!, StringComparer.Ordinal);
        if (notIndependent && reason is null)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                $"The examiner's employer ({employer}) is an agency accused in this matter: an examiner independent of it examines, or the reason is given (notIndependentReason).",
                "employer"));
        }

        var examiner = new ExaminationExaminer
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            RecorderId = user.RequiredUserId(),
            ExaminerUserId = request.External is true ? null : user.RequiredUserId(),
            Name = name,
            Qualifications = qualifications,
            Employer = employer!,
            IndependenceDeclared = declared,
            Conflicts = conflicts,
            NotIndependentReason = notIndependent ? reason : null,
            RecordedAt = now,
        };
        db.Add(examiner);
        LedgerWriter.Append(db, ExaminationLedger.ExaminerAssigned, examiner.Id, now, ExaminationLedger.Content(examiner));
        if (notIndependent)
        {
            await ExaminationAlerts.RaiseAsync(db, open.Exam, AlertCodes.ExaminerNotIndependent, null, $"{open.Exam.Number} · {employer}", now, ct);
        }

        log.Add(user, "examination.examiner", id.ToString(), "allowed");
        return Outcome<ExaminerAssigned>.Created(() => new ExaminerAssigned(examiner.Id, id, !notIndependent), $"/api/v1/examinations/{id}");
    }

    /// <summary>The accused agencies' codes: the alleged perpetrators' of the linked report (or the case's), the detaining and the holding agency.</summary>
    private async Task<HashSet<string>> AccusedAsync(Examination exam, CancellationToken ct)
    {
        var agencies = new List<Agency>();
        var reportIds = new List<Guid>();
        if (exam.ReportId is { } reportId)
        {
            reportIds.Add(reportId);
        }

        if (exam.CaseId is { } caseId)
        {
            reportIds.AddRange(await db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.ReportId).ToListAsync(ct));
        }

        if (exam.DetentionId is { } detentionId)
        {
            reportIds.AddRange(await db.Set<Report>().Where(r => r.DetentionId == detentionId).Select(r => r.Id).ToListAsync(ct));
            var held = await db.Set<Detention>().Where(d => d.Id == detentionId)
                .Select(d => new { d.Agency, Holder = db.Set<Facility>().Where(f => f.Id == d.CurrentFacilityId).Select(f => f.Agency).First() })
                .FirstOrDefaultAsync(ct);
            if (held is not null)
            {
                agencies.Add(held.Holder);
                if (Enum.TryParse<Agency>(held.Agency, ignoreCase: true, out var detaining) && Enum.IsDefined(detaining))
                {
                    agencies.Add(detaining);
                }
            }
        }

        agencies.AddRange(await db.Set<AllegedPerpetrator>().Where(a => reportIds.Contains(a.ReportId)).Select(a => a.Agency).ToListAsync(ct));
        return [.. agencies.Select(Json.Name)];
    }
}
