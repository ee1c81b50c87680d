using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>What happened to a measure in force: its term extended, a review held, or its end.</summary>
public enum MeasureChangeKind
{
    Extended,
    Reviewed,
    Ended,
}

/// <summary>
/// A measure granted by a decision and brought in force: who implements it, from when, until when (open-ended when
/// null) and when it is to be reviewed. Never changed: an extension, a review or an end is a
/// <see cref="ProtectionMeasureChange"/>; the measure's current term and review date are those of its latest change.
/// </summary>
public sealed class ProtectionMeasure
{
    public Guid Id { get; init; }
    public Guid DecisionId { get; init; }
    public Guid ApplicationId { get; init; }
    public Guid PersonId { get; init; }
    public required string Region { get; init; }
    public required string Code { get; init; }
    public required string ImplementingBody { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public DateTimeOffset? ReviewBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// A change of a measure in force, with its reason, numbered in the order recorded. <see cref="EndsAt"/> and <see cref="ReviewBy"/> are the measure's
/// term and next review from this change on (an end sets <see cref="EndsAt"/> to <see cref="At"/>).
/// </summary>
public sealed class ProtectionMeasureChange
{
    public Guid Id { get; init; }
    public Guid MeasureId { get; init; }

    /// <summary>1 for the measure's first change, and so on: the order of changes, and (unique) a guard against two at once.</summary>
    public int Number { get; init; }
    public MeasureChangeKind Kind { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public DateTimeOffset? ReviewBy { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>How a follow-up contact with a protected person was made.</summary>
public enum ContactChannel
{
    InPerson,
    Phone,
    Messenger,
    Video,
    Letter,
    ThroughDefender,
    Other,
}

/// <summary>
/// A follow-up contact with a protected person (issue 15, item 7): when, how, what came of it (free text, kept here and
/// only as a digest in the log) and by when the next is due. When <see cref="NextContactBy"/> passes with no later
/// contact, <c>FollowUpContactDue</c> is raised.
/// </summary>
public sealed class FollowUpContact
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public required string Region { get; init; }
    public DateTimeOffset At { get; init; }
    public ContactChannel Channel { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset? NextContactBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class ProtectionMeasureConfiguration : IEntityTypeConfiguration<ProtectionMeasure>
{
    public void Configure(EntityTypeBuilder<ProtectionMeasure> b)
    {
        b.ToTable("protection_measures");
        b.HasKey(m => m.Id);
        b.HasIndex(m => m.PersonId);
        b.HasIndex(m => m.ApplicationId);
        b.HasIndex(m => new { m.DecisionId, m.Code }).IsUnique();
        b.Property(m => m.Region).HasMaxLength(8);
        b.Property(m => m.Code).HasMaxLength(40);
        b.Property(m => m.ImplementingBody).HasMaxLength(300);
        b.HasOne<ProtectionDecision>().WithMany().HasForeignKey(m => m.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProtectionMeasureChangeConfiguration : IEntityTypeConfiguration<ProtectionMeasureChange>
{
    public void Configure(EntityTypeBuilder<ProtectionMeasureChange> b)
    {
        b.ToTable("protection_measure_changes");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.MeasureId, c.Number }).IsUnique();
        b.Property(c => c.Reason).HasMaxLength(4000);
        b.HasOne<ProtectionMeasure>().WithMany().HasForeignKey(c => c.MeasureId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FollowUpContactConfiguration : IEntityTypeConfiguration<FollowUpContact>
{
    public void Configure(EntityTypeBuilder<FollowUpContact> b)
    {
        b.ToTable("protection_contacts");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.PersonId, c.At });
        b.HasIndex(c => c.NextContactBy);
        b.Property(c => c.Region).HasMaxLength(8);
        b.Property(c => c.Outcome).HasMaxLength(4000);
        b.HasOne<ProtectedPerson>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
