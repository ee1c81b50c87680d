using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>Reads complaints: one with its decision, a reviewer's inbox, and those of a report or case. Every read is logged.</summary>
public sealed class GetComplaint(AigaqDb db, AccessLog log)
{
    public const int PageSize = 50;

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

    public async Task<Found<ComplaintView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        Found<ComplaintView>.Of(await FindAsync(id, user, ct), "The complaint");

    /// <summary>
    /// A page of the complaints a user may read, open ones first and oldest first (a reviewer's inbox), after
    /// <paramref name="after"/> (the position the page before ended at), with the cursor of the next page.
    /// </summary>
    public async Task<Page<ComplaintSummary>> ListAsync(
        ComplaintStatus? status, ComplaintCursor? after, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = db.Set<Complaint>().AsNoTracking().Visible(user);
        if (status is not null)
        {
            query = query.Where(c => c.Status == status);
        }

        if (after is { } a)
        {
            // Keyset order: open before decided (the stored status is text, so its own order is not this one), then
            // receivedAt, then seq.
            var rank = a.Status == ComplaintStatus.Open ? 0 : 1;
            query = query.Where(c => (c.Status == ComplaintStatus.Open ? 0 : 1) > rank
                || ((c.Status == ComplaintStatus.Open ? 0 : 1) == rank
                    && (c.ReceivedAt > a.ReceivedAt || (c.ReceivedAt == a.ReceivedAt && c.Seq > a.Seq))));
        }

        var ordered = query.OrderBy(c => c.Status == ComplaintStatus.Open ? 0 : 1).ThenBy(c => c.ReceivedAt).ThenBy(c => c.Seq);
        var rows = await Ordered(db, ordered.Take(PageSize + 1)).ToListAsync(ct);
        var last = rows.Count > PageSize ? rows[PageSize - 1] : null;
        var next = last is null ? null : new ComplaintCursor(last.Status, last.ReceivedAt, last.Seq).ToString();
        var items = rows.Take(PageSize).Select(r => r.Summary).ToList();
        log.Add(user, "complaints.list", $"{items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return new Page<ComplaintSummary>(items, next);
    }

    public async Task<Answer<Page<ComplaintSummary>>> ListHandleAsync(string? status, string? cursor, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<ComplaintStatus>("status", status);
        var after = ComplaintCursor.Parse(v, "cursor", cursor);
        return v.IsValid ? Answer<Page<ComplaintSummary>>.Ok(await ListAsync(wanted, after, user, ct)) : new ProblemResult(v.Problem());
    }

    /// <summary>Every complaint about a report or the case it opened, for a reader who may read them.</summary>
    public static Task<List<ComplaintSummary>> OfReportAsync(AigaqDb db, Guid reportId, CancellationToken ct) =>
        Summaries(db, db.Set<Complaint>().AsNoTracking().Where(c => c.ReportId == reportId).OrderBy(c => c.ReceivedAt)).ToListAsync(ct);

    private static IQueryable<ComplaintSummary> Summaries(AigaqDb db, IQueryable<Complaint> query) =>
        Ordered(db, query).Select(r => r.Summary);

    /// <summary>The summaries with the complaint's place in the list's order, from which a cursor is made.</summary>
    private static IQueryable<Row> Ordered(AigaqDb db, IQueryable<Complaint> query) =>
        query.Select(c => new Row(
            c.Status, c.ReceivedAt, c.Seq,
            new ComplaintSummary(
                c.Id, c.Number, c.Kind, c.ReportId, c.CaseId, c.Region, c.Body, new ReviewerView(c.Reviewer, c.ReviewerName, c.ReviewerRegion),
                c.ReceivedAt, c.DueBy, c.Status,
                db.Set<ComplaintDecision>().Where(d => d.ComplaintId == c.Id).Select(d => (ComplaintOutcome?)d.Outcome).FirstOrDefault())));

    private sealed record Row(ComplaintStatus Status, DateTimeOffset ReceivedAt, long Seq, ComplaintSummary Summary);
}

/// <summary>
/// Where a page of complaints ended, in the list's order (status, receivedAt, seq): <c>status.ticks.seq</c>, the status as
/// its number and receivedAt as UTC ticks.
/// </summary>
public readonly record struct ComplaintCursor(ComplaintStatus Status, DateTimeOffset ReceivedAt, long Seq)
{
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{(int)Status}.{ReceivedAt.UtcTicks}.{Seq}");

    /// <summary>The cursor, or null when none was given; a cursor this list did not give is an error on <paramref name="field"/>.</summary>
    public static ComplaintCursor? Parse(Validation v, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('.');
        const System.Globalization.NumberStyles digits = System.Globalization.NumberStyles.None;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (parts.Length == 3
            && int.TryParse(parts[0], digits, culture, out var status) && Enum.IsDefined((ComplaintStatus)status)
            && long.TryParse(parts[1], digits, culture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(parts[2], digits, culture, out var seq))
        {
            return new ComplaintCursor((ComplaintStatus)status, new DateTimeOffset(ticks, TimeSpan.Zero), seq);
        }

        v.Add(field, "is not a cursor this list gave");
        return null;
    }
}
