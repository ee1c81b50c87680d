using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>How far a reprisal's account is borne out (CONTRACT.md).</summary>
public enum ReprisalReliability
{
    Confirmed,
    Credible,
    Unverified,
}

/// <summary>
/// A reprisal against a protected person (issue 15, item 6): what happened and when, who did it (agency and unit), who
/// told of it and how far it is borne out. Registered once and never changed: what is done about it is a
/// <see cref="ReprisalIntervention"/>. The region is the person's. Type and source are codes of the rule pack in force
/// when it was recorded (<see cref="RulePackId"/>).
/// </summary>
public sealed class Reprisal : ISequenced
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public Guid ProtectedPersonId { get; init; }
    public required string Region { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string Type { get; init; }
    public Agency Agency { get; init; }

    /// <summary>The perpetrators' unit, as told (free text: it may name people, so the log holds its digest only).</summary>
    public string? Unit { get; init; }

    /// <summary>What happened (free text that may name people: the log holds its digest only).</summary>
    public required string Description { get; init; }
    public required string Source { get; init; }
    public ReprisalReliability Reliability { get; init; }

    /// <summary>References to or notes on the evidence (free text: the log holds its digest only).</summary>
    public string? Evidence { get; init; }
    public Guid? ReportId { get; init; }
    public Guid? CaseId { get; init; }
    public Guid? DetentionId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
    public required string RulePackId { get; init; }

    /// <summary>
    /// The reprisals <paramref name="user"/> may read: a protection officer those of their region (none without one),
    /// anyone else who may record them those they recorded. Police roles hold no permission that reaches here.
    /// </summary>
    public static IQueryable<Reprisal> Readable(IQueryable<Reprisal> query, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.ProtectionOfficer))
        {
            var region = user.RegionScope();
            return region is null ? query.Where(_ => false) : query.Where(r => r.Region == region);
        }

        var userId = user.UserId();
        return userId is null ? query.Where(_ => false) : query.Where(r => r.RecordedBy == userId);
    }
}

/// <summary>
/// Something done about a reprisal: who acted (<see cref="Actor"/>, a rule-pack code, and the user who recorded it), whom
/// they asked (<see cref="Addressee"/>) and what. It opens with the pack's first status; answers, the effect on the
/// person and later statuses are <see cref="ReprisalInterventionUpdate"/> rows.
/// </summary>
public sealed class ReprisalIntervention
{
    public Guid Id { get; init; }
    public Guid ReprisalId { get; init; }
    public required string Actor { get; init; }
    public required string Addressee { get; init; }

    /// <summary>What was asked (free text: the log holds its digest only).</summary>
    public required string Request { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>A later word on an intervention: its new status, the answer received and the effect on the person.</summary>
public sealed class ReprisalInterventionUpdate
{
    public Guid Id { get; init; }
    public Guid InterventionId { get; init; }
    public required string Status { get; init; }

    /// <summary>The addressee's answer (free text: the log holds its digest only).</summary>
    public string? Answer { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The effect on the person (free text: the log holds its digest only).</summary>
    public string? Effect { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class ReprisalConfiguration :
    IEntityTypeConfiguration<Reprisal>, IEntityTypeConfiguration<ReprisalIntervention>, IEntityTypeConfiguration<ReprisalInterventionUpdate>
{
    public void Configure(EntityTypeBuilder<Reprisal> b)
    {
        b.ToTable("reprisals");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.Seq).IsUnique();
        b.HasIndex(r => new { r.ProtectedPersonId, r.OccurredAt });
        b.HasIndex(r => new { r.Region, r.Seq });
        b.HasIndex(r => new { r.RecordedBy, r.Seq });
        b.HasIndex(r => r.OccurredAt);
        b.HasOne<ProtectedPerson>().WithMany().HasForeignKey(r => r.ProtectedPersonId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Region).HasMaxLength(8);
        b.Property(r => r.Type).HasMaxLength(40);
        b.Property(r => r.Source).HasMaxLength(40);
        b.Property(r => r.Unit).HasMaxLength(RecordReprisal.MaxUnit);
        b.Property(r => r.Description).HasMaxLength(RecordReprisal.MaxText);
        b.Property(r => r.Evidence).HasMaxLength(RecordReprisal.MaxText);
        b.Property(r => r.RulePackId).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<ReprisalIntervention> b)
    {
        b.ToTable("reprisal_interventions");
        b.HasKey(i => i.Id);
        b.HasIndex(i => new { i.ReprisalId, i.RecordedAt });
        b.HasOne<Reprisal>().WithMany().HasForeignKey(i => i.ReprisalId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.Actor).HasMaxLength(40);
        b.Property(i => i.Addressee).HasMaxLength(40);
        b.Property(i => i.Request).HasMaxLength(RecordReprisal.MaxText);
        b.Property(i => i.Status).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<ReprisalInterventionUpdate> b)
    {
        b.ToTable("reprisal_intervention_updates");
        b.HasKey(u => u.Id);
        b.HasIndex(u => new { u.InterventionId, u.RecordedAt });
        b.HasOne<ReprisalIntervention>().WithMany().HasForeignKey(u => u.InterventionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.Status).HasMaxLength(40);
        b.Property(u => u.Answer).HasMaxLength(RecordReprisal.MaxText);
        b.Property(u => u.Effect).HasMaxLength(RecordReprisal.MaxText);
    }
}
