using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Visits.Answers;

/// <summary>
/// An answer to an item of the visit's checklist (issue 17, item 6), under the version the visit keeps. Never updated:
/// answering the item again is a row with the next <see cref="Revision"/>, and the item's answer now is its latest.
/// <see cref="Value"/> is the checked value as JSON (<c>"yes"</c>, <c>3.5</c>, a choice's id, a text); a text answer and
/// the note are free texts that may name people, committed to the log as digests.
/// </summary>
public sealed class VisitChecklistAnswer
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public required string ChecklistId { get; init; }
    public int ChecklistVersion { get; init; }
    public required string ItemId { get; init; }

    /// <summary>1 for the item's first answer on the visit, then one more for each that supersedes it.</summary>
    public int Revision { get; init; }

    /// <summary>The item's answer type when answered (<see cref="VisitChecklist.AnswerTypes"/>): <c>text</c> is committed as a digest.</summary>
    public required string AnswerType { get; init; }
    public required string Value { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>When the team left the place: once per visit, after its arrival. The visit is done; no fieldwork follows.</summary>
public sealed class VisitDeparture
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

internal sealed class VisitAnswerConfiguration : IEntityTypeConfiguration<VisitChecklistAnswer>, IEntityTypeConfiguration<VisitDeparture>
{
    public void Configure(EntityTypeBuilder<VisitChecklistAnswer> b)
    {
        b.ToTable("visit_checklist_answers");
        b.HasKey(a => a.Id);
        // One row per revision of an item's answer: two answers of the same item at once meet here, one is refused.
        b.HasIndex(a => new { a.VisitId, a.ItemId, a.Revision }).IsUnique();
        b.HasOne<Visit>().WithMany().HasForeignKey(a => a.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.ChecklistId).HasMaxLength(40);
        b.Property(a => a.ItemId).HasMaxLength(80);
        b.Property(a => a.AnswerType).HasMaxLength(20);
        b.Property(a => a.Value).HasMaxLength(VisitChecklist.MaxText + 200);
        b.Property(a => a.Note).HasMaxLength(PlanVisit.MaxText);
    }

    public void Configure(EntityTypeBuilder<VisitDeparture> b)
    {
        b.ToTable("visit_departures");
        b.HasKey(d => d.Id);
        // Once per visit: a second is refused, and two at once meet here.
        b.HasIndex(d => d.VisitId).IsUnique();
        b.HasOne<Visit>().WithMany().HasForeignKey(d => d.VisitId).OnDelete(DeleteBehavior.Restrict);
    }
}
