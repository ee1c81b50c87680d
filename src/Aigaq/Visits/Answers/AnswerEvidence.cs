using Aigaq.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Aigaq.Visits.Answers;

/// <summary>
/// A photograph or document the team attached to a checklist answer (issue 17, item 6): the answer's revision it was
/// attached to, the file by its SHA-256 (kept in <see cref="VisitEvidenceStore"/>), what it is by its bytes and its size.
/// A photograph is kept without its metadata (where, when and with what it was taken). No file name is kept: a phone's
/// name says nothing, a typed one may name a person. Never updated; a file attached by mistake stays, as a fact.
/// </summary>
public sealed class VisitAnswerEvidence
{
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }

    /// <summary>The answer row (one revision of the item's answer) the file was attached to.</summary>
    public Guid AnswerId { get; init; }
    public required string ItemId { get; init; }
    public int Revision { get; init; }
    public required string Sha256 { get; init; }
    public long Size { get; init; }
    public required string MediaType { get; init; }

    /// <summary>Whether the file came with metadata blocks (EXIF with GPS, XMP, comments) that were dropped before it was kept.</summary>
    public bool MetadataRemoved { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>The <c>Aigaq:Visits</c> section: the largest evidence file an answer takes, in bytes.</summary>
public sealed class VisitEvidenceOptions
{
    public const string Section = "Aigaq:Visits";

    /// <summary>As an examination photograph's (a phone's full-size JPEG is 3-12 MB).</summary>
    public long MaxEvidenceBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>Visits' evidence files by content, in the shared <see cref="ContentStore"/>: <c>DataDir/visits/evidence/&lt;sha256&gt;</c>.</summary>
public sealed class VisitEvidenceStore(IOptions<AigaqOptions> options) : ContentStore(options, "visits", "evidence");

internal sealed class VisitAnswerEvidenceConfiguration : IEntityTypeConfiguration<VisitAnswerEvidence>
{
    public void Configure(EntityTypeBuilder<VisitAnswerEvidence> b)
    {
        b.ToTable("visit_answer_evidence");
        b.HasKey(e => e.Id);
        // The same file once per answer: a second attachment of it is refused, and two at once meet here.
        b.HasIndex(e => new { e.AnswerId, e.Sha256 }).IsUnique();
        b.HasIndex(e => new { e.VisitId, e.ItemId });
        b.HasIndex(e => e.Sha256);
        b.HasOne<Visit>().WithMany().HasForeignKey(e => e.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<VisitChecklistAnswer>().WithMany().HasForeignKey(e => e.AnswerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.ItemId).HasMaxLength(80);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.MediaType).HasMaxLength(100);
    }
}
