using Aigaq.Data;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>One version's checklist for one kind of place, and whether it is the version new visits are answered under.</summary>
public sealed record ChecklistView(string Id, int Version, DateTimeOffset ValidFrom, bool InForce, string Kind, IReadOnlyList<ChecklistTheme> Themes);

/// <summary>
/// <c>GET /api/v1/checklists?facilityType=</c> (CONTRACT.md): every version's checklist for a kind of place, newest first,
/// the one in force marked. <c>facilityType</c> is a facility type's name or a checklist kind (ADR 0028: they are the same
/// names, and <c>socialCareHome</c> besides); without it, every kind.
/// </summary>
public sealed class ListChecklists(VisitChecklists checklists, TimeProvider clock)
{
    public Answer<Page<ChecklistView>> Handle(string? facilityType)
    {
        var inForce = checklists.At(clock.GetUtcNow());
        var known = checklists.All.SelectMany(c => c.Kinds.Select(k => k.Id)).Distinct(StringComparer.Ordinal).ToList();
        if (facilityType is not null && !known.Contains(facilityType, StringComparer.Ordinal))
        {
            var v = new Validation();
            v.Add("facilityType", "must be one of " + string.Join(", ", known));
            return new ProblemResult(v.Problem());
        }

        var items = checklists.All.OrderByDescending(c => c.ValidFrom)
            .SelectMany(c => c.Kinds.Where(k => facilityType is null || k.Id == facilityType)
                .Select(k => c.For(k.Id)!)
                .Select(k => new ChecklistView(c.Id, c.Version, c.ValidFrom, ReferenceEquals(c, inForce), k.Kind, k.Themes)))
            .ToList();
        return Answer<Page<ChecklistView>>.Ok(new Page<ChecklistView>(items, null));
    }
}
