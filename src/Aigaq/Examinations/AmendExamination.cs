using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary><c>POST /api/v1/examinations/{id}/amendments</c>: why, the amended text, and what it amends (a finding, a section, or the whole).</summary>
public sealed record AmendExaminationRequest(string? Reason, string? Text, Guid? FindingId = null, string? Section = null);

public sealed record ExaminationAmended(Guid Id, Guid ExaminationId);

/// <summary>
/// After the seal every change is an amendment (issue 16, item 7): appended beside what it amends, with its reason, by
/// the examiner, each in the log. The sealed record itself stays as it was sealed.
/// </summary>
public sealed class AmendExamination(AigaqDb db, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ExaminationAmended>> HandleAsync(Guid id, AmendExaminationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "amendments", ct, amend: true);
        if (open is null)
        {
            return problem;
        }

        var v = new Validation();
        var reason = v.Required("reason", request.Reason, 2000);
        var text = v.Required("text", request.Text, ExaminationRecordsConfiguration.MaxText);
        if (request.FindingId is { } findingId && !await db.Set<ExaminationFinding>().AnyAsync(f => f.Id == findingId && f.ExaminationId == id, ct))
        {
            v.Add("findingId", "is not a finding of this examination");
        }

        if (request.Section is { } section && open.Form.Section(section) is null)
        {
            v.Add("section", $"is not a section of form {open.Form.Id}");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var now = clock.GetUtcNow();
        var amendment = new ExaminationAmendment
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            Reason = reason,
            Text = text,
            FindingId = request.FindingId,
            Section = request.Section,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(amendment);
        LedgerWriter.Append(db, ExaminationLedger.Amended, amendment.Id, now, ExaminationLedger.Content(amendment));
        log.Add(user, "examination.amend", id.ToString(), "allowed");
        return Outcome<ExaminationAmended>.Created(() => new ExaminationAmended(amendment.Id, id), $"/api/v1/examinations/{id}");
    }
}
