using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>A staff member's answer to an anonymous reporter.</summary>
public sealed record StaffMessageRequest(string? Text);

/// <summary>
/// Staff read a report's anonymous thread and answer on it: those who may read the report (its read permission and
/// scope: the supervisory and special prosecutors of its region, a reviewer of a complaint about it) read; those who
/// handle it (the same without the reviewer) answer. A report they may not read is 404; one without a channel 409. Every
/// read is an access-log entry.
/// </summary>
public sealed class AnswerReporter(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public async Task<ReporterThreadView?> ReadAsync(Guid reportId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Set<Report>().Readable(user, db.Set<Complaint>()).AnyAsync(r => r.Id == reportId, ct))
        {
            return null;
        }

        var messages = await AnonymousThread.MessagesAsync(db, reportId, ct);
        log.Add(user, "report.messages.read", reportId.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return AnonymousThread.View(reportId, messages);
    }

    /// <summary>Whether the user handles the report and so may answer on its channel.</summary>
    public Task<bool> MayAnswerAsync(Guid reportId, ClaimsPrincipal user, CancellationToken ct) => db.Set<Report>().Visible(user).AnyAsync(r => r.Id == reportId, ct);

    /// <summary>Whether the report has a channel (only an anonymous report made on the public page has one).</summary>
    public Task<bool> HasChannelAsync(Guid reportId, CancellationToken ct) => db.Set<AnonymousChannel>().AnyAsync(c => c.ReportId == reportId, ct);

    public async Task<Answer<ReporterThreadView>> GetAsync(Guid reportId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Set<Report>().Readable(user, db.Set<Complaint>()).AnyAsync(r => r.Id == reportId, ct))
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The report"));
        }

        if (!await HasChannelAsync(reportId, ct))
        {
            return new ProblemResult(NoChannel());
        }

        return Answer<ReporterThreadView>.Ok((await ReadAsync(reportId, user, ct))!);
    }

    public async Task<Outcome<ThreadMessageView>> HandleAsync(Guid reportId, StaffMessageRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await MayAnswerAsync(reportId, user, ct))
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The report"));
        }

        if (!await HasChannelAsync(reportId, ct))
        {
            return new ProblemResult(NoChannel());
        }

        var v = new Validation();
        var text = AnonymousThread.Text(v, request.Text);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var userId = user.RequiredUserId();
        var message = await AnonymousThread.AppendAsync(db, reportId, MessageAuthor.Staff, text, userId, clock.GetUtcNow(), ct);
        return Outcome<ThreadMessageView>.Created(
            () => new ThreadMessageView(message.Id, message.Number, message.Author, message.Text, message.RecordedAt, userId),
            $"/api/v1/reports/{reportId}/messages");
    }

    private static IResult NoChannel() =>
        ProblemTypes.ConflictProblem("The report has no anonymous channel: only a report made on the public anonymous page has one.");
}
