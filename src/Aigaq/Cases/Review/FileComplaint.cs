using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Cases;

/// <summary>
/// A complaint about a procedural action or inaction, or a challenge to a refusal to register a
/// report. The case is named by <c>caseId</c> or <c>erdrNumber</c>, the report by <c>reportId</c>
/// or <c>reportNumber</c>: a defender who cannot read the case knows its number.
/// </summary>
public sealed record FileComplaintRequest(
    ComplaintKind? Kind, Guid? CaseId, string? ErdrNumber, Guid? ReportId, string? ReportNumber,
    ComplainedActor? Actor, ComplainedBody? Body, string? Action, DateTimeOffset? ActionAt, string? Grounds,
    ComplainantKind? Complainant, DateTimeOffset? ReceivedAt);

/// <summary>
/// Files a complaint: finds what it is about, names the body complained of, and addresses it to
/// the configured independent reviewer with the rule pack's deadline. Filing reveals nothing of
/// the case to the complainant; a report is found only among those the filer may read.
/// </summary>
public sealed class FileComplaint(AigaqDb db, RulePackCatalog rules, NumberAllocator numbers, IOptions<ReviewOptions> review, TimeProvider clock)
{
    public const string Series = NumberAllocator.Complaints;

    public async Task<Outcome<ComplaintView>> HandleAsync(FileComplaintRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        var kind = v.Required("kind", request.Kind);
        var grounds = v.Required("grounds", request.Grounds, 20000);
        var complainant = v.Required("complainant", request.Complainant);
        var erdr = v.Optional("erdrNumber", request.ErdrNumber, 40);
        if (erdr is not null && !v.Has("erdrNumber") && rules.At(now) is var current && !current.Reports.IsErdrNumber(erdr))
        {
            v.Add("erdrNumber", $"must be the ERDR number: {current.Reports.ErdrNumberDigits} digits");
        }

        var reportNumber = v.Optional("reportNumber", request.ReportNumber, 32);

        var namesCase = request.CaseId is not null || erdr is not null;
        var namesReport = request.ReportId is not null || reportNumber is not null;
        if (request.CaseId is not null && erdr is not null)
        {
            v.Add("erdrNumber", "name the case by caseId or by erdrNumber, not both");
        }

        if (request.ReportId is not null && reportNumber is not null)
        {
            v.Add("reportNumber", "name the report by reportId or by reportNumber, not both");
        }

        if (request.Kind == ComplaintKind.Refusal && namesCase)
        {
            v.Add("caseId", "a challenge to a refusal names the refused report only");
        }
        else if (request.Kind == ComplaintKind.Refusal && !namesReport)
        {
            v.Add("reportId", "a challenge to a refusal names the refused report (reportId or reportNumber)");
        }
        else if (request.Kind is not null && namesCase == namesReport)
        {
            v.Add("caseId", "name either the case (caseId or erdrNumber) or the report (reportId or reportNumber)");
        }

        // The complainant may not be able to read the case: look it up by itself, reveal nothing of it.
        Case? c = null;
        Report? report = null;
        if (namesCase && request.Kind != ComplaintKind.Refusal)
        {
            c = await db.Set<Case>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.CaseId || (erdr != null && x.ErdrNumber == erdr), ct);
            if (c is null)
            {
                v.Add(request.CaseId is not null ? "caseId" : "erdrNumber", "is not a registered case");
            }
        }

        if (namesReport)
        {
            // Only a report the filer may read: one they may not is answered as one that does not exist, so that a guessed
            // number reveals nothing (its region, case or body) and files nothing.
            report = await db.Set<Report>().AsNoTracking().Readable(user, db.Set<Complaint>())
                .FirstOrDefaultAsync(x => x.Id == request.ReportId || (reportNumber != null && x.Number == reportNumber), ct);
            if (report is null)
            {
                v.Add(request.ReportId is not null ? "reportId" : "reportNumber", "is not a received report");
            }
            else if (request.Kind == ComplaintKind.Refusal && report.Status != ReportStatus.Refused)
            {
                v.Add(request.ReportId is not null ? "reportId" : "reportNumber", "was not refused: only a refusal can be challenged");
            }
        }

