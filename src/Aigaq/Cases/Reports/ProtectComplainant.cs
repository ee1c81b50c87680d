using System.Security.Claims;

namespace Aigaq.Cases;

/// <summary>
/// A report's request that one of its victims be protected from the start (issue 15, item 1): their role, disclosure
/// and risk as the protection area names them, and how to reach them (sealed with the identity, never in the report).
/// </summary>
/// <param name="Victim">Which of the report's victims (0 when not given).</param>
/// <param name="Role">The person's role; complainant when not given.</param>
/// <param name="Disclosure">anonymous, confidential or open.</param>
/// <param name="Risk">low, medium or high.</param>
/// <param name="Phone">Sealed with the identity.</param>
/// <param name="Email">Sealed with the identity.</param>
/// <param name="Address">Sealed with the identity.</param>
public sealed record ProtectInput(int? Victim, string? Role, string? Disclosure, string? Risk, string? Phone, string? Email, string? Address);

/// <summary>
/// The protection area's hand in receiving a report, so that the report register need not know it: registers the
/// victim as a protected person, linked to the report, in the report's transaction.
/// </summary>
public interface IComplainantProtection
{
    /// <summary>
    /// Registers the person; the report is saved in the transaction, not committed. A problem (its fields named as in
    /// the report's request) refuses the whole report.
    /// </summary>
    Task<IResult?> ProtectAsync(Report report, int victim, VictimInput person, ProtectInput input, ClaimsPrincipal user, CancellationToken ct);
}
