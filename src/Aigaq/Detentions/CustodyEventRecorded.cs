using Aigaq.Data;

namespace Aigaq.Detentions;

/// <summary>
/// A custody event just recorded, inside the transaction that stores it: what another area may add to the same
/// transaction (a report made by injuries found, say) without the custody timeline knowing that area. <see cref="Details"/>
/// is the event as its typed record, checked, with the values the row stores.
/// </summary>
public sealed record CustodyEventRecorded(AigaqDb Db, Detention Detention, DetentionEvent Event, CustodyEvent Details, DateTimeOffset Now);

/// <summary>An area that acts on recorded custody events, in their transaction; registered in the area's module.</summary>
public interface ICustodyEventSubscriber
{
    Task OnRecordedAsync(CustodyEventRecorded recorded, CancellationToken ct);
}
