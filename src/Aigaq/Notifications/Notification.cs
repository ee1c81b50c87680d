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
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
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
    public bool Succeeded { get; init; }
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
        b.Property(n => n.Role).HasMaxLength(20);
        b.Property(n => n.Address).HasMaxLength(320);
        b.Property(n => n.Language).HasMaxLength(8);
        b.Property(n => n.LeaseOwner).HasMaxLength(200);
        b.Property(n => n.Region).HasMaxLength(8);
        b.Property(n => n.Body).HasColumnType("text");
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
    }
}
