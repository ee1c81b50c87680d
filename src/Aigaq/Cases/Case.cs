using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Cases;

/// <summary>The stages of CONTRACT.md, in the order a case may reach them.</summary>
public enum CaseStage
{
    SuspectIdentified,
    AgreementProposed,
    SentToCourt,
    Verdict,
    Discontinued,
}

/// <summary>
/// A pre-trial investigation opened by registering a report in ERDR. What happens to it is
/// appended as <see cref="CaseEvent"/>s and <see cref="Referral"/>s; the fields that move
/// (part, responsible body, stage) are their projection, kept for lists and statistics.
/// </summary>
public sealed class Case
{
    public Guid Id { get; init; }

    /// <summary>The ERDR number the case was registered under.</summary>
    public required string ErdrNumber { get; init; }
    public Guid ReportId { get; init; }
    public required string Region { get; init; }

    /// <summary>When the report was registered in ERDR, as stated.</summary>
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public required string RulePackId { get; init; }

    /// <summary>Year of the report's receipt, region and agencies: the statistics' dimensions.</summary>
    public int ReceivedYear { get; init; }

    /// <summary>Hours from the report's receipt to its registration, kept for the statistics.</summary>
    public double HoursToRegistration { get; init; }

    /// <summary>Registered by the report's deadline.</summary>
    public bool RegisteredInTime { get; init; }

    public int Part { get; set; }
    public bool Torture { get; set; }

    /// <summary>The one body responsible for the case now; it changes only when a referral is accepted.</summary>
    public BodyKind ResponsibleKind { get; set; }
    public required string ResponsibleRegion { get; set; }

    /// <summary>A supervisory prosecutor's decision on an institutional conflict, the last one standing.</summary>
    public ConflictDecision? Conflict { get; set; }

    /// <summary>An institutional conflict waits for a supervisory prosecutor's decision.</summary>
    public bool ConflictOpen { get; set; }

    public CaseStage? Stage { get; set; }
    public DateTimeOffset? SentToCourtAt { get; set; }
    public bool Convicted { get; set; }
    public bool Closed { get; set; }

    /// <summary>Concurrency token: every appended fact moves the projection.</summary>
    public int Version { get; set; }
}

/// <summary>What a supervisory prosecutor decides when the investigating body belongs to the alleged perpetrators' agency group.</summary>
public enum ConflictDecision
{
    /// <summary>Hand the case to the body the rule pack escalates to.</summary>
    Escalate,

    /// <summary>Keep it where it is, with a written reason.</summary>
    Keep,
}

public static class CaseEventTypes
{
    public const string Qualified = "qualified";
    public const string Requalified = "requalified";
    public const string ConflictDecided = "conflictDecided";
    public const string Stage = "stage";
    public const string MotionFiled = "motionFiled";
    public const string MotionDecided = "motionDecided";
}

/// <summary>One fact of a case's history. Never updated.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Type { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    /// <summary>The fact's own fields as JSON (part, stage, outcome, decision...).</summary>
    public required string Data { get; init; }
    public string? Reason { get; init; }
}

public enum ReferralStatus
{
    Pending,
    Accepted,

    /// <summary>Superseded before acceptance: a later requalification or escalation sent the case elsewhere.</summary>
    Withdrawn,
}

/// <summary>
/// A hand-over of a case from one body to another. The sender stays responsible until the
/// receiving body accepts; acceptance is a one-way transition that keeps who and when.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public BodyKind FromKind { get; init; }
    public required string FromRegion { get; init; }
    public BodyKind ToKind { get; init; }
    public required string ToRegion { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset DueBy { get; init; }
    public ReferralStatus Status { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? AcceptedBy { get; set; }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.ErdrNumber).IsUnique();
        b.HasIndex(c => c.ReportId).IsUnique();
        b.HasIndex(c => new { c.ReceivedYear, c.Region, c.SentToCourtAt, c.Convicted });
        b.HasIndex(c => new { c.ResponsibleKind, c.ResponsibleRegion, c.Closed });
        b.Property(c => c.ErdrNumber).HasMaxLength(40);
        b.Property(c => c.Region).HasMaxLength(8);
        b.Property(c => c.ResponsibleRegion).HasMaxLength(8);
        b.Property(c => c.RulePackId).HasMaxLength(40);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Report>().WithOne().HasForeignKey<Case>(c => c.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("case_events");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.CaseId, e.RecordedAt });
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.Data).HasColumnType("text");
        b.Property(e => e.Reason).HasMaxLength(4000);
        b.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("referrals");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.CaseId, r.CreatedAt });
        // A body's inbox, and the scanner's overdue referrals.
        b.HasIndex(r => new { r.Status, r.ToKind, r.ToRegion, r.CreatedAt });
        b.HasIndex(r => new { r.Status, r.DueBy });
        b.Property(r => r.FromRegion).HasMaxLength(8);
        b.Property(r => r.ToRegion).HasMaxLength(8);
        b.Property(r => r.Reason).HasMaxLength(4000);
        b.Property(r => r.Status).IsConcurrencyToken();
        b.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
