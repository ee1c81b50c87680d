using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>What a custodian decided on an identity request.</summary>
public enum IdentityDecisionKind
{
    Granted,
    Denied,
}

/// <summary>Where an identity request stands, computed from its decisions and the clock (never stored).</summary>
public enum IdentityRequestStatus
{
    Pending,
    Granted,
    Denied,

    /// <summary>Granted, and the grant's time is over: the identity is no longer answered.</summary>
    Expired,
}

/// <summary>
/// Someone asks to see a protected person's identity, with a reason (issue 15, item 4). Never updated: each custodian's
/// decision is a row of its own (<see cref="IdentityDecision"/>), and the request's status follows from them. The number of
/// distinct custodians whose grant opens it is the rule in force when it was asked (<c>Aigaq:Protection:Approvals</c>).
/// </summary>
public sealed class IdentityRequest
{
    public Guid Id { get; init; }
    public Guid ProtectedPersonId { get; init; }
    public Guid RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public required string Reason { get; init; }

    /// <summary>How many distinct custodians must grant: 1 is "any one", N is "all N".</summary>
    public int Approvals { get; init; }
}

/// <summary>
/// One custodian's decision on an identity request, with their reason. The grant that completes the approvals carries the
/// identity sealed anew for the requester's key only (<see cref="GrantEnvelope"/>), open until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class IdentityDecision
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }

    /// <summary>1 for the request's first decision, and so on: two custodians deciding at once cannot both take a place.</summary>
    public int Ordinal { get; init; }

    public Guid DecidedBy { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public IdentityDecisionKind Decision { get; init; }
    public required string Reason { get; init; }

    /// <summary>The identity sealed for the requester (an <see cref="IdentityEnvelope"/>); only on the grant that completes the approvals.</summary>
    public string? GrantEnvelope { get; init; }

    /// <summary>The requester's key row the grant was sealed for.</summary>
    public Guid? GrantKeyId { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>A granted identity shown to its requester: who, when. Never what was shown.</summary>
public sealed class IdentityView
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public Guid ViewedBy { get; init; }
    public DateTimeOffset ViewedAt { get; init; }
}

internal sealed class IdentityRequestConfiguration : IEntityTypeConfiguration<IdentityRequest>
{
    public void Configure(EntityTypeBuilder<IdentityRequest> b)
    {
        b.ToTable("identity_requests");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.ProtectedPersonId, r.RequestedAt });
        b.HasIndex(r => new { r.RequestedBy, r.RequestedAt });
        b.Property(r => r.Reason).HasMaxLength(IdentityRequests.MaxReason);

        // Restrict, like the other registers hanging from a person: an erasure deletes children first, and a request
        // committed while a person is erased fails rather than outliving them (Retention/EraseExpired).
        b.HasOne<ProtectedPerson>().WithMany().HasForeignKey(r => r.ProtectedPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdentityDecisionConfiguration : IEntityTypeConfiguration<IdentityDecision>
{
    public void Configure(EntityTypeBuilder<IdentityDecision> b)
    {
        b.ToTable("identity_decisions");
        b.HasKey(d => d.Id);

        // A custodian decides a request once, and a request's decisions take their places one at a time.
        b.HasIndex(d => new { d.RequestId, d.DecidedBy }).IsUnique();
        b.HasIndex(d => new { d.RequestId, d.Ordinal }).IsUnique();
        b.Property(d => d.Reason).HasMaxLength(IdentityRequests.MaxReason);
        b.Property(d => d.GrantEnvelope).HasMaxLength(8_000);
        b.HasOne<IdentityRequest>().WithMany().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdentityViewConfiguration : IEntityTypeConfiguration<IdentityView>
{
    public void Configure(EntityTypeBuilder<IdentityView> b)
    {
        b.ToTable("identity_views");
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.RequestId, v.ViewedAt });
        b.HasOne<IdentityRequest>().WithMany().HasForeignKey(v => v.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
