using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Examinations;

/// <summary>
/// Who examines (issue 16, item 2): a forensic expert taking the examination, who examines themselves
/// (<see cref="ExaminerUserId"/>) or records for a named external doctor; their qualifications and declaration of
/// independence. <see cref="RecorderId"/> is the one user who may write to the examination from then on.
/// </summary>
public sealed class ExaminationExaminer
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public Guid RecorderId { get; init; }
    public Guid? ExaminerUserId { get; init; }
    public required string Name { get; init; }
    public required string Qualifications { get; init; }

    /// <summary>A code of the rule pack's <c>examinations.employers</c>; an agency's code is its camelCase name.</summary>
    public required string Employer { get; init; }
    public bool IndependenceDeclared { get; init; }
    public string? Conflicts { get; init; }

    /// <summary>Why an examiner employed by the accused agency examines all the same; set only then (ExaminerNotIndependent).</summary>
    public string? NotIndependentReason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>One present at the examination and on whose behalf (the person, a relative, a lawyer, an interpreter, police...).</summary>
public sealed record PresentPerson(string Name, string Affiliation);

/// <summary>The examination session (item 3): where and when, the interpreter, everyone present, police and restrictions.</summary>
public sealed class ExaminationSession
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public required string Place { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Interpreter { get; init; }
    public string? InterpreterLanguage { get; init; }

    /// <summary>Everyone present, as JSON (<see cref="PresentPerson"/>s) in the order given.</summary>
    public required string Present { get; init; }
    public bool PolicePresent { get; init; }
    public bool? PoliceAskedToLeave { get; init; }
    public string? Restrictions { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>Consent item by item (item 4), as given at <see cref="At"/>; a later row (a withdrawal, a change) supersedes it.</summary>
public sealed class ExaminationConsent
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The items as canonical JSON, <c>{ "item": true|false }</c> in the form's order.</summary>
    public required string Items { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>A section of the form (the allegations, the psychological evaluation...) as recorded; a later row of the same section supersedes it.</summary>
public sealed class ExaminationSection
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public required string Section { get; init; }

    /// <summary>The section's fields as JSON, in the form's order.</summary>
    public required string Fields { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>A finding on the body diagram (item 5): where (view, region, x and y as fractions of the view), what, and how consistent with the allegation, why.</summary>
public sealed class ExaminationFinding
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public required string View { get; init; }
    public required string BodyRegion { get; init; }
    public double X { get; init; }
    public double Y { get; init; }
    public string? Size { get; init; }
    public required string Description { get; init; }
    public required string Consistency { get; init; }
    public required string Rationale { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>The seal (items 6-7): the overall opinion and what follows from it. After it, only amendments.</summary>
public sealed class ExaminationSeal
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public required string Opinion { get; init; }
    public required string Conclusions { get; init; }
    public required string Recommendations { get; init; }
    public bool PolicePresent { get; init; }
    public string? Restrictions { get; init; }

    /// <summary>The report states that absence of findings does not prove absence of torture (no finding at the form's level or above).</summary>
    public bool AbsenceStatement { get; init; }
    public DateTimeOffset SealedAt { get; init; }
    public Guid SealedBy { get; init; }

    /// <summary>
    /// The ids of the findings the seal closes over, comma-separated and ordered (null for a seal from before they were
    /// kept): its log entry commits to them, so a finding that is not among them was added after, whatever its time says.
    /// </summary>
    public string? FindingIds { get; init; }

    /// <summary>The ids of the sections the seal closes over, as <see cref="FindingIds"/>.</summary>
    public string? SectionIds { get; init; }
}

/// <summary>A change after the seal: what it amends (a finding, a section, or the opinion), the amended text, and why.</summary>
public sealed class ExaminationAmendment
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public required string Reason { get; init; }
    public required string Text { get; init; }
    public Guid? FindingId { get; init; }
    public string? Section { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class ExaminationRecordsConfiguration :
    IEntityTypeConfiguration<ExaminationExaminer>, IEntityTypeConfiguration<ExaminationSession>, IEntityTypeConfiguration<ExaminationConsent>,
    IEntityTypeConfiguration<ExaminationSection>, IEntityTypeConfiguration<ExaminationFinding>, IEntityTypeConfiguration<ExaminationSeal>,
    IEntityTypeConfiguration<ExaminationAmendment>
{
    public const int MaxText = 8000;

    public void Configure(EntityTypeBuilder<ExaminationExaminer> b)
    {
        b.ToTable("examination_examiners");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ExaminationId).IsUnique();
        b.HasIndex(x => x.RecorderId);
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Qualifications).HasMaxLength(2000);
        b.Property(x => x.Employer).HasMaxLength(40);
        b.Property(x => x.Conflicts).HasMaxLength(2000);
        b.Property(x => x.NotIndependentReason).HasMaxLength(2000);
    }

    public void Configure(EntityTypeBuilder<ExaminationSession> b)
    {
        b.ToTable("examination_sessions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ExaminationId).IsUnique();
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Place).HasMaxLength(500);
        b.Property(x => x.Interpreter).HasMaxLength(200);
        b.Property(x => x.InterpreterLanguage).HasMaxLength(40);
        b.Property(x => x.Present).HasMaxLength(MaxText);
        b.Property(x => x.Restrictions).HasMaxLength(2000);
    }

    public void Configure(EntityTypeBuilder<ExaminationConsent> b)
    {
        b.ToTable("examination_consents");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ExaminationId, x.RecordedAt });
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Items).HasMaxLength(2000);
        b.Property(x => x.RefusalReason).HasMaxLength(2000);
    }

    public void Configure(EntityTypeBuilder<ExaminationSection> b)
    {
        b.ToTable("examination_sections");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ExaminationId, x.RecordedAt });
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Section).HasMaxLength(40);
        b.Property(x => x.Fields).HasMaxLength(64_000);
    }

    public void Configure(EntityTypeBuilder<ExaminationFinding> b)
    {
        b.ToTable("examination_findings");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ExaminationId, x.RecordedAt });
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.View).HasMaxLength(40);
        b.Property(x => x.BodyRegion).HasMaxLength(40);
        b.Property(x => x.Size).HasMaxLength(100);
        b.Property(x => x.Description).HasMaxLength(MaxText);
        b.Property(x => x.Consistency).HasMaxLength(40);
        b.Property(x => x.Rationale).HasMaxLength(MaxText);
    }

    public void Configure(EntityTypeBuilder<ExaminationSeal> b)
    {
        b.ToTable("examination_seals");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ExaminationId).IsUnique();
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Opinion).HasMaxLength(40);
        b.Property(x => x.Conclusions).HasMaxLength(MaxText);
        b.Property(x => x.Recommendations).HasMaxLength(MaxText);
        b.Property(x => x.Restrictions).HasMaxLength(2000);
        b.Property(x => x.FindingIds).HasMaxLength(64_000);
        b.Property(x => x.SectionIds).HasMaxLength(64_000);
    }

    public void Configure(EntityTypeBuilder<ExaminationAmendment> b)
    {
        b.ToTable("examination_amendments");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ExaminationId, x.RecordedAt });
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.Text).HasMaxLength(MaxText);
        b.Property(x => x.Section).HasMaxLength(40);
    }
}
