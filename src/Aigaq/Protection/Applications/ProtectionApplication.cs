using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

public enum ProtectionDecisionKind
{
    Granted,
    Refused,
}

/// <summary>Who brought an appeal against a decision on protection.</summary>
public enum AppealFiledBy
{
    ProtectedPerson,
    Defender,
    Representative,
    ProtectionOfficer,
    Other,
}

/// <summary>
/// An application for security measures (issue 15, item 5): the measures asked (codes of the rule pack), the body that
/// must decide it and by when (<see cref="DecisionDueBy"/>, computed from the pack in force when it was received and
/// stored). Never changed: the decision, any appeal and the appeal's outcome are rows of their own.
/// </summary>
public sealed class ProtectionApplication
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }

    /// <summary>The person's region: whose protection officers and prosecutors the alerts reach.</summary>
    public required string Region { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The measure codes asked, in the order given, separated by commas.</summary>
    public required string Measures { get; init; }

    /// <summary>A kind of the pack's <c>protectionMeasures.decidingBodies</c>.</summary>
    public required string DecidingBodyKind { get; init; }
    public required string DecidingBodyName { get; init; }
    public DateTimeOffset DecisionDueBy { get; init; }
    public required string RulePackId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    public IReadOnlyList<string> MeasureCodes => Measures.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A decision on an application: round 0 is the deciding body's, round n the outcome of the n-th appeal
/// (<see cref="AppealId"/>). One per round (a unique index), so a second decision is refused, not overwritten. A grant
/// brings its measures in force as <see cref="ProtectionMeasure"/> rows.
/// </summary>
public sealed class ProtectionDecision
{
    public Guid Id { get; init; }
    public Guid ApplicationId { get; init; }
    public int Round { get; init; }
    public Guid? AppealId { get; init; }
    public ProtectionDecisionKind Decision { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>An appeal against the decision of the round before it; its outcome is the decision of its own round.</summary>
public sealed class ProtectionAppeal
{
    public Guid Id { get; init; }
    public Guid ApplicationId { get; init; }

    /// <summary>The round its outcome will take: one more than the decision appealed.</summary>
    public int Round { get; init; }
    public Guid AppealedDecisionId { get; init; }
    public DateTimeOffset FiledAt { get; init; }
    public AppealFiledBy By { get; init; }
    public required string Grounds { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class ProtectionApplicationConfiguration : IEntityTypeConfiguration<ProtectionApplication>
{
    public void Configure(EntityTypeBuilder<ProtectionApplication> b)
    {
        b.ToTable("protection_applications");
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.PersonId);
        // The overdue scan.
        b.HasIndex(a => a.DecisionDueBy);
        b.Property(a => a.Region).HasMaxLength(8);
        b.Property(a => a.Measures).HasMaxLength(1000);
        b.Property(a => a.DecidingBodyKind).HasMaxLength(40);
        b.Property(a => a.DecidingBodyName).HasMaxLength(300);
        b.Property(a => a.RulePackId).HasMaxLength(40);
        b.Ignore(a => a.MeasureCodes);
        b.HasOne<ProtectedPerson>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProtectionDecisionConfiguration : IEntityTypeConfiguration<ProtectionDecision>
{
    public void Configure(EntityTypeBuilder<ProtectionDecision> b)
    {
        b.ToTable("protection_decisions");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.ApplicationId, d.Round }).IsUnique();
        b.HasIndex(d => d.AppealId).IsUnique();
        b.Property(d => d.Reason).HasMaxLength(4000);
        b.HasOne<ProtectionApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProtectionAppeal>().WithMany().HasForeignKey(d => d.AppealId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProtectionAppealConfiguration : IEntityTypeConfiguration<ProtectionAppeal>
{
    public void Configure(EntityTypeBuilder<ProtectionAppeal> b)
    {
        b.ToTable("protection_appeals");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.ApplicationId, a.Round }).IsUnique();
        b.HasIndex(a => a.AppealedDecisionId).IsUnique();
        b.Property(a => a.Grounds).HasMaxLength(4000);
        b.HasOne<ProtectionApplication>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProtectionDecision>().WithMany().HasForeignKey(a => a.AppealedDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
