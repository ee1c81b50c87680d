using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Recommendations;

/// <summary>Who assesses a recommendation's implementation (CONTRACT.md): the state, the NGO coalition, the NPM, a UN committee.</summary>
public enum AssessmentActor
{
    State,
    Ngo,
    Npm,
    Committee,
}

/// <summary>
/// A UN recommendation as registered (issue 18, item 1): public UN text, but a registered fact all the same, never
/// changed in place. Its lists (themes, affected groups, addressees, related recommendations) are stored as JSON arrays
/// of text, committed with it; a paragraph of a document is registered once (<see cref="SubParagraph"/> is "" for none,
/// so that the unique index holds on both providers).
/// </summary>
public sealed class Recommendation
{
    /// <summary>
    /// The size, in characters, of the related recommendations' JSON text (at most
    /// <see cref="RegisterRecommendation.MaxRelated"/> ids). The other lists (themes, affected groups, addressees) are
    /// limited by the rule pack, whose figures a new pack may raise, and one character of a name may take six in JSON
    /// (<c>\u0022</c>): their columns are unbounded text, so that every list a pack may allow is stored
    /// (<c>ListLimitsTests</c> checks each list column against the highest figures a pack may set).
    /// </summary>
    public const int MaxRelatedJson = 4000;

    public Guid Id { get; init; }
    public required string Mechanism { get; init; }
    public required string Document { get; init; }
    public int Paragraph { get; init; }
    public required string SubParagraph { get; init; }

    /// <summary>The summary as CONTRACT.md takes it (in any of the three languages), and its wording in each, when given.</summary>
    public required string Summary { get; init; }
    public string? SummaryKk { get; init; }
    public string? SummaryRu { get; init; }
    public string? SummaryEn { get; init; }
    public DateOnly AdoptedAt { get; init; }
    public bool FollowUp { get; init; }
    public DateOnly? FollowUpDueBy { get; init; }

    /// <summary>JSON arrays of strings (ids for themes and groups; institutions' names for addressees; ids for related).</summary>
    public required string Themes { get; init; }
    public required string AffectedGroups { get; init; }
    public required string Addressees { get; init; }
    public required string Related { get; init; }

    /// <summary>How it came: <c>api</c> or <c>import</c>.</summary>
    public required string Source { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public required string RulePackId { get; init; }
}

/// <summary>
/// An actor's assessment of a recommendation on a scale (ADR 0031), with the scales document and version in force at
/// <see cref="At"/>, so that the grade keeps its meaning after the scales change. Appended: a later view is a new row.
/// </summary>
public sealed class RecommendationAssessment
{
    public Guid Id { get; init; }
    public Guid RecommendationId { get; init; }
    public AssessmentActor Actor { get; init; }
    public required string ScalesId { get; init; }
    public int ScalesVersion { get; init; }
    public required string Scale { get; init; }
    public required string Grade { get; init; }
    public string? Rationale { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// An indicator of a recommendation: a metric of the catalogue (ADR 0031) for a region (or all), or a manual one
/// (<see cref="ManualMetric"/>, with a label and unit) where the register holds no data. Its values are
/// <see cref="IndicatorSnapshot"/> rows, appended at each computation.
/// </summary>
public sealed class RecommendationIndicator
{
    public const string ManualMetric = "manual";

    public Guid Id { get; init; }
    public Guid RecommendationId { get; init; }
    public required string Metric { get; init; }
    public string? Region { get; init; }
    public string? Label { get; init; }
    public IndicatorUnit Unit { get; init; }

    /// <summary>What makes an indicator one of its recommendation: metric, region and (manual) label; unique.</summary>
    public required string Key { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// An indicator's value for a local calendar year as known at <see cref="ComputedAt"/>: computed from the register, or
/// given by a person (manual). Never overwritten: a refresh appends, so a report can say what was known when.
/// </summary>
public sealed class IndicatorSnapshot
{
    public Guid Id { get; init; }
    public Guid IndicatorId { get; init; }
    public int Year { get; init; }
    public decimal? Value { get; init; }
    public int? Part { get; init; }
    public int? Whole { get; init; }
    public bool Suppressed { get; init; }
    public bool Manual { get; init; }
    public DateTimeOffset ComputedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class RecommendationConfiguration :
    IEntityTypeConfiguration<Recommendation>, IEntityTypeConfiguration<RecommendationAssessment>,
    IEntityTypeConfiguration<RecommendationIndicator>, IEntityTypeConfiguration<IndicatorSnapshot>
{
    public void Configure(EntityTypeBuilder<Recommendation> b)
    {
        b.ToTable("recommendations");
        b.HasKey(r => r.Id);
        // A paragraph of a document is registered once: two requests at once meet here.
        b.HasIndex(r => new { r.Document, r.Paragraph, r.SubParagraph }).IsUnique();
        b.Property(r => r.Mechanism).HasMaxLength(Rules.RecommendationRules.MaxMechanism);
        b.Property(r => r.Document).HasMaxLength(RegisterRecommendation.MaxDocument);
        b.Property(r => r.SubParagraph).HasMaxLength(RegisterRecommendation.MaxSubParagraph);
        b.Property(r => r.Summary).HasMaxLength(RegisterRecommendation.MaxSummary);
        b.Property(r => r.SummaryKk).HasMaxLength(RegisterRecommendation.MaxSummary);
        b.Property(r => r.SummaryRu).HasMaxLength(RegisterRecommendation.MaxSummary);
        b.Property(r => r.SummaryEn).HasMaxLength(RegisterRecommendation.MaxSummary);
        // Unbounded text (see MaxRelatedJson): every list a rule pack may allow is stored.
        b.Property(r => r.Themes).HasColumnType("text");
        b.Property(r => r.AffectedGroups).HasColumnType("text");
        b.Property(r => r.Addressees).HasColumnType("text");
        b.Property(r => r.Related).HasMaxLength(Recommendation.MaxRelatedJson);
        b.Property(r => r.Source).HasMaxLength(10);
        b.Property(r => r.RulePackId).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<RecommendationAssessment> b)
    {
        b.ToTable("recommendation_assessments");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.RecommendationId, a.At });
        b.HasOne<Recommendation>().WithMany().HasForeignKey(a => a.RecommendationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.ScalesId).HasMaxLength(AssessmentScaleSet.MaxId);
        b.Property(a => a.Scale).HasMaxLength(AssessmentScaleSet.MaxId);
        b.Property(a => a.Grade).HasMaxLength(AssessmentScaleSet.MaxId);
        b.Property(a => a.Rationale).HasMaxLength(AssessRecommendation.MaxRationale);
    }

    public void Configure(EntityTypeBuilder<RecommendationIndicator> b)
    {
        b.ToTable("recommendation_indicators");
        b.HasKey(i => i.Id);
        b.HasIndex(i => new { i.RecommendationId, i.Key }).IsUnique();
        b.HasOne<Recommendation>().WithMany().HasForeignKey(i => i.RecommendationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.Metric).HasMaxLength(60);
        b.Property(i => i.Region).HasMaxLength(8);
        b.Property(i => i.Label).HasMaxLength(TrackIndicator.MaxLabel);
        b.Property(i => i.Key).HasMaxLength(TrackIndicator.MaxLabel + 80);
    }

    public void Configure(EntityTypeBuilder<IndicatorSnapshot> b)
    {
        b.ToTable("recommendation_indicator_snapshots");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.IndicatorId, s.Year, s.ComputedAt });
        b.HasOne<RecommendationIndicator>().WithMany().HasForeignKey(s => s.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Value).HasPrecision(18, 4);
    }
}
