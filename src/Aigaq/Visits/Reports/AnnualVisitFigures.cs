using Aigaq.Facilities;
using Aigaq.Visits.Headcounts;

namespace Aigaq.Visits;

/// <summary>Visits of a kind in the year: planned for it, and made (the team arrived) in it.</summary>
public sealed record VisitKindFigure(VisitKind Kind, int Planned, int Made);

/// <summary>The facilities an agency (ministry) runs in scope, how many were visited in the year, and the visits made there.</summary>
public sealed record VisitAgencyFigure(Agency Agency, int Facilities, int Visited, int Made);

/// <summary>A facility no team arrived at in the year: the register's facts only.</summary>
public sealed record NeverVisitedFacility(Guid Id, string Name, FacilityType Type, Agency Agency, string Region);

public sealed record AccessDenialFigure(DeniedAccess What, int Count);

public sealed record HeadcountFindingFigure(HeadcountFinding Finding, int Count);

/// <summary>The headcounts made in the year and what they found, by finding (people, not names).</summary>
public sealed record HeadcountFigures(int Headcounts, IReadOnlyList<HeadcountFindingFigure> Findings);

/// <summary>A count under a name: a checklist theme's id, or a status's (<c>awaiting</c> before any response).</summary>
public sealed record NamedFigure(string Name, int Count);

public sealed record RecommendationAgencyFigure(Agency Agency, int Count);

/// <summary>
/// The recommendations teams made in the year (recorded in it), by checklist theme, by the agency running the place
/// addressed, and by the authority's latest response (<c>awaiting</c> before any); how many were made again
/// (<see cref="Repeated"/>), how many a team's latest check found implemented, and how many have no response past their due
/// day now (<see cref="Overdue"/>, as the list's <c>overdue</c>). <see cref="Addressees"/> counts the distinct addressees:
/// an addressee is a post and a name (free text), so it is counted, never printed.
/// </summary>
public sealed record RecommendationFigures(
    int Made, int Repeated, int FoundImplemented, int Overdue, int Addressees,
    IReadOnlyList<NamedFigure> ByTheme, IReadOnlyList<RecommendationAgencyFigure> ByAgency, IReadOnlyList<NamedFigure> ByStatus);

/// <summary>
/// The annual figures of monitoring visits (issue 17, item 10) for a region or the country: the local year's window, visits
/// by kind and by agency, places never visited, access denials by what was denied, the headcounts' findings and the recommendations made. Counts
/// and the register's facility facts only: nothing personal.
/// </summary>
public sealed record AnnualVisitFiguresView(
    int Year,
    string? Region,
    DateTimeOffset From,
    DateTimeOffset To,
    int VisitsPlanned,
    int VisitsMade,
    IReadOnlyList<VisitKindFigure> ByKind,
    IReadOnlyList<VisitAgencyFigure> ByAgency,
    int Facilities,
    IReadOnlyList<NeverVisitedFacility> NeverVisited,
    int AccessDenials,
    IReadOnlyList<AccessDenialFigure> AccessDenialsByWhat,
    HeadcountFigures Headcounts,
    RecommendationFigures Recommendations);
