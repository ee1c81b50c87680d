using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Visits;

/// <summary>The kinds of visit of CONTRACT.md.</summary>
public enum VisitKind
{
    Regular,
    Special,
    FollowUp,
}

/// <summary>A team member's part (CONTRACT.md).</summary>
public enum TeamRole
{
    Lead,
    Doctor,
    Lawyer,
    Psychologist,
    Member,
}

/// <summary>A team member's sex as they state it, for the gender-balance check (SPT: teams chosen for skills and gender).</summary>
public enum TeamSex
{
    Female,
    Male,
}

/// <summary>What a monitoring team was refused (CONTRACT.md).</summary>
public enum DeniedAccess
{
    Facility,
    Area,
    Register,
    Detainee,
    PrivateInterview,
    Photography,
    Documents,
}

/// <summary>What a team looked at on a visit: an area of the place seen, or a register checked.</summary>
public enum VisitCheckKind
{
    Area,
    Register,
}

/// <summary>
/// A monitoring visit as planned (issue 17, items 2-3): the place, when, what kind, announced or not (and when notice
/// was given), the checklist version it is answered under, and its team (<see cref="VisitTeamMember"/> rows, committed
/// with it). Registered once: approval, arrival, what was seen and access denials are rows of their own.
/// </summary>
public sealed class Visit : ISequenced
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public required string Number { get; init; }
    public Guid FacilityId { get; init; }

    /// <summary>The facility's region, which scopes who reads the visit and who is told of its access denials.</summary>
    public required string Region { get; init; }
    public DateTimeOffset PlannedFor { get; init; }
    public VisitKind Kind { get; init; }
    public bool Announced { get; init; }
    public DateTimeOffset? NoticeGivenAt { get; init; }
    public required string ChecklistId { get; init; }
    public int ChecklistVersion { get; init; }

    /// <summary>The checklist's kind of place for the facility; null for a place no kind covers.</summary>
    public string? ChecklistKind { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public required string RulePackId { get; init; }

    public List<VisitTeamMember> Team { get; init; } = [];

    /// <summary>The visits <paramref name="user"/> may read: a monitor those of their region; without a region, none.</summary>
    public static IQueryable<Visit> Readable(IQueryable<Visit> query, ClaimsPrincipal user)
    {
        var region = user.RegionScope();
        return region is null || !user.IsInRole(Roles.Monitor) ? query.Where(_ => false) : query.Where(v => v.Region == region);
    }
}

/// <summary>A member of a visit's team, in the order given. The name (and e-mail) are people's: the log holds digests.</summary>
public sealed class VisitTeamMember
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public int Position { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    public TeamRole Role { get; init; }
    public TeamSex? Sex { get; init; }

    /// <summary>The account the e-mail belongs to, when one does (checked for a conflict of interest).</summary>
    public Guid? UserId { get; init; }
}

/// <summary>The approval of a visit's team: who approved it and when (never the monitor who planned the visit).</summary>
public sealed class VisitApproval
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset ApprovedAt { get; init; }
    public Guid ApprovedBy { get; init; }
}

/// <summary>When the team arrived at the place and, if it was let in, when.</summary>
public sealed class VisitArrival
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public DateTimeOffset ArrivedAt { get; init; }
    public DateTimeOffset? AdmittedAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>An area seen or a register checked on a visit, with a note (free text: the log holds its digest).</summary>
public sealed class VisitCheck
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public VisitCheckKind Kind { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset At { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// A refusal of access on a visit (CONTRACT.md): when, what, by whom, for how long and the reason given. Who refused and
/// why are free texts that name people: the log holds their digests.
/// </summary>
public sealed class AccessDenial
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public Guid FacilityId { get; init; }
    public required string Region { get; init; }
    public DateTimeOffset At { get; init; }
    public DeniedAccess What { get; init; }
    public required string By { get; init; }
    public string? Reason { get; init; }
    public int? Minutes { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// A fact of a facility's monitoring profile (issue 17, item 1): its capacity, or its being closed to monitoring (with the
/// reason) or reopened. Appended, never changed: the profile now is the latest row that names each.
/// </summary>
public sealed class FacilityMonitoringChange
{
    public Guid Id { get; init; }
    public Guid FacilityId { get; init; }
    public int? Capacity { get; init; }
    public bool? Closed { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class VisitConfiguration :
    IEntityTypeConfiguration<Visit>, IEntityTypeConfiguration<VisitTeamMember>, IEntityTypeConfiguration<VisitApproval>,
    IEntityTypeConfiguration<VisitArrival>, IEntityTypeConfiguration<VisitCheck>, IEntityTypeConfiguration<AccessDenial>,
    IEntityTypeConfiguration<FacilityMonitoringChange>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("visits");
        b.HasKey(v => v.Id);
        b.HasIndex(v => v.Seq).IsUnique();
        b.HasIndex(v => v.Number).IsUnique();
        b.HasIndex(v => new { v.Region, v.Seq });
        b.HasIndex(v => new { v.FacilityId, v.PlannedFor });
        b.HasOne<Facility>().WithMany().HasForeignKey(v => v.FacilityId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Team).WithOne().HasForeignKey(m => m.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(v => v.Number).HasMaxLength(20);
        b.Property(v => v.Region).HasMaxLength(8);
        b.Property(v => v.ChecklistId).HasMaxLength(40);
        b.Property(v => v.ChecklistKind).HasMaxLength(40);
        b.Property(v => v.RulePackId).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<VisitTeamMember> b)
    {
        b.ToTable("visit_team_members");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.VisitId, m.Position }).IsUnique();
        b.Property(m => m.Name).HasMaxLength(PlanVisit.MaxName);
        b.Property(m => m.Email).HasMaxLength(254);
    }

    public void Configure(EntityTypeBuilder<VisitApproval> b)
    {
        b.ToTable("visit_approvals");
        b.HasKey(a => a.Id);
        // One approval per visit: a second is refused, and two at once meet here.
        b.HasIndex(a => a.VisitId).IsUnique();
        b.HasOne<Visit>().WithMany().HasForeignKey(a => a.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Comment).HasMaxLength(PlanVisit.MaxText);
    }

    public void Configure(EntityTypeBuilder<VisitArrival> b)
    {
        b.ToTable("visit_arrivals");
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.VisitId).IsUnique();
        b.HasOne<Visit>().WithMany().HasForeignKey(a => a.VisitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<VisitCheck> b)
    {
        b.ToTable("visit_checks");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.VisitId, c.At });
        b.HasOne<Visit>().WithMany().HasForeignKey(c => c.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Name).HasMaxLength(PlanVisit.MaxName);
        b.Property(c => c.Note).HasMaxLength(PlanVisit.MaxText);
    }

    public void Configure(EntityTypeBuilder<AccessDenial> b)
    {
        b.ToTable("visit_access_denials");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.VisitId, d.At });
        b.HasIndex(d => new { d.FacilityId, d.At });
        b.HasOne<Visit>().WithMany().HasForeignKey(d => d.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.Region).HasMaxLength(8);
        b.Property(d => d.By).HasMaxLength(PlanVisit.MaxName);
        b.Property(d => d.Reason).HasMaxLength(PlanVisit.MaxText);
    }

    public void Configure(EntityTypeBuilder<FacilityMonitoringChange> b)
    {
        b.ToTable("facility_monitoring_changes");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.FacilityId, c.RecordedAt });
        b.HasOne<Facility>().WithMany().HasForeignKey(c => c.FacilityId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Reason).HasMaxLength(PlanVisit.MaxText);
    }
}
