using Aigaq.Facilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Cases;

/// <summary>What a complaint is about: a procedural action, a failure to act, or the refusal to register a report.</summary>
public enum ComplaintKind
{
    Action,
    Inaction,
    Refusal,
}

/// <summary>Whose action or inaction is complained of (CPC: prosecutor, investigator, inquiry officer).</summary>
public enum ComplainedActor
{
    Prosecutor,
    Investigator,
    InquiryOfficer,
}

/// <summary>The body a complaint is about: the bodies that register, supervise and investigate.</summary>
public enum ComplainedBody
{
    SupervisoryProsecutor,
    SpecialProsecutor,
    InternalAffairs,
}

public enum ComplainantKind
{
    Victim,
    Defender,
    Suspect,
    Relative,
    Representative,
    Other,
}

/// <summary>The independent reviewers a configuration may name (DOMAIN.md: investigating judge, Human Rights Commissioner, or another body).</summary>
public enum ReviewerKind
{
    InvestigatingJudge,
    HumanRightsCommissioner,
    Other,
}

public enum ComplaintStatus
{
    Open,
    Decided,
}

public enum ComplaintOutcome
{
    Upheld,
    PartlyUpheld,
    Dismissed,
}

/// <summary>
/// A complaint about a procedural action or inaction of a prosecutor, investigator or inquiry
/// officer, or a challenge to the refusal to register a report. It goes to the independent
/// reviewer set in configuration, never to the body complained of, and must be decided by
/// <see cref="DueBy"/>. What was complained is never changed; the decision is a
/// <see cref="ComplaintDecision"/>; <see cref="Status"/> is their projection.
/// </summary>
public sealed class Complaint
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public required string Number { get; init; }
    public ComplaintKind Kind { get; init; }

    /// <summary>The report the complaint concerns: the refused report, or the report that opened the case.</summary>
    public Guid ReportId { get; init; }
    public Guid? CaseId { get; init; }

    /// <summary>The region of the report or case: the reviewer's region when reviewers are regional.</summary>
    public required string Region { get; init; }
    public ComplainedActor Actor { get; init; }
    public ComplainedBody Body { get; init; }
    public required string BodyRegion { get; init; }

    /// <summary>What was done or not done, in the complainant's words.</summary>
    public required string Action { get; init; }
    public DateTimeOffset? ActionAt { get; init; }
    public required string Grounds { get; init; }
    public ComplainantKind Complainant { get; init; }

    /// <summary>When the complaint was lodged, as stated; the deadline runs from here.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public ReviewerKind Reviewer { get; init; }
    public required string ReviewerName { get; init; }

    /// <summary>The reviewer's region, or null for a national reviewer.</summary>
    public string? ReviewerRegion { get; init; }
    public DateTimeOffset DueBy { get; init; }
    public required string RulePackId { get; init; }

    public ComplaintStatus Status { get; set; }

    /// <summary>Concurrency token: a complaint is decided once.</summary>
    public int Version { get; set; }
}

/// <summary>The reviewer's decision on a complaint. Never updated; one per complaint.</summary>
public sealed class ComplaintDecision
{
    public Guid Id { get; init; }
    public Guid ComplaintId { get; init; }
    public ComplaintOutcome Outcome { get; init; }
    public required string Reasons { get; init; }

    /// <summary>When the decision was taken, as stated.</summary>
    public DateTimeOffset DecidedAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    /// <summary>The report decision this one caused: a refusal overturned, the report waiting again.</summary>
    public Guid? ReportDecisionId { get; init; }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("complaints");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.Seq).IsUnique();
        b.HasIndex(c => c.Number).IsUnique();
        // The reviewer's inbox, oldest first, and the overdue scan.
        b.HasIndex(c => new { c.Status, c.ReviewerRegion, c.ReceivedAt });
        b.HasIndex(c => new { c.Status, c.DueBy });
        b.HasIndex(c => c.ReportId);
        b.HasIndex(c => c.CaseId);
        b.HasIndex(c => c.RecordedBy);
        b.Property(c => c.Number).HasMaxLength(32);
        b.Property(c => c.Region).HasMaxLength(8);
        b.Property(c => c.BodyRegion).HasMaxLength(8);
        b.Property(c => c.ReviewerRegion).HasMaxLength(8);
        b.Property(c => c.ReviewerName).HasMaxLength(300);
        b.Property(c => c.Action).HasMaxLength(4000);
        b.Property(c => c.Grounds).HasMaxLength(20000);
        b.Property(c => c.RulePackId).HasMaxLength(40);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Cases.Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintDecisionConfiguration : IEntityTypeConfiguration<ComplaintDecision>
{
    public void Configure(EntityTypeBuilder<ComplaintDecision> b)
    {
        b.ToTable("complaint_decisions");
        b.HasKey(d => d.Id);
        b.HasIndex(d => d.ComplaintId).IsUnique();
        b.Property(d => d.Reasons).HasMaxLength(20000);
        b.HasOne<Complaint>().WithMany().HasForeignKey(d => d.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The <c>Aigaq:Review</c> section: who reviews complaints about procedural actions.</summary>
public sealed class ReviewOptions
{
    public ReviewerKind Reviewer { get; set; } = ReviewerKind.InvestigatingJudge;

    /// <summary>The reviewing body's name; required for <see cref="ReviewerKind.Other"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The agency an <see cref="ReviewerKind.Other"/> reviewer belongs to: never one that registers or investigates.</summary>
    public Agency? Agency { get; set; }

    /// <summary>Whether each region has its own reviewer; by default investigating judges do and the Commissioner does not.</summary>
    public bool? Regional { get; set; }

    public bool IsRegional => Regional ?? Reviewer == ReviewerKind.InvestigatingJudge;
}