        // A complaint about a report that has since opened a case is about that case.
        if (c is null && report?.CaseId is { } opened && request.Kind != ComplaintKind.Refusal)
        {
            c = await db.Set<Case>().AsNoTracking().FirstAsync(x => x.Id == opened, ct);
        }

        var actor = request.Kind == ComplaintKind.Refusal ? request.Actor ?? ComplainedActor.Prosecutor : v.Required("actor", request.Actor);
        var action = request.Kind == ComplaintKind.Refusal
            ? v.Optional("action", request.Action, 4000) ?? "refusal to register the report"
            : v.Required("action", request.Action, 4000);
        if (request.Kind == ComplaintKind.Refusal && request.Body is { } named && named != ComplainedBody.SupervisoryProsecutor)
        {
            v.Add("body", "a refusal to register is the supervisory prosecutor's");
        }

        var region = c?.Region ?? report?.Region;
        var receivedAt = request.ReceivedAt ?? now;
        var pack = rules.At(receivedAt);
        if (v.Moment("receivedAt", receivedAt, now, pack, report?.ReceivedAt, "the report was received") &&
            c is not null && receivedAt < c.RegisteredAt && request.Kind != ComplaintKind.Inaction)
        {
            v.Add("receivedAt", "is before the case was registered");
        }

        if (request.ActionAt is { } actionAt && actionAt > receivedAt)
        {
            v.Add("actionAt", "is after the complaint was received");
        }

        if (!v.IsValid || region is null)
        {
            return new ProblemResult(v.Problem());
        }

        var reportId = report?.Id ?? c!.ReportId;
        if (kind == ComplaintKind.Refusal &&
            await db.Set<Complaint>().AnyAsync(x => x.ReportId == reportId && x.Kind == ComplaintKind.Refusal && x.Status == ComplaintStatus.Open, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("A challenge to this refusal is already waiting for the reviewer."));
        }

        var body = request.Body ?? ReviewRouting.BodyComplainedOf(kind, actor, c?.ResponsibleKind);
        var bodyRegion = body == ComplainedBody.SupervisoryProsecutor ? region : c?.ResponsibleRegion ?? region;
        var reviewer = review.Value;
        if (!ReviewRouting.IsIndependent(pack, reviewer, body))
        {
            // Start-up validation makes this unreachable; if a pack changed under a running node, refuse rather than misroute.
            return new ProblemResult(Results.Problem(
                title: "The configured reviewer is not independent of the body complained of.", statusCode: StatusCodes.Status503ServiceUnavailable));
        }

        var reviewerRegion = reviewer.IsRegional ? region : null;
        var seq = await numbers.NextAsync(Series, ct);
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(now),
            Seq = seq,
            Number = FormattableString.Invariant($"C{region[3..]}-{seq:D6}"),
            Kind = kind,
            ReportId = reportId,
            CaseId = c?.Id,
            Region = region,
            Actor = actor,
            Body = body,
            BodyRegion = bodyRegion,
            Action = action,
            ActionAt = request.ActionAt,
            Grounds = grounds,
            Complainant = complainant,
            ReceivedAt = receivedAt,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
            Reviewer = reviewer.Reviewer,
            ReviewerName = ReviewRouting.ReviewerName(reviewer, reviewerRegion),
            ReviewerRegion = reviewerRegion,
            DueBy = receivedAt + TimeSpan.FromHours(pack.Cases.ReviewWithinHours),
            RulePackId = pack.Id,
            Status = ComplaintStatus.Open,
        };
        db.Add(complaint);
        LedgerWriter.Append(db, ReviewLedger.ComplaintReceived, complaint.Id, now, ReviewLedger.Content(complaint));
        var reportNo = report?.Number ?? await db.Set<Report>().Where(r => r.Id == reportId).Select(r => r.Number).FirstAsync(ct);
        return Outcome<ComplaintView>.Created(
            () => ComplaintView.From(complaint, reportNo, c?.ErdrNumber, null), $"/api/v1/complaints/{complaint.Id}");
    }
}
