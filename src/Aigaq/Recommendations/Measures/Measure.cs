using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Recommendations;

/// <summary>Where a measure stands (ADR 0032, addendum): data, not a column to update; each change is a <see cref="MeasureStatusChange"/>.</summary>
public enum MeasureStatus
{
    Planned,
    InProgress,
    Completed,
    Abandoned,
}

/// <summary>
/// A measure taken (or planned) on a recommendation (issue 18, item 2): a title, the lead institution, the supporting
/// ones (a JSON array of names) and a target date. Never changed in place: its status is the latest of its
/// <see cref="MeasureStatusChange"/> rows, the first of which is written with it.
/// </summary>
public sealed class RecommendationMeasure
{
    public Guid Id { get; init; }
    public Guid RecommendationId { get; init; }
    public required string Title { get; init; }
    public required string Lead { get; init; }
    public required string Supporting { get; init; }
    public DateOnly? TargetDate { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>A measure's status from <see cref="At"/> on, who said so and why (<see cref="Note"/>). Appended, never updated.</summary>
public sealed class MeasureStatusChange
{
    public Guid Id { get; init; }
    public Guid MeasureId { get; init; }
    public MeasureStatus Status { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// A document that shows a measure was taken: the file is kept by content under DATADIR (<see cref="EvidenceStore"/>),
/// written before this row; its SHA-256 is in the row and in the log.
/// </summary>
public sealed class MeasureEvidence
{
    public Guid Id { get; init; }
    public Guid MeasureId { get; init; }
    public required string Sha256 { get; init; }
    public long Size { get; init; }
    public required string MediaType { get; init; }
    public string? FileName { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class MeasureConfiguration :
    IEntityTypeConfiguration<RecommendationMeasure>, IEntityTypeConfiguration<MeasureStatusChange>, IEntityTypeConfiguration<MeasureEvidence>
{
    public void Configure(EntityTypeBuilder<RecommendationMeasure> b)
    {
        b.ToTable("recommendation_measures");
        b.HasKey(m => m.Id);
        b.HasIndex(m => m.RecommendationId);
        b.HasOne<Recommendation>().WithMany().HasForeignKey(m => m.RecommendationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(m => m.Title).HasMaxLength(AddMeasure.MaxTitle);
        b.Property(m => m.Lead).HasMaxLength(AddMeasure.MaxInstitution);
        // Supporting institutions: unbounded text, so that every list a rule pack may allow is stored (names of any
        // characters, one of which may take six in JSON).
        b.Property(m => m.Supporting).HasColumnType("text");
    }

    public void Configure(EntityTypeBuilder<MeasureStatusChange> b)
    {
        b.ToTable("recommendation_measure_statuses");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.MeasureId, s.At });
        b.HasOne<RecommendationMeasure>().WithMany().HasForeignKey(s => s.MeasureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Note).HasMaxLength(AddMeasure.MaxNote);
    }

    public void Configure(EntityTypeBuilder<MeasureEvidence> b)
    {
        b.ToTable("recommendation_measure_evidence");
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.MeasureId);
        b.HasIndex(e => e.Sha256);
        b.HasOne<RecommendationMeasure>().WithMany().HasForeignKey(e => e.MeasureId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.MediaType).HasMaxLength(100);
        b.Property(e => e.FileName).HasMaxLength(AddMeasureEvidence.MaxFileName);
    }
}
