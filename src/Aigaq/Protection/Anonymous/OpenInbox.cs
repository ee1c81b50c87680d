using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>Where an anonymous report stands, in the reporter's words.</summary>
public enum InboxStatus
{
    /// <summary>Waiting to be registered or refused.</summary>
    Received,

    /// <summary>Registered: a criminal investigation is open.</summary>
    Registered,

    /// <summary>Registered, and on its way to another investigating body.</summary>
    Routed,

    /// <summary>Registration was refused.</summary>
    Refused,
}

/// <summary>The receipt code as typed: 16 digits, spaces or dashes between them allowed.</summary>
public sealed record InboxRequest(string? Receipt);

/// <summary>A message as the reporter sees it: who of the staff wrote it is never shown.</summary>
public sealed record InboxMessageView(int Number, MessageAuthor From, DateTimeOffset At, string Text);

/// <summary>
/// The reporter's inbox: the report's status, the deadline it waits for, the body investigating it (a kind and region,
/// never a person) and the messages both ways. No staff names and no internal ids.
/// </summary>
public sealed record InboxView(
    InboxStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset RegistrationDueBy, BodyKind? InvestigatedBy, string? InvestigatingRegion,
    IReadOnlyList<InboxMessageView> Messages);

/// <summary>
/// Opens an anonymous reporter's inbox with the receipt code. A code that is not 16 digits and one that opens no channel
/// get the same answer (400 naming <c>receipt</c>) by the same path: a keyed hash, one indexed read, a fixed-time compare.
/// Tries are limited per address by <see cref="ReceiptLimits"/> before this runs. An opening is an access-log entry on
/// the report, with no user and no address.
/// </summary>
public sealed class OpenInbox(AigaqDb db, ReceiptKey receipts, AccessLog log)
{
    /// <summary>Hashed in place of a code that is not one, so that a malformed code costs what a wrong one does.</summary>
    private const string NotACode = "not-a-receipt-code";

    public static IResult WrongReceipt() => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["receipt"] = ["does not open an inbox: check the 16 digits"] },
        type: ProblemTypes.Validation, title: "The request has invalid fields.");

    /// <summary>The channel the code opens, or null.</summary>
    public async Task<AnonymousChannel?> FindAsync(string? receipt, CancellationToken ct)
    {
        var digits = ReceiptKey.Normalize(receipt);
        var hash = receipts.Hash(digits ?? NotACode);
        var channel = await db.Set<AnonymousChannel>().AsNoTracking().FirstOrDefaultAsync(c => c.ReceiptHash == hash, ct);
        // Every step runs whether or not an earlier one failed: the answer's time tells nothing of which did.
        var same = ReceiptKey.Same(channel?.ReceiptHash ?? hash, hash);
        return (channel is not null) & (digits is not null) & same ? channel : null;
    }

    public async Task<Answer<InboxView>> HandleAsync(InboxRequest request, CancellationToken ct)
    {
        if (await FindAsync(request.Receipt, ct) is not { } channel)
        {
            return new ProblemResult(WrongReceipt());
        }

        return Answer<InboxView>.Ok(await ReadAsync(channel, ct));
    }

    /// <summary>The inbox of an opened channel; the opening is written to the access log.</summary>
    public async Task<InboxView> ReadAsync(AnonymousChannel channel, CancellationToken ct)
    {
        var report = await db.Set<Report>().AsNoTracking().FirstAsync(r => r.Id == channel.ReportId, ct);
        BodyKind? body = null;
        string? bodyRegion = null;
        var status = report.Status switch
        {
            ReportStatus.Registered => InboxStatus.Registered,
            ReportStatus.Refused => InboxStatus.Refused,
            _ => InboxStatus.Received,
        };
        if (report.CaseId is { } caseId)
        {
            var held = await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId)
                .Select(c => new { c.ResponsibleKind, c.ResponsibleRegion }).FirstOrDefaultAsync(ct);
            var pending = await db.Set<Referral>().AsNoTracking().Where(r => r.CaseId == caseId && r.Status == ReferralStatus.Pending)
                .Select(r => new { r.ToKind, r.ToRegion }).FirstOrDefaultAsync(ct);
            (body, bodyRegion) = pending is not null ? (pending.ToKind, pending.ToRegion) : (held?.ResponsibleKind, held?.ResponsibleRegion);
            if (pending is not null && status == InboxStatus.Registered)
            {
                status = InboxStatus.Routed;
            }
        }

        var messages = await AnonymousThread.MessagesAsync(db, channel.ReportId, ct);
        log.Add(null, "anonymous.inbox.read", channel.ReportId.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return new InboxView(
            status, report.ReceivedAt, report.RegistrationDueBy, body, bodyRegion,
            [.. messages.Select(m => new InboxMessageView(m.Number, m.Author, m.RecordedAt, m.Text))]);
    }
}
