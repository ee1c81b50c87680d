using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record DecideComplaintRequest(ComplaintOutcome? Outcome, string? Reasons, DateTimeOffset? DecidedAt);

/// <summary>
/// The reviewer's decision on a complaint, taken once. A challenge to a refusal that is upheld
/// (wholly or in part) overturns the refusal: the report waits for registration again, with a new
/// deadline from the rule pack counted from the decision.
/// </summary>
public sealed class DecideComplaint(AigaqDb db, RulePackCatalog rules, TimeProvider clock)
{
    public async Task<Outcome<ComplaintView>> HandleAsync(Guid complaintId, DecideComplaintRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var complaint = await db.Set<Complaint>().ForReviewer(user).FirstOrDefaultAsync(c => c.Id == complaintId, ct);
        if (complaint is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The complaint"));
        }

        if (complaint.Status != ComplaintStatus.Open)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The complaint is already decided; a decision is taken once."));
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var outcome = v.Required("outcome", request.Outcome);
        var reasons = v.Required("reasons", request.Reasons, 20000);
        var decidedAt = request.DecidedAt ?? now;
        var pack = rules.At(decidedAt);
        v.Moment("decidedAt", decidedAt, now, pack, complaint.ReceivedAt, "the complaint was received");

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        Guid? overturnId = null;
        if (complaint.Kind == ComplaintKind.Refusal && outcome != ComplaintOutcome.Dismissed)
        {
            var report = await db.Set<Report>().FirstAsync(r => r.Id == complaint.ReportId, ct);
            if (report.Status == ReportStatus.Refused)
            {
                var overturn = new ReportDecision
                {
                    Id = Guid.CreateVersion7(now),
                    ReportId = report.Id,
                    Kind = ReportDecisionKind.RefusalOverturned,
                    At = decidedAt,
                    RecordedAt = now,
                    RecordedBy = userId,
                    Reason = reasons,
                };
                db.Add(overturn);
                LedgerWriter.Append(db, CaseLedger.ReportDecision, overturn.Id, now, CaseLedger.Content(overturn));
                report.Status = ReportStatus.Received;
                report.RegistrationDueBy = decidedAt + TimeSpan.FromHours(pack.Reports.RegistrationWithinHours);
                report.Version++;
                overturnId = overturn.Id;
            }
        }

        var decision = new ComplaintDecision
        {
            Id = Guid.CreateVersion7(now),
            ComplaintId = complaint.Id,
            Outcome = outcome,
            Reasons = reasons,
            DecidedAt = decidedAt,
            RecordedAt = now,
            RecordedBy = userId,
            ReportDecisionId = overturnId,
        };
        db.Add(decision);
        LedgerWriter.Append(db, ReviewLedger.ComplaintDecided, decision.Id, now, ReviewLedger.Content(decision));
        complaint.Status = ComplaintStatus.Decided;
        complaint.Version++;

        var numbers = await db.Set<Report>().Where(r => r.Id == complaint.ReportId).Select(r => r.Number).FirstAsync(ct);
        var erdr = complaint.CaseId is { } caseId ? await db.Set<Case>().Where(x => x.Id == caseId).Select(x => x.ErdrNumber).FirstAsync(ct) : null;
        return Outcome<ComplaintView>.Created(() => ComplaintView.From(complaint, numbers, erdr, decision), $"/api/v1/complaints/{complaint.Id}");
    }
}
