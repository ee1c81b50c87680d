using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Access;

/// <summary>
/// One administrator's request to give an account a role of power (<see cref="Permissions.NeedsSecondAdministrator"/>),
/// and its decision by a second administrator: approved (the change is then made, naming both), refused, or withdrawn
/// by the one who asked. The account's state before and after is kept as it was asked; a request is decided once.
/// Each state of it is a <c>role-grant.state</c> entry in the log.
/// </summary>
public sealed class RoleGrant
{
    public Guid Id { get; init; }

    /// <summary>The account to be changed.</summary>
    public Guid UserId { get; init; }

    public DateTimeOffset RequestedAt { get; init; }
    public Guid RequestedBy { get; init; }
    public required string Reason { get; init; }
    public required string FromRole { get; init; }
    public required string ToRole { get; init; }
    public string? FromRegion { get; init; }
    public string? ToRegion { get; init; }
    public Guid? FromFacilityId { get; init; }
    public Guid? ToFacilityId { get; init; }
    public bool FromDeactivated { get; init; }
    public bool ToDeactivated { get; init; }

    /// <summary>One of <see cref="RoleGrantStatus"/>; only a pending request changes, and only once.</summary>
    public required string Status { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>The account change an approval made.</summary>
    public Guid? ChangeId { get; set; }

    public UserAccounts.AccountState From => new(FromRole, FromRegion, FromFacilityId, FromDeactivated);
    public UserAccounts.AccountState To => new(ToRole, ToRegion, ToFacilityId, ToDeactivated);
}

public static class RoleGrantStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Refused = "refused";

    /// <summary>Refused by the administrator who asked.</summary>
    public const string Withdrawn = "withdrawn";
}

public static class RoleGrantLedger
{
    public static readonly LoggedState<RoleGrant> State = new("role-grant.state", "role grant", g => g.Id, Write);

    private static void Write(CanonicalJsonWriter w, RoleGrant g)
    {
        w.StartObject()
            .Member("changeId", g.ChangeId?.ToString())
            .Member("decidedAt", g.DecidedAt is { } at ? LedgerWriter.Instant(at) : null)
            .Member("decidedBy", g.DecidedBy?.ToString())
            .Member("decisionReason", g.DecisionReason)
            .Name("from");
        StateOf(w, g.From)
            .Member("id", g.Id.ToString())
            .Member("reason", g.Reason)
            .Member("requestedAt", LedgerWriter.Instant(g.RequestedAt))
            .Member("requestedBy", g.RequestedBy.ToString())
            .Member("status", g.Status)
            .Name("to");
        StateOf(w, g.To)
            .Member("userId", g.UserId.ToString())
            .EndObject();
    }

    private static CanonicalJsonWriter StateOf(CanonicalJsonWriter w, UserAccounts.AccountState s) => w.StartObject()
        .Member("deactivated", s.Deactivated)
        .Member("facilityId", s.FacilityId?.ToString())
        .Member("region", s.Region)
        .Member("role", s.Role)
        .EndObject();
}

internal sealed class RoleGrantConfiguration : IEntityTypeConfiguration<RoleGrant>
{
    public void Configure(EntityTypeBuilder<RoleGrant> b)
    {
        b.ToTable("role_grants");
        b.HasKey(g => g.Id);
        b.Ignore(g => g.From);
        b.Ignore(g => g.To);
        // One open request per account: a second one would be decided against a state the first may change.
        b.HasIndex(g => g.UserId).IsUnique().HasFilter("\"Status\" = 'pending'");
        b.HasIndex(g => new { g.Status, g.RequestedAt });
        // A decision is made from the pending state only: of two made at once, the second finds it gone and fails.
        b.Property(g => g.Status).HasMaxLength(16).IsConcurrencyToken();
        b.Property(g => g.Reason).HasMaxLength(UserAccounts.MaxReason);
        b.Property(g => g.DecisionReason).HasMaxLength(UserAccounts.MaxReason);
        b.Property(g => g.FromRole).HasMaxLength(40);
        b.Property(g => g.ToRole).HasMaxLength(40);
        b.Property(g => g.FromRegion).HasMaxLength(8);
        b.Property(g => g.ToRegion).HasMaxLength(8);
        b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.RequestedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.DecidedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AccountChange>().WithMany().HasForeignKey(g => g.ChangeId).OnDelete(DeleteBehavior.Restrict);
    }
}
