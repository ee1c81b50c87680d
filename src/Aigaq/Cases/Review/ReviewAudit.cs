using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>Complaints and the reviewers' decisions, each against the entry that registered it.</summary>
internal sealed class ReviewAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [ReviewLedger.ComplaintReceived, ReviewLedger.ComplaintDecided];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var c in audit.Db.Set<Complaint>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ReviewLedger.ComplaintReceived, c.Id, "complaint", () => ReviewLedger.Content(c));
        }

        await foreach (var d in audit.Db.Set<ComplaintDecision>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ReviewLedger.ComplaintDecided, d.Id, "complaint decision", () => ReviewLedger.Content(d));
        }
    }
}
