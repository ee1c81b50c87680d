using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary>Measures, their status changes and their evidence, each against its entry.</summary>
internal sealed class MeasureAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [MeasureLedger.Added, MeasureLedger.StatusChanged, MeasureLedger.EvidenceAdded];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var m in audit.Db.Set<RecommendationMeasure>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(MeasureLedger.Added, m.Id, "measure", () => MeasureLedger.Content(m));
        }

        await foreach (var s in audit.Db.Set<MeasureStatusChange>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(MeasureLedger.StatusChanged, s.Id, "measure status", () => MeasureLedger.Content(s));
        }

        await foreach (var e in audit.Db.Set<MeasureEvidence>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(MeasureLedger.EvidenceAdded, e.Id, "measure evidence", () => MeasureLedger.Content(e));
        }
    }
}
