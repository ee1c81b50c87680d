using Aigaq.Facilities;
using Aigaq.Visits.Headcounts;

namespace Aigaq.Visits;

/// <summary>
/// What a visit report says (issue 17, item 10): the renderer's input, filled by <see cref="VisitReportAssembler"/> so that
/// the PDF stays pure and prints exactly what it is given. In the public version (<see cref="Full"/> false) every field
/// that is or may hold personal data is null or empty: team names, who refused and why, notes, area and register names
/// (free text), the approval's comment, the closed-to-monitoring reason and the headcount's lines.
/// </summary>
public sealed record VisitReportModel(
    string Language,
    bool Full,
    DateTimeOffset GeneratedAt,
    string Number,
    string FacilityName,
    FacilityType FacilityType,
    Agency Agency,
    string Region,
    VisitKind Kind,
    bool Announced,
    DateTimeOffset? NoticeGivenAt,
    DateTimeOffset PlannedFor,
    IReadOnlyList<VisitReportMember> Team,
    DateTimeOffset? ApprovedAt,
    string? ApprovalComment,
    DateTimeOffset? ArrivedAt,
    DateTimeOffset? AdmittedAt,
    IReadOnlyList<VisitReportCheck> Checks,
    IReadOnlyList<VisitReportDenial> Denials,
    VisitReportHeadcount? Headcount,
    VisitReportProfile Profile,
    IReadOnlyList<VisitReportSection> Sections,
    VisitReportDenialCounts? DenialCounts = null);

/// <summary>A team member: the role always, the name in the full version only.</summary>
public sealed record VisitReportMember(TeamRole Role, string? Name);

/// <summary>An area seen or a register checked; its name and note (free text) in the full version only.</summary>
public sealed record VisitReportCheck(VisitCheckKind Kind, DateTimeOffset At, string? Name, string? Note);

/// <summary>An access denial of the full version: what and when and for how long, who refused and the reason given.</summary>
public sealed record VisitReportDenial(DeniedAccess What, DateTimeOffset At, int? Minutes, string? By, string? Reason);

/// <summary>
/// The public version's access denials: how many of each kind, with no time, no one who refused and no reason (a denial
/// of access to a person held at a given time can point at that person). A count of a kind that points at people
/// (<see cref="PointsAtPeople"/>) from 1 to below <see cref="SmallCell"/> is not held at all: its count is null and is
/// printed "fewer than" the threshold, as the headcount's counts are.
/// </summary>
public sealed record VisitReportDenialCounts(IReadOnlyDictionary<DeniedAccess, int?> Counts, int SmallCell)
{
    /// <summary>Kinds whose denial concerns a person: the person held the team asked to see, the interview it asked to hold.</summary>
    public static readonly IReadOnlySet<DeniedAccess> PointsAtPeople = new HashSet<DeniedAccess> { DeniedAccess.Detainee, DeniedAccess.PrivateInterview };

    /// <summary>Whether any denial is counted (a withheld count is one).</summary>
    public bool Any => Counts.Values.Any(n => n is not 0);

    public static VisitReportDenialCounts Of(IEnumerable<DeniedAccess> denied, int smallCell)
    {
        var counts = denied.CountBy(d => d).ToDictionary();
        return new VisitReportDenialCounts(
            Enum.GetValues<DeniedAccess>().ToDictionary(
                d => d,
                d => counts.GetValueOrDefault(d) is var n && n > 0 && n < smallCell && PointsAtPeople.Contains(d) ? (int?)null : n),
            smallCell);
    }
}

/// <summary>
/// The headcount's findings: counts by finding always; its lines (the detention's number, the names found) in the full
/// version only. In the public version a count of a finding that points at people (<see cref="PointsAtPeople"/>) from 1
/// to below <see cref="SmallCell"/> is not held at all: its count is null and is printed "fewer than" the threshold.
/// </summary>
public sealed record VisitReportHeadcount(
    DateTimeOffset At, IReadOnlyDictionary<HeadcountFinding, int?> Counts, IReadOnlyList<VisitReportHeadcountLine> Lines, int SmallCell = 0)
{
    /// <summary>
    /// The findings whose small count beside a named place and day points at people: one person held off the register,
    /// registered elsewhere, or registered and not found is someone the custodians know. The people found and registered
    /// are the place's population, which the register already holds.
    /// </summary>
    public static readonly IReadOnlySet<HeadcountFinding> PointsAtPeople = new HashSet<HeadcountFinding>
    {
        HeadcountFinding.Unregistered, HeadcountFinding.RegisteredElsewhere, HeadcountFinding.Absent,
    };

    /// <summary>The counts as the version prints them: in the public one (<paramref name="smallCell"/> above 0) a small count that points at people is withheld.</summary>
    public static IReadOnlyDictionary<HeadcountFinding, int?> Counted(IEnumerable<HeadcountFinding> findings, int smallCell)
    {
        var counts = findings.CountBy(f => f).ToDictionary();
        return Enum.GetValues<HeadcountFinding>().ToDictionary(
            f => f,
            f => counts.GetValueOrDefault(f) is var n && n > 0 && n < smallCell && PointsAtPeople.Contains(f) ? (int?)null : n);
    }
}

public sealed record VisitReportHeadcountLine(HeadcountFinding Finding, string? DetentionNumber, string? Name);

/// <summary>The facility's monitoring profile at the report: capacity, closed to monitoring (the reason in the full version only).</summary>
public sealed record VisitReportProfile(int? Capacity, bool Closed, string? ClosedReason, int AccessDenials);

/// <summary>
/// A further section of the report, titled in its language, as lines of label and value: the place where checklist
/// answers, private interviews and the visit's recommendations go as those parts of issue 17 land (empty until then, and
/// the PDF prints nothing for an empty list). Whoever fills one keeps the public version free of personal data.
/// </summary>
public sealed record VisitReportSection(string Title, IReadOnlyList<VisitReportLine> Lines);

public sealed record VisitReportLine(string Label, string? Value);
