using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Review;

/// <summary>Reads complaints: one with its decision, a reviewer's inbox, and those of a report or case. Every read is logged.</summary>
public sealed class GetComplaint(AigaqDb db, AccessLog log)
{
    public const int PageSize = 200;

    public async Task<ComplaintView?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await db.Set<Complaint>().AsNoTracking().Visible(user).Where(c => c.Id == id)
            .Select(c => new
            {
                Complaint = c,
                Report = db.Set<Report>().Where(r => r.Id == c.ReportId).Select(r => r.Number).First(),
                Erdr = db.Set<Case>().Where(x => x.Id == c.CaseId).Select(x => x.ErdrNumber).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var decision = await db.Set<ComplaintDecision>().AsNoTracking().FirstOrDefaultAsync(d => d.ComplaintId == id, ct);
        log.Add(user, "complaint.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return ComplaintView.From(row.Complaint, row.Report, row.Erdr, decision);
    }

    public async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        await FindAsync(id, user, ct) is { } view ? Results.Ok(view) : ProblemTypes.NotFoundProblem("The complaint");

    /// <summary>The complaints a user may read, open ones first and oldest first: a reviewer's inbox.</summary>
    public async Task<IReadOnlyList<ComplaintSummary>> ListAsync(ComplaintStatus? status, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = db.Set<Complaint>().AsNoTracking().Visible(user);
        if (status is not null)
        {
            query = query.Where(c => c.Status == status);
        }

        var rows = await Summaries(db, query.OrderBy(c => c.Status).ThenBy(c => c.ReceivedAt).ThenBy(c => c.Seq).Take(PageSize)).ToListAsync(ct);
        log.Add(user, "complaints.list", $"{rows.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return rows;
    }

    public async Task<IResult> ListHandleAsync(string? status, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<ComplaintStatus>("status", status);
        return v.IsValid ? Results.Ok(await ListAsync(wanted, user, ct)) : v.Problem();
    }

    /// <summary>Every complaint about a report or the case it opened, for a reader who may read them.</summary>
    public static Task<List<ComplaintSummary>> OfReportAsync(AigaqDb db, Guid reportId, CancellationToken ct) =>
        Summaries(db, db.Set<Complaint>().AsNoTracking().Where(c => c.ReportId == reportId).OrderBy(c => c.ReceivedAt)).ToListAsync(ct);

    private static IQueryable<ComplaintSummary> Summaries(AigaqDb db, IQueryable<Complaint> query) =>
        query.Select(c => new ComplaintSummary(
            c.Id, c.Number, c.Kind, c.ReportId, c.CaseId, c.Region, c.Body, new ReviewerView(c.Reviewer, c.ReviewerName, c.ReviewerRegion),
            c.ReceivedAt, c.DueBy, c.Status,
            db.Set<ComplaintDecision>().Where(d => d.ComplaintId == c.Id).Select(d => (ComplaintOutcome?)d.Outcome).FirstOrDefault()));
}
