using Aigaq.Data;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

/// <summary>
/// Reports and complaints are named by their numbers, cases by their ERDR numbers (decisions are records of their own,
/// and keep their ids).
/// </summary>
internal sealed class CaseRecordNames : IRecordNames
{
    private static readonly string[] ReportKinds = [CaseLedger.ReportReceived, CaseLedger.ReportState.Kind];
    private static readonly string[] CaseKinds = [CaseLedger.CaseOpened, CaseLedger.CaseState.Kind];
    private static readonly string[] ComplaintKinds = [ReviewLedger.ComplaintReceived, ReviewLedger.State.Kind];

    public IReadOnlyCollection<string> Kinds => [.. ReportKinds, .. CaseKinds, .. ComplaintKinds];

    public async Task<string?> NumberAsync(AigaqDb db, string kind, Guid recordId, CancellationToken ct) =>
        ReportKinds.Contains(kind) ? await db.Set<Report>().AsNoTracking().Where(r => r.Id == recordId).Select(r => r.Number).FirstOrDefaultAsync(ct)
        : CaseKinds.Contains(kind) ? await db.Set<Case>().AsNoTracking().Where(c => c.Id == recordId).Select(c => c.ErdrNumber).FirstOrDefaultAsync(ct)
        : await db.Set<Complaint>().AsNoTracking().Where(c => c.Id == recordId).Select(c => c.Number).FirstOrDefaultAsync(ct);
}
