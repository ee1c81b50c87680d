using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>A message as staff read it: who of them wrote it is kept, for the audit and for them.</summary>
public sealed record ThreadMessageView(Guid Id, int Number, MessageAuthor From, string Text, DateTimeOffset At, Guid? RecordedBy);

/// <summary>
/// A report's anonymous thread for staff: its messages in order, and whether the reporter's last word waits for an answer.
/// </summary>
public sealed record ReporterThreadView(Guid ReportId, bool ReplyWaiting, IReadOnlyList<ThreadMessageView> Items);

/// <summary>What both sides of an anonymous channel do to its thread: read it, and append a message with its log entry.</summary>
internal static class AnonymousThread
{
    /// <summary>The report's messages, oldest first.</summary>
    public static Task<List<AnonymousMessage>> MessagesAsync(AigaqDb db, Guid reportId, CancellationToken ct) =>
        db.Set<AnonymousMessage>().AsNoTracking().Where(m => m.ReportId == reportId).OrderBy(m => m.Number).ToListAsync(ct);

    public static ReporterThreadView View(Guid reportId, IReadOnlyList<AnonymousMessage> messages) => new(
        reportId,
        messages.Count > 0 && messages[^1].Author == MessageAuthor.Reporter,
        [.. messages.Select(m => new ThreadMessageView(
            m.Id, m.Number, m.Author, m.Text, m.RecordedAt, m.Author == MessageAuthor.Staff ? m.RecordedBy : null))]);

    /// <summary>The text of a message, checked as every free text is; named <c>text</c>.</summary>
    public static string Text(Validation v, string? text) => v.Required("text", text, AnonymousMessage.MaxText);

    /// <summary>
    /// Adds the next message of the report's thread and its log entry to the context. A reporter's message raises
    /// <see cref="AlertCodes.AnonymousReplyWaiting"/> in the report's region: discreet, naming the report's number only.
    /// </summary>
    public static async Task<AnonymousMessage> AppendAsync(
        AigaqDb db, Guid reportId, MessageAuthor author, string text, Guid recordedBy, DateTimeOffset now, CancellationToken ct)
    {
        var last = await db.Set<AnonymousMessage>().Where(m => m.ReportId == reportId).MaxAsync(m => (int?)m.Number, ct);
        var message = new AnonymousMessage
        {
            Id = Guid.CreateVersion7(now),
            ReportId = reportId,
            Number = (last ?? 0) + 1,
            Author = author,
            Text = text,
            RecordedAt = now,
            RecordedBy = recordedBy,
        };
        db.Add(message);
        LedgerWriter.Append(db, ProtectionLedger.AnonymousMessageWritten, message.Id, now, ProtectionLedger.Content(message));
        if (author == MessageAuthor.Reporter)
        {
            var report = await db.Set<Report>().AsNoTracking().Where(r => r.Id == reportId).Select(r => new { r.Number, r.Region }).FirstAsync(ct);
            var code = AlertCodes.AnonymousReplyWaiting;
            await AlertFactory.AddNewAsync(
                db, [new AlertDue(code, $"{code}:{message.Id}", null, report.Number)], null, report.Region, now, ct, new AlertSubject(ReportId: reportId));
        }

        return message;
    }
}
