using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Answers;

/// <summary>Checklist answers (each revision) and departures, each against its entry.</summary>
internal sealed class AnswerAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [AnswerLedger.Answered, AnswerLedger.Departed];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var a in audit.Db.Set<VisitChecklistAnswer>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(AnswerLedger.Answered, a.Id, "visit checklist answer", () => AnswerLedger.Content(a));
        }

        await foreach (var d in audit.Db.Set<VisitDeparture>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(AnswerLedger.Departed, d.Id, "visit departure", () => AnswerLedger.Content(d));
        }
    }
}
