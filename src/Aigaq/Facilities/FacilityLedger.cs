using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Facilities;

/// <summary>What the log commits to for a facility of the register (which never changes once registered), and its audit.</summary>
public static class FacilityLedger
{
    public const string Registered = "facility.registered";

    public static void Content(CanonicalJsonWriter w, Facility f) => w.Value(LedgerWriter.Content(FacilityView.From(f)));
}

internal sealed class FacilityAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [FacilityLedger.Registered];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var f in audit.Db.Set<Facility>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(FacilityLedger.Registered, f.Id, "facility", w => FacilityLedger.Content(w, f));
        }
    }
}
