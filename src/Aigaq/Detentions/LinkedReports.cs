using System.Security.Claims;

namespace Aigaq.Detentions;

/// <summary>A report made about a detention, as the custody page lists it; status and source are their enum names.</summary>
public sealed record LinkedReport(Guid Id, string Number, string Status, string Source, bool Open, DateTimeOffset ReceivedAt);

/// <summary>
/// The reports about a detention, from the area that keeps reports (which depends on this one, so the custody page
/// asks through this seam rather than reading that area's tables).
/// </summary>
public interface ILinkedReports
{
    /// <summary>The reports about the detention that the user may read, in order of receipt; null when the user may read none.</summary>
    Task<IReadOnlyList<LinkedReport>?> AboutAsync(Guid detentionId, ClaimsPrincipal user, CancellationToken ct);
}
