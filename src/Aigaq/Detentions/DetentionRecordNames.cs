using Aigaq.Data;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

/// <summary>A detention's entries, and those of its custody events, are named by the detention's number.</summary>
internal sealed class DetentionRecordNames : IRecordNames
{
    public IReadOnlyCollection<string> Kinds => [DetentionLedger.Registered, DetentionLedger.State.Kind, DetentionLedger.Event];

    public async Task<string?> NumberAsync(AigaqDb db, string kind, Guid recordId, CancellationToken ct)
    {
        var detention = kind == DetentionLedger.Event
            ? await db.Set<DetentionEvent>().AsNoTracking().Where(e => e.Id == recordId).Select(e => (Guid?)e.DetentionId).FirstOrDefaultAsync(ct)
            : recordId;
        return detention is null
            ? null
            : await db.Set<Detention>().AsNoTracking().Where(d => d.Id == detention).Select(d => d.Number).FirstOrDefaultAsync(ct);
    }
}
