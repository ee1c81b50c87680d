using System.Text.Json.Nodes;
using Aigaq.TransparencyLog;

namespace Aigaq.Protection;

/// <summary>
/// Anonymous channels and their messages, each row from its stored columns. The receipt's keyed hash is committed (a
/// hash swapped in the database would hand the channel to whoever knows the new code: the audit names it); a message's
/// text only as its digest, since it may name people.
/// </summary>
public static partial class ProtectionLedger
{
    public const string AnonymousChannelOpened = "anonymous.channel";
    public const string AnonymousMessageWritten = "anonymous.message";

    public static JsonObject Content(AnonymousChannel c) => new()
    {
        ["id"] = c.Id.ToString(),
        ["reportId"] = c.ReportId.ToString(),
        ["receiptHash"] = c.ReceiptHash,
        ["createdAt"] = LedgerWriter.Instant(c.CreatedAt),
    };

    public static JsonObject Content(AnonymousMessage m) => new()
    {
        ["id"] = m.Id.ToString(),
        ["reportId"] = m.ReportId.ToString(),
        ["number"] = m.Number,
        ["author"] = m.Author.ToString(),
        ["text"] = HexDigest(m.Text),
        ["recordedAt"] = LedgerWriter.Instant(m.RecordedAt),
        ["recordedBy"] = m.RecordedBy.ToString(),
    };
}
