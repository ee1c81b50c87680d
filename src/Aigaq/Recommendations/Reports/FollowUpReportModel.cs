namespace Aigaq.Recommendations;

/// <summary>
/// What the follow-up report on one document (CAT/C/KAZ/CO/4) says for one actor (issue 18, item 5): the renderers'
/// input, filled from the register by the recommendations area, so that they stay pure (no database, no clock of their
/// own) and print exactly what they are given. Free text (summaries, measures, rationales) is printed as written; grade
/// labels come from the scales document (ADR 0031), measure statuses as labels in the report's language.
/// </summary>
/// <remarks>
/// <para><c>Document</c>: The document's symbol, such as <c>CAT/C/KAZ/CO/4</c>.</para>
/// <para><c>Actor</c>: The actor whose assessments the report gives: <c>state</c>, <c>ngo</c>, <c>npm</c>, <c>committee</c> or another.</para>
/// <para><c>Language</c>: <c>kk</c>, <c>ru</c> or <c>en</c> (<see cref="FollowUpReportText.Languages"/>).</para>
/// <para><c>GeneratedAt</c>: When the report was made.</para>
/// <para><c>DataAsOf</c>: The instant the register's figures and assessments are taken at.</para>
/// </remarks>
public sealed record FollowUpReportModel(
    string Document,
    string Actor,
    string Language,
    DateTimeOffset GeneratedAt,
    DateTimeOffset DataAsOf,
    IReadOnlyList<ReportParagraph> Paragraphs);

/// <summary>One paragraph (or sub-paragraph) of the document: the recommendation, what was done, the figures and the grades.</summary>
/// <remarks>
/// <para><c>Summary</c>: The recommendation in the project's words, in the report's language.</para>
/// <para><c>Assessment</c>: The report's actor's latest assessment, if it made one.</para>
/// <para><c>OtherAssessments</c>: The other actors' latest assessments, shown side by side with it.</para>
/// </remarks>
public sealed record ReportParagraph(
    string Paragraph,
    string? SubParagraph,
    string Summary,
    bool FollowUp,
    DateOnly? FollowUpDueBy,
    IReadOnlyList<ReportMeasure> Measures,
    IReadOnlyList<ReportIndicator> Indicators,
    ReportAssessment? Assessment,
    IReadOnlyList<ReportAssessment> OtherAssessments);

/// <summary>A measure taken on a recommendation.</summary>
/// <remarks>
/// <para><c>Status</c>: The status's label in the report's language.</para>
/// <para><c>Overdue</c>: Its target date has passed (as of the report's data) and it is not done.</para>
/// </remarks>
public sealed record ReportMeasure(
    string Title,
    string Lead,
    IReadOnlyList<string> Supporting,
    DateOnly? TargetDate,
    string Status,
    bool Overdue);

/// <summary>What an indicator's figures are; <see cref="Manual"/> is one typed in where the register holds no data.</summary>
public enum ReportUnit
{
    Share,
    Count,
    Hours,
    Rate,
    Manual,
}

/// <summary>An indicator of the paragraph with its yearly snapshots, oldest first.</summary>
/// <remarks>
/// <para><c>Label</c>: Its name in the report's language (SharedResource's <c>Indicator.&lt;id&gt;</c> for a computed one).</para>
/// </remarks>
public sealed record ReportIndicator(string MetricId, string Label, ReportUnit Unit, IReadOnlyList<ReportIndicatorPoint> Points);

/// <summary>
/// An indicator's value for a year as its snapshot kept it: <see cref="Value"/> is null for a share of nothing and for a
/// withheld small count (<see cref="Suppressed"/>), which is printed as withheld, never as zero. A share is 0 to 1, with
/// its <see cref="Part"/> and <see cref="Whole"/>.
/// </summary>
public sealed record ReportIndicatorPoint(int Year, decimal? Value, int? Part, int? Whole, bool Suppressed, DateTimeOffset ComputedAt);

/// <summary>An actor's grade on a scale of the scales document (ADR 0031), as it was kept: id, version, scale and grade.</summary>
/// <remarks>
/// <para><c>GradeLabel</c>: The grade's label in the report's language, from the scales document.</para>
/// <para><c>Provisional</c>: The scale's owner has not fixed its labels yet.</para>
/// </remarks>
public sealed record ReportAssessment(
    string Actor,
    string ScaleId,
    int ScaleVersion,
    string GradeId,
    string GradeLabel,
    bool Provisional,
    string? Rationale,
    DateTimeOffset At)
{
    /// <summary>
    /// How <paramref name="other"/> stands against this one: the same grade, a different grade on the same scale (a
    /// disagreement, marked in the report), or a grade on another scale, which cannot be compared.
    /// </summary>
    public GradeComparison Compare(ReportAssessment other) =>
        !string.Equals(ScaleId, other.ScaleId, StringComparison.Ordinal) ? GradeComparison.OtherScale
        : string.Equals(GradeId, other.GradeId, StringComparison.Ordinal) ? GradeComparison.Same
        : GradeComparison.Differs;
}

public enum GradeComparison
{
    Same,
    Differs,
    OtherScale,
}
