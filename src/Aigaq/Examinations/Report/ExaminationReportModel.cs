namespace Aigaq.Examinations;

/// <summary>
/// What the sealed examination's report prints (issue 16, item 7), in plain values: the examinations core fills it from
/// its records. Ids (<c>requestedBy</c>, consent items, views, regions, consistency levels) are the contract's and are
/// printed in the report's language.
/// </summary>
/// <remarks><c>PersonLabel</c>: The examined person as the report names them: a pseudonymous label, not the name.</remarks>
/// <remarks><c>RequestedBy</c>: The requester's kind: investigator, specialProsecutor, prosecutor, court, defender, examinedPerson, monitor or ngo.</remarks>
/// <remarks><c>Opinion</c>: The overall opinion, a consistency level (null when none was given).</remarks>
/// <remarks><c>AbsenceOfFindings</c>: Whether the report must say that the absence of findings does not prove the absence of torture.</remarks>
public sealed record ExaminationReportModel(
    string Number,
    string PersonLabel,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    string? RequestReference,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? SealedAt,
    string Place,
    ReportExaminer Examiner,
    ReportSession Session,
    IReadOnlyList<ReportConsent> Consent,
    string? RefusalReason,
    string? Allegations,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<ReportPhoto> Photos,
    string? PsychologicalEvaluation,
    string? Opinion,
    string? Conclusions,
    string? Recommendations,
    bool AbsenceOfFindings,
    IReadOnlyList<ReportAmendment> Amendments,
    ReportReceipt? Receipt)
{
    /// <summary>
    /// Every section of the examination's form version with every field and its recorded value, in the form's order
    /// (issue 16, item 2 of the coverage work); empty for a model built without the form, which prints the allegations
    /// and the psychological evaluation only.
    /// </summary>
    public IReadOnlyList<ReportSection> Sections { get; init; } = [];

    /// <summary>The form version the examination was recorded on, whose own labels name what SharedResource does not.</summary>
    public ExaminationForm? Form { get; init; }
}

/// <summary>A section of the form as the report prints it: its id, its label in the report's language, its fields.</summary>
public sealed record ReportSection(string Id, string Heading, IReadOnlyList<ReportField> Fields);

/// <summary>A field of the form with its label and its recorded value (null when nothing was recorded).</summary>
public sealed record ReportField(string Id, string Label, string? Value);

/// <remarks><c>Independent</c>: Whether the examiner declared no tie to the agency accused.</remarks>
public sealed record ReportExaminer(string Name, string Qualifications, string Declaration, bool Independent);

public sealed record ReportPresent(string Name, string Affiliation);

/// <remarks><c>PoliceAskedToLeave</c>: Whether police present were asked to leave; null when none were present.</remarks>
public sealed record ReportSession(
    IReadOnlyList<ReportPresent> Present, bool PolicePresent, bool? PoliceAskedToLeave, string? Interpreter, string? Restrictions);

/// <remarks><c>Item</c>: examination, photographs, shareWithInvestigators, ... as the form names them.</remarks>
public sealed record ReportConsent(string Item, bool Given);

/// <remarks><c>Consistency</c>: notConsistent, consistent, highlyConsistent, typicalOf or diagnosticOf.</remarks>
public sealed record ReportFinding(
    int Number, string View, string Region, double X, double Y, string Description, string? Size, string Consistency, string Rationale);

public sealed record ReportPhoto(
    int Number, string Sha256, int? Finding, bool ScaleShown, bool ColourChartShown, bool IdentifiesPerson, bool Intimate, string? CameraTime);

public sealed record ReportAmendment(DateTimeOffset At, string By, string Reason, string Change);

/// <summary>The sealing's entry in the transparency log.</summary>
public sealed record ReportReceipt(long Index, string LeafHash, string? Checkpoint, string? CheckUrl);

/// <summary>The five levels of the Istanbul Protocol (2022), for a finding and for the overall opinion.</summary>
public static class ConsistencyLevels
{
    public static readonly IReadOnlyList<string> All = ["notConsistent", "consistent", "highlyConsistent", "typicalOf", "diagnosticOf"];

    public static bool IsKnown(string? level) => level is not null && All.Contains(level, StringComparer.Ordinal);
}
