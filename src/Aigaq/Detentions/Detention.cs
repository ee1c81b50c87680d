using Aigaq.Alerts;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Detentions;

public enum GroundsKind
{
    CaughtInAct,
    Warrant,
    Suspicion,
    Administrative,
}

public enum CustodyStatus
{
    /// <summary>Registered, not yet arrived at a facility.</summary>
    InTransit,
    InCustody,
    Released,
}

public enum ContactRole
{
    Relative,
    TrustedPerson,
    Defender,
}

/// <summary>
/// A registered detention. The fields stated at registration are never changed; what happens
/// afterwards is appended as <see cref="DetentionEvent"/>s. <see cref="Status"/> and
/// <see cref="CurrentFacilityId"/> are a projection of the timeline kept for listing.
/// </summary>
public sealed class Detention : ISequenced
{
    public Guid Id { get; init; }
    public required string Number { get; init; }

    /// <summary>The allocated sequence behind <see cref="Number"/>; orders lists and cursors.</summary>
    public long Seq { get; init; }

    public required string LastName { get; init; }
    public required string FirstName { get; init; }
    public string? Patronymic { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Iin { get; init; }
    public string? Sex { get; init; }
    public string? Citizenship { get; init; }
    public string? Language { get; init; }
    public bool IsMinor { get; init; }

    /// <summary>Upper-invariant "LAST|FIRST", the lookup's exact key before <see cref="LookupKey"/>: used only for rows whose
    /// lookup key is not filled yet.</summary>
    public required string NameKey { get; init; }

    /// <summary>
    /// <see cref="LookupName.Skeleton"/> of <see cref="LastName"/>: the tolerant key of the public custody lookup. Derived,
    /// not stated: null on a row registered before it existed until <see cref="LookupKeyBackfill"/> fills it.
    /// </summary>
    public string? LookupKey { get; set; }

    /// <summary>The moment of detention as claimed by the officer.</summary>
    public DateTimeOffset DetainedAt { get; init; }

    /// <summary>The server's own time of receipt.</summary>
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    public required string PlaceAddress { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public required string Region { get; init; }
    public required string Agency { get; init; }
    public List<Officer> Officers { get; init; } = [];

    public GroundsKind GroundsKind { get; init; }
    public string? GroundsArticle { get; init; }
    public string? GroundsDescription { get; init; }

    public DateTimeOffset? RightsExplainedAt { get; init; }
    public string? RightsLanguage { get; init; }

    public Guid DestinationFacilityId { get; init; }
    public string? Route { get; init; }
    public DateTimeOffset? ExpectedArrival { get; init; }

    public List<DetentionContact> Contacts { get; init; } = [];

    /// <summary>The rule pack in force at the moment of detention.</summary>
    public required string RulePackId { get; init; }
    public DateTimeOffset CourtBy { get; init; }
    public DateTimeOffset ProtocolBy { get; init; }
    public DateTimeOffset DeliveryBy { get; init; }

    public CustodyStatus Status { get; set; }
    public Guid CurrentFacilityId { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? ProtocolAt { get; set; }
    public DateTimeOffset? CourtDecisionAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>Concurrency token: appending events updates the projection above.</summary>
    public int Version { get; set; }

    public string FullName => string.Join(' ', new[] { LastName, FirstName, Patronymic }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>This detention as an alert about it names it, with the copies the alert keeps of its registration.</summary>
    public AlertDetention ForAlert() => new(Id, DestinationFacilityId, DetainedAt);
}

public sealed class Officer
{
    public required string Badge { get; init; }
    public required string Name { get; init; }
}

public sealed class DetentionContact
{
    public long Id { get; init; }
    public Guid DetentionId { get; init; }
    public ContactRole Role { get; init; }
    public required string Name { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }

    /// <summary>Upper-invariant e-mail, so a defender's account matches whatever case was typed.</summary>
    public string? EmailNormalized { get; init; }
    public string? Language { get; init; }
}

/// <summary>One entry of the custody timeline. Never updated; a correction is a new entry.</summary>
public sealed class DetentionEvent
{
    public Guid Id { get; init; }
    public Guid DetentionId { get; init; }
    public required string Type { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedBy { get; init; }

    /// <summary>The event's own fields as canonical JSON.</summary>
    public required string Data { get; init; }
    public Guid? Corrects { get; init; }
    public string? Reason { get; init; }
}

internal sealed class DetentionConfiguration : IEntityTypeConfiguration<Detention>
{
    public void Configure(EntityTypeBuilder<Detention> b)
    {
        b.ToTable("detentions");
        b.HasKey(d => d.Id);
        b.HasIndex(d => d.Number).IsUnique();
        b.HasIndex(d => d.Seq).IsUnique();
        b.HasIndex(d => new { d.Region, d.Status, d.RecordedAt });
        b.HasIndex(d => new { d.CurrentFacilityId, d.Status });
        b.HasIndex(d => d.NameKey);
        b.Property(d => d.NameKey).HasMaxLength(201);
        b.HasIndex(d => new { d.LookupKey, d.BirthDate });
        // A protected person registered while held is looked for by IIN or birth date, under the log's lock
        // (Protection/MatchDetentions.HeldNowAsync): indexed, so that the lock is held for a lookup, not a scan.
        b.HasIndex(d => d.Iin);
        b.HasIndex(d => d.BirthDate);
        b.Property(d => d.LookupKey).HasMaxLength(200);
        b.HasIndex(d => d.RecordedBy);
        b.Property(d => d.Number).HasMaxLength(32);
        b.Property(d => d.LastName).HasMaxLength(100);
        b.Property(d => d.FirstName).HasMaxLength(100);
        b.Property(d => d.Patronymic).HasMaxLength(100);
        b.Property(d => d.Iin).HasMaxLength(12);
        b.Property(d => d.Region).HasMaxLength(8);
        b.Property(d => d.Agency).HasMaxLength(100);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.FullName);
        b.OwnsMany(d => d.Officers, o =>
        {
            o.ToJson();
        });
        b.HasMany(d => d.Contacts).WithOne().HasForeignKey(c => c.DetentionId);
        b.HasOne<Facilities.Facility>().WithMany().HasForeignKey(d => d.DestinationFacilityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DetentionContactConfiguration : IEntityTypeConfiguration<DetentionContact>
{
    public void Configure(EntityTypeBuilder<DetentionContact> b)
    {
        b.ToTable("detention_contacts");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.EmailNormalized);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.EmailNormalized).HasMaxLength(320);
    }
}

internal sealed class DetentionEventConfiguration : IEntityTypeConfiguration<DetentionEvent>
{
    public void Configure(EntityTypeBuilder<DetentionEvent> b)
    {
        b.ToTable("detention_events");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.DetentionId, e.At });
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.Data).HasColumnType("text");
        b.HasOne<Detention>().WithMany().HasForeignKey(e => e.DetentionId).OnDelete(DeleteBehavior.Restrict);
    }
}
