using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record RefuseReportRequest(string? Grounds);

/// <summary>
/// The supervisory prosecutor's refusal to register a report, with grounds. A refusal can be overturned only by an
/// independent review (Review/).
/// </summary>
public sealed class RefuseReport(AigaqDb db, TimeProvider clock)
{
    public async Task<Outcome<ReportView>> HandleAsync(Guid reportId, RefuseReportRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var report = await db.Set<Report>().Visible(user).Include(r => r.Alleged).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The report"));
        }

        if (report.Status != ReportStatus.Received)
        {
            return new ProblemResult(RegisterReport.AlreadyDecided(report));
        }

        var v = new Validation();
        var grounds = v.Required("grounds", request.Grounds, 4000);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var now = clock.GetUtcNow();
        var decision = new ReportDecision
        {
            Id = Guid.CreateVersion7(now),
            ReportId = report.Id,
            Kind = ReportDecisionKind.Refused,
            At = now,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
            Reason = grounds,
        };
        db.Add(decision);
        LedgerWriter.Append(db, CaseLedger.ReportDecision, decision.Id, now, CaseLedger.Content(decision));
        report.Status = ReportStatus.Refused;
        report.Version++;
        return Outcome<ReportView>.Created(() => ReportView.From(report, [decision], []), $"/api/v1/reports/{report.Id}");
    }
}
