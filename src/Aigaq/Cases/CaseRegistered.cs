using Aigaq.Data;

namespace Aigaq.Cases;

/// <summary>
/// A case just registered from a report, inside the transaction that stores it: what another area may add to the same
/// transaction (an examination requested for the victim, say) without the case register knowing that area.
/// </summary>
public sealed record CaseRegistered(AigaqDb Db, Case Case, Report Report, DateTimeOffset Now);

/// <summary>An area that acts on registered cases, in their transaction; registered in the area's module.</summary>
public interface ICaseSubscriber
{
    Task OnRegisteredAsync(CaseRegistered registered, CancellationToken ct);
}
