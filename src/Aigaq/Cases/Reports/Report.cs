using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Cases;

/// <summary>Where a report came from (CONTRACT.md).</summary>
public enum ReportSource
{
    DetaineeComplaint,
    Relative,
    Lawyer,
    Media,
    SocialNetwork,
    Medical,
    MonitoringVisit,
    Ombudsman,
    Anonymous,
    Staff,
}

public enum ReportStatus
{
    Received,
    Registered,
    Refused,
}

/// <summary>
/// A report of torture or ill-treatment, received from any source. What was reported is never
/// changed; what was decided about it is appended as <see cref="ReportDecision"/>s.
/// <see cref="Status"/>, <see cref="CaseId"/> and <see cref="RegistrationDueBy"/> are the
/// projection of those decisions kept for the waiting list.
/// </summary>
public sealed class Report : ISequenced
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public required string Number { get; init; }

    /// <summary>When the report reached the authorities, as stated.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The local (Asia/Almaty) year of <see cref="ReceivedAt"/>: the statistics' cohort.</summary>
    public int ReceivedYear { get; init; }

    /// <summary>The server's own time of receipt into Aigaq.</summary>
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public ReportSource Source { get; init; }
    public required string Narrative { get; init; }
    public required string Region { get; init; }
    public Guid? DetentionId { get; init; }

    /// <summary>The detention event that made this report by itself, if one did.</summary>
    public Guid? DetentionEventId { get; init; }
    public Guid? FacilityId { get; init; }
    public DateTimeOffset? IncidentAt { get; init; }
    public string? Injuries { get; init; }

    /// <summary>The reporter asked not to be named: nothing identifies them in the record.</summary>
    public bool Anonymous { get; init; }
    public List<ReportVictim> Victims { get; init; } = [];
    public List<AllegedPerpetrator> Alleged { get; init; } = [];
    public required string RulePackId { get; init; }

    public ReportStatus Status { get; set; }
    public DateTimeOffset RegistrationDueBy { get; set; }
    public Guid? CaseId { get; set; }

    /// <summary>Concurrency token: a decision moves the projection above once.</summary>
    public int Version { get; set; }
}

public sealed class ReportVictim
{
    public string? LastName { get; init; }
    public string? FirstName { get; init; }
    public string? Patronymic { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Iin { get; init; }
}

/// <summary>
/// An agency (and unit or person) a report alleges. <see cref="ReceivedYear"/> and <see cref="Region"/>
/// are the report's own, copied when the report is received (neither ever changes), so that the
/// funnel by agency counts a year's reports from this table's index alone.
/// </summary>
public sealed class AllegedPerpetrator
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }
    public Agency Agency { get; init; }

    /// <summary>The report's <see cref="Report.ReceivedYear"/>.</summary>
    public int ReceivedYear { get; init; }

    /// <summary>The report's <see cref="Report.Region"/>.</summary>
    public string Region { get; init; } = "";
    public string? Unit { get; init; }
    public string? Name { get; init; }
}

public enum ReportDecisionKind
{
    Registered,
    Refused,

    /// <summary>A reviewer upheld a challenge to the refusal: the report waits for registration again.</summary>
    RefusalOverturned,
}

/// <summary>A decision on a report. Never updated; the history of a report is its decisions in order.</summary>
public sealed class ReportDecision
{
    public Guid Id { get; init; }
    public Guid ReportId { get; init; }
    public ReportDecisionKind Kind { get; init; }

    /// <summary>The moment the decision took legal effect (the ERDR registration time for a registration).</summary>
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public string? ErdrNumber { get; init; }
    public int? Part { get; init; }
    public Guid? CaseId { get; init; }

    /// <summary>Grounds of a refusal, or the reason given with a decision.</summary>
    public string? Reason { get; init; }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.ToTable("reports");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.Seq).IsUnique();
        b.HasIndex(r => r.Number).IsUnique();
        // The waiting list: a region's reports not yet decided, oldest first.
        b.HasIndex(r => new { r.Status, r.Region, r.ReceivedAt });
        b.HasIndex(r => new { r.Status, r.RegistrationDueBy });
        b.HasIndex(r => r.DetentionId);
        b.HasIndex(r => r.DetentionEventId).IsUnique();
        b.HasIndex(r => r.RecordedBy);
        b.HasIndex(r => new { r.ReceivedYear, r.Region, r.Status });
        b.Property(r => r.Number).HasMaxLength(32);
        b.Property(r => r.Region).HasMaxLength(8);
        b.Property(r => r.Narrative).HasMaxLength(20000);
        b.Property(r => r.Injuries).HasMaxLength(4000);
        b.Property(r => r.RulePackId).HasMaxLength(40);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.OwnsMany(r => r.Victims, v => v.ToJson());
        b.HasMany(r => r.Alleged).WithOne().HasForeignKey(a => a.ReportId);
    }
}

internal sealed class AllegedPerpetratorConfiguration : IEntityTypeConfiguration<AllegedPerpetrator>
{
    public void Configure(EntityTypeBuilder<AllegedPerpetrator> b)
    {
        b.ToTable("report_alleged");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.Agency, a.ReportId });
        // The funnel by agency, from the indexes alone: a year's (or a year and region's) allegations
        // come out ordered by agency and then report, so each agency's distinct reports are counted
        // as they stream past instead of hashing every allegation of the year.
        b.HasIndex(a => new { a.ReceivedYear, a.Agency, a.ReportId, a.Region });
        b.HasIndex(a => new { a.ReceivedYear, a.Region, a.Agency, a.ReportId });
        b.Property(a => a.Region).HasMaxLength(8);
        b.Property(a => a.Unit).HasMaxLength(300);
        b.Property(a => a.Name).HasMaxLength(300);
    }
}

internal sealed class ReportDecisionConfiguration : IEntityTypeConfiguration<ReportDecision>
{
    public void Configure(EntityTypeBuilder<ReportDecision> b)
    {
        b.ToTable("report_decisions");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.ReportId, d.RecordedAt });
        b.Property(d => d.ErdrNumber).HasMaxLength(40);
        b.Property(d => d.Reason).HasMaxLength(4000);
        b.HasOne<Report>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}
