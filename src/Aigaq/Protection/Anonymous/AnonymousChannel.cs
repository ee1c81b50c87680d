using Aigaq.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>
/// The two-way channel of a report made anonymously on the public page (issue 15, item 8; ADR 0025): the keyed hash of
/// its receipt code, never the code. Written once with the report and never changed: what is said on it is an
/// <see cref="AnonymousMessage"/>.
/// </summary>
public sealed class AnonymousChannel
{
    /// <summary>
    /// Who records what arrives from the public pages: no account (a report's or message's <c>RecordedBy</c>), and the
    /// idempotency records of the public API. No user has this id, so no one sees such a report as one they entered.
    /// </summary>
    public static readonly Guid PublicActor = new("00000000-0000-0000-0000-00000000a0a0");

    public Guid Id { get; init; }
    public Guid ReportId { get; init; }

    /// <summary>HMAC-SHA256 of the receipt code under the server's receipt key, in hex (<see cref="ReceiptKey"/>).</summary>
    public required string ReceiptHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Who wrote a message on a channel.</summary>
public enum MessageAuthor
{
    Reporter,
    Staff,
}

/// <summary>
/// A message on an anonymous channel, numbered from 1 within its report; never changed or removed. A staff message keeps
/// who wrote it (for the audit), which the reporter is never shown.
/// </summary>
public sealed class AnonymousMessage
{
    public const int MaxText = 4000;

    public Guid Id { get; init; }
    public Guid ReportId { get; init; }
    public int Number { get; init; }
    public MessageAuthor Author { get; init; }

    /// <summary>What was written: it may name people, so the log holds its digest only.</summary>
    public required string Text { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The staff member, or <see cref="AnonymousChannel.PublicActor"/> for the reporter.</summary>
    public Guid RecordedBy { get; init; }
}

internal sealed class AnonymousChannelConfiguration : IEntityTypeConfiguration<AnonymousChannel>
{
    public void Configure(EntityTypeBuilder<AnonymousChannel> b)
    {
        b.ToTable("anonymous_channels");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.ReportId).IsUnique();
        b.HasIndex(c => c.ReceiptHash).IsUnique();
        b.Property(c => c.ReceiptHash).HasMaxLength(64);
        b.HasOne<Report>().WithOne().HasForeignKey<AnonymousChannel>(c => c.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AnonymousMessageConfiguration : IEntityTypeConfiguration<AnonymousMessage>
{
    public void Configure(EntityTypeBuilder<AnonymousMessage> b)
    {
        b.ToTable("anonymous_messages");
        b.HasKey(m => m.Id);
        // Two messages racing for one number: the second is refused (409) rather than both kept under it.
        b.HasIndex(m => new { m.ReportId, m.Number }).IsUnique();
        b.Property(m => m.Text).HasMaxLength(AnonymousMessage.MaxText);
        b.HasOne<Report>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}
