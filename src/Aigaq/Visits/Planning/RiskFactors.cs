using Aigaq.Rules;

namespace Aigaq.Visits;

/// <summary>
/// What the plan reads: facilities of one region or all, and the window of the register before the plan's reference
/// instant (<see cref="From"/> included, <see cref="To"/> not).
/// </summary>
public sealed record PlanScope(string? Region, DateTimeOffset From, DateTimeOffset To, VisitPlanRules Rules);

/// <summary>
/// One factor's value for one facility. <see cref="Count"/> and <see cref="Of"/> say what a rate was made of (alerts of
/// detentions), so that a monitor sees the figures behind it; a count alone leaves them null.
/// </summary>
public sealed record RiskValue(Guid FacilityId, string Factor, decimal Value, int? Count = null, int? Of = null);

/// <summary>
/// A source of risk factors for the visit plan: the register's own (<see cref="RegisterRiskFactors"/>), and those the visits
/// area adds (time since the last visit, open and repeated recommendations, access denials) as sources of their own,
/// registered beside it. Each answers every facility in scope at once, in a few grouped queries, never one per facility;
/// a facility without a value has none for that factor. The plan weighs a factor only when a source computes it and the
/// rule pack weighs it, and names only those in its answer.
/// </summary>
public interface IVisitRiskSource
{
    /// <summary>The factor codes this source computes (camelCase, the rule pack's <c>visitPlanning.weights</c> keys).</summary>
    IReadOnlyList<string> Factors { get; }

    Task<IReadOnlyList<RiskValue>> ReadAsync(PlanScope scope, CancellationToken ct);
}
