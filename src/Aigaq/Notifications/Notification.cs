using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Notifications;

public enum NotificationChannel
{
    Email,
    Sms,
}

public enum NotificationStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// An outbox row: written in the same transaction as the fact it announces, delivered later by
/// the dispatcher of whichever node holds its lease. Every attempt is kept in
/// <see cref="NotificationAttempt"/>.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; init; }
    public Guid? DetentionId { get; init; }

    /// <summary>The alert a message to the supervisory prosecutor announces (issue 14, item 1); null for other messages.</summary>
    public Guid? AlertId { get; init; }

    public required string Region { get; init; }

    /// <summary>relative, trustedPerson, defender or prosecutor.</summary>
    public required string Role { get; init; }
    public NotificationChannel Channel { get; init; }
    public required string Address { get; init; }
    public required string Language { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public NotificationStatus Status { get; set; }
    /// <summary>Attempts made; a concurrency token, so that two nodes never record the same attempt number.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When an operator last asked for it to be sent again (the slow retries then run anew from that moment), and who.</summary>
    public DateTimeOffset? ResentAt { get; set; }

    public Guid? ResentBy { get; set; }

    public string? ResendReason { get; set; }
    /// <summary>Set once <c>NotificationUndelivered</c> has been raised, so the scanner looks no further.</summary>
    public bool LateAlertRaised { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public List<NotificationAttempt> AttemptLog { get; init; } = [];
}

public sealed class NotificationAttempt
{
    public long Id { get; init; }
    public Guid NotificationId { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The attempt's number, from 1: unique per notification (an index says so), whichever node made it.</summary>
    public int Number { get; init; }

    public bool Succeeded { get; init; }

    /// <summary>The notification's status as this attempt left it.</summary>
    public NotificationStatus StatusAfter { get; init; }

    public string? Error { get; init; }
    public required string Node { get; init; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(n => n.Id);
        b.HasIndex(n => new { n.Status, n.NextAttemptAt });
        b.HasIndex(n => n.DetentionId);
        // One message per alert, channel and address: two nodes queueing an alert's messages at once queue them once.
        b.HasIndex(n => new { n.AlertId, n.Channel, n.Address }).IsUnique().HasFilter("\"AlertId\" IS NOT NULL");
        b.Property(n => n.Role).HasMaxLength(20);
        b.Property(n => n.Address).HasMaxLength(320);
        b.Property(n => n.Language).HasMaxLength(8);
        b.Property(n => n.LeaseOwner).HasMaxLength(200);
        b.Property(n => n.Region).HasMaxLength(8);
        b.Property(n => n.Body).HasColumnType("text");
        b.Property(n => n.Attempts).IsConcurrencyToken();
        b.Property(n => n.ResendReason).HasMaxLength(ResendNotification.MaxReason);
        b.HasMany(n => n.AttemptLog).WithOne().HasForeignKey(a => a.NotificationId);
    }
}

internal sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttempt>
{
    public void Configure(EntityTypeBuilder<NotificationAttempt> b)
    {
        b.ToTable("notification_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Node).HasMaxLength(200);
        b.HasIndex(a => new { a.NotificationId, a.Number }).IsUnique();
    }
}
