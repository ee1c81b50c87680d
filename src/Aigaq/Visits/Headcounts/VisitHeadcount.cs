using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Visits.Headcounts;

/// <summary>What a headcount found of a person, or of a registered detention (issue 17, item 5).</summary>
public enum HeadcountFinding
{
    /// <summary>Found held, and the register had them here (or on the way here) at that moment.</summary>
    Registered,

    /// <summary>Found held, and no detention of the register matches them: <c>UnregisteredDetainee</c> and a report.</summary>
    Unregistered,

    /// <summary>Found held here, while the register had them held elsewhere: <c>UnregisteredDetainee</c> and a report.</summary>
    RegisteredElsewhere,

    /// <summary>The register had them held here, and the team did not find them: <c>RegisteredButAbsent</c>.</summary>
    Absent,
}

/// <summary>
/// The team's count of the people held in the place, once per visit, compared with the register as it stood at
/// <see cref="At"/>: only what was registered by then counts. Never updated.
/// </summary>
public sealed class VisitHeadcount
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public Guid FacilityId { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public List<HeadcountEntry> Entries { get; init; } = [];
}

/// <summary>
/// One line of a headcount: a person found (with the names the team wrote down) and how the register saw them, or a
/// registered detention the team did not find (no names: the detention has them).
/// </summary>
public sealed class HeadcountEntry
{
    public Guid Id { get; init; }
    public Guid HeadcountId { get; init; }
    public int Position { get; init; }
    public HeadcountFinding Finding { get; init; }
    public string? LastName { get; init; }
    public string? FirstName { get; init; }
    public string? Patronymic { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Iin { get; init; }
    public Guid? DetentionId { get; init; }

    /// <summary>The torture report opened for a person found but not registered here.</summary>
    public Guid? ReportId { get; init; }
}

internal sealed class HeadcountConfiguration : IEntityTypeConfiguration<VisitHeadcount>, IEntityTypeConfiguration<HeadcountEntry>
{
    public void Configure(EntityTypeBuilder<VisitHeadcount> b)
    {
        b.ToTable("visit_headcounts");
        b.HasKey(h => h.Id);
        // One count per visit: the register's absences are those of the whole place.
        b.HasIndex(h => h.VisitId).IsUnique();
        b.HasOne<Visit>().WithMany().HasForeignKey(h => h.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Entries).WithOne().HasForeignKey(e => e.HeadcountId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<HeadcountEntry> b)
    {
        b.ToTable("visit_headcount_entries");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.HeadcountId, e.Position }).IsUnique();
        b.HasIndex(e => e.DetentionId);
        b.HasOne<Detention>().WithMany().HasForeignKey(e => e.DetentionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.LastName).HasMaxLength(100);
        b.Property(e => e.FirstName).HasMaxLength(100);
        b.Property(e => e.Patronymic).HasMaxLength(100);
        b.Property(e => e.Iin).HasMaxLength(12);
    }
}
