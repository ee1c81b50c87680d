using Aigaq.Data;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>A reporter's message: the receipt code and the text.</summary>
public sealed record ReporterMessageRequest(string? Receipt, string? Text);

/// <summary>What the reporter is told of a message sent: its place in the thread and when (the text they have).</summary>
public sealed record ReporterMessageSent(int Number, DateTimeOffset At);

/// <summary>
/// The anonymous reporter writes back on the channel their receipt code opens. The message is appended with its log
/// entry and raises a discreet alert for the report's region. A wrong code writes nothing.
/// </summary>
public sealed class WriteToStaff(AigaqDb db, OpenInbox inbox, TimeProvider clock)
{
    public async Task<Outcome<ReporterMessageSent>> HandleAsync(ReporterMessageRequest request, CancellationToken ct)
    {
        var v = new Validation();
        var text = AnonymousThread.Text(v, request.Text);
        var channel = await inbox.FindAsync(request.Receipt, ct);
        if (channel is null)
        {
            return new ProblemResult(OpenInbox.WrongReceipt());
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var now = clock.GetUtcNow();
        var message = await AnonymousThread.AppendAsync(db, channel.ReportId, MessageAuthor.Reporter, text, AnonymousChannel.PublicActor, now, ct);
        return Outcome<ReporterMessageSent>.Created(() => new ReporterMessageSent(message.Number, message.RecordedAt), ReportAnonymously.InboxLocation);
    }
}
