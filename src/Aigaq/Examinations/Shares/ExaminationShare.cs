using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Examinations;

/// <summary>
/// A read-only share of a sealed examination (issue 16, item 9): with whom (a name, and whether an investigator, a judge
/// or a defender), until when, under which consent item. The link's token is never stored: only its SHA-256
/// (<see cref="TokenHash"/>), so that the table does not open the record. Registered once; a revocation is a row of its own.
/// </summary>
public sealed class ExaminationShare
{
    public Guid Id { get; init; }
    public Guid ExaminationId { get; init; }
    public required string RecipientName { get; init; }

    /// <summary>investigator, judge or defender (<see cref="ShareRecipients"/>).</summary>
    public required string RecipientRole { get; init; }

    /// <summary>The consent item that allowed it (shareWithInvestigators, shareWithCourt, shareWithDefender): its withdrawal revokes the share.</summary>
    public required string ConsentItem { get; init; }

    /// <summary>SHA-256 of the token, in hex.</summary>
    public required string TokenHash { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedBy { get; init; }
}

/// <summary>A share ended before its time: by the examiner with a reason, or at once by a withdrawal of the consent it stood on.</summary>
public sealed class ExaminationShareRevocation
{
    public const string ByExaminer = "examiner";
    public const string ByWithdrawal = "consentWithdrawn";

    public Guid Id { get; init; }
    public Guid ShareId { get; init; }
    public Guid ExaminationId { get; init; }
    public required string Reason { get; init; }

    /// <summary><see cref="ByExaminer"/> or <see cref="ByWithdrawal"/>.</summary>
    public required string Cause { get; init; }

    /// <summary>The consent entry that withdrew it, for <see cref="ByWithdrawal"/>.</summary>
    public Guid? ConsentId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }
}

/// <summary>
/// One opening of a share's page or PDF: an access record, not a fact of the log (ADR 0027, Shares). No address is kept,
/// neither in the clear nor hashed: the recipient is named by the share itself.
/// </summary>
public sealed class ExaminationShareOpening
{
    public const string Page = "page";
    public const string Pdf = "pdf";

    public Guid Id { get; init; }
    public Guid ShareId { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary><see cref="Page"/> or <see cref="Pdf"/>.</summary>
    public required string What { get; init; }
    public required string Language { get; init; }
}

/// <summary>The recipients a share may name, each with the consent item that must be given for it.</summary>
public static class ShareRecipients
{
    public static readonly IReadOnlyDictionary<string, string> ConsentItems = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["investigator"] = "shareWithInvestigators",
        ["judge"] = "shareWithCourt",
        ["defender"] = "shareWithDefender",
    };

    /// <summary>Whether a consent item is one to share (a recipient's, or one that opens the record to roles): withdrawable after the seal.</summary>
    public static bool IsShareItem(ConsentItem item) => ConsentItems.Values.Contains(item.Id, StringComparer.Ordinal) || item.Roles is { Length: > 0 };
}

internal sealed class ExaminationShareConfiguration :
    IEntityTypeConfiguration<ExaminationShare>, IEntityTypeConfiguration<ExaminationShareRevocation>, IEntityTypeConfiguration<ExaminationShareOpening>
{
    public void Configure(EntityTypeBuilder<ExaminationShare> b)
    {
        b.ToTable("examination_shares");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.ExaminationId, x.CreatedAt });
        b.HasOne<Examination>().WithMany().HasForeignKey(x => x.ExaminationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.RecipientName).HasMaxLength(200);
        b.Property(x => x.RecipientRole).HasMaxLength(20);
        b.Property(x => x.ConsentItem).HasMaxLength(40);
        b.Property(x => x.TokenHash).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<ExaminationShareRevocation> b)
    {
        b.ToTable("examination_share_revocations");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ShareId);
        b.HasIndex(x => x.ExaminationId);
        b.HasOne<ExaminationShare>().WithMany().HasForeignKey(x => x.ShareId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.Cause).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<ExaminationShareOpening> b)
    {
        b.ToTable("examination_share_openings");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ShareId, x.At });
        b.HasOne<ExaminationShare>().WithMany().HasForeignKey(x => x.ShareId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.What).HasMaxLength(10);
        b.Property(x => x.Language).HasMaxLength(5);
    }
}
