using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Examinations;

/// <summary>Where an examination stands: asked for, under way (a session was recorded), or sealed.</summary>
public enum ExaminationStatus
{
    Requested,
    InProgress,
    Sealed,
}

/// <summary>
/// A request for an Istanbul Protocol examination (issue 16, item 1): who asked (<see cref="RequestedByKind"/>, and the
/// user who recorded it), of whom, linked to the report, case or detention it serves, by when it must start, and the
/// version of the national form it is recorded on (<see cref="FormId"/>). Registered once: the examiner, session,
/// consent, findings, seal and amendments are rows of their own, each appended, each in the log. The status is theirs:
/// no row here changes.
/// </summary>
public sealed class Examination : ISequenced
{
    public Guid Id { get; init; }
    public long Seq { get; init; }
    public required string Number { get; init; }
    public required string Region { get; init; }
    public required string FormId { get; init; }
    public required string RulePackId { get; init; }
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>investigator, specialProsecutor, prosecutor, court, defender, examinedPerson, monitor, ngo; or register for one the register made itself.</summary>
    public required string RequestedByKind { get; init; }

    /// <summary>The requester's reference (a ruling's number, a letter's): free text, its digest only in the log.</summary>
    public string? RequestedByReference { get; init; }
    public required string LastName { get; init; }
    public required string FirstName { get; init; }
    public string? Patronymic { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Iin { get; init; }
    public Guid? ReportId { get; init; }
    public Guid? CaseId { get; init; }
    public Guid? DetentionId { get; init; }

    /// <summary>The custody event that made the request, for one the register made itself.</summary>
    public Guid? DetentionEventId { get; init; }
    public DateTimeOffset DueBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    /// <summary>
    /// The examinations <paramref name="user"/> may read: prosecutors and forensic experts those of their region, the
    /// assigned examiner theirs, anyone else those they requested. Their medical content is a further question
    /// (<see cref="GetExamination"/>: the examiner, or the roles the person's consent opens it to).
    /// </summary>
    public static IQueryable<Examination> Readable(IQueryable<Examination> query, IQueryable<ExaminationExaminer> examiners, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        if (userId is null)
        {
            return query.Where(_ => false);
        }

        var region = user.RegionScope();
        if (region is not null && (user.IsInRole(Roles.Prosecutor) || user.IsInRole(Roles.SpecialProsecutor) || user.IsInRole(Roles.ForensicExpert)))
        {
            return query.Where(e => e.Region == region || e.RecordedBy == userId || examiners.Any(x => x.ExaminationId == e.Id && x.RecorderId == userId));
        }

        return query.Where(e => e.RecordedBy == userId || examiners.Any(x => x.ExaminationId == e.Id && x.RecorderId == userId));
    }
}

internal sealed class ExaminationConfiguration : IEntityTypeConfiguration<Examination>
{
    public void Configure(EntityTypeBuilder<Examination> b)
    {
        b.ToTable("examinations");
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.Seq).IsUnique();
        b.HasIndex(e => e.Number).IsUnique();
        b.HasIndex(e => new { e.Region, e.Seq });
        b.HasIndex(e => new { e.RecordedBy, e.Seq });
        b.HasIndex(e => e.DetentionId);
        b.HasIndex(e => e.CaseId);
        b.HasIndex(e => e.ReportId);
        b.HasIndex(e => e.DueBy);
        b.Property(e => e.Number).HasMaxLength(20);
        b.Property(e => e.Region).HasMaxLength(8);
        b.Property(e => e.FormId).HasMaxLength(40);
        b.Property(e => e.RulePackId).HasMaxLength(40);
        b.Property(e => e.RequestedByKind).HasMaxLength(40);
        b.Property(e => e.RequestedByReference).HasMaxLength(200);
        b.Property(e => e.LastName).HasMaxLength(100);
        b.Property(e => e.FirstName).HasMaxLength(100);
        b.Property(e => e.Patronymic).HasMaxLength(100);
        b.Property(e => e.Iin).HasMaxLength(12);
    }
}
