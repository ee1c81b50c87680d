using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>Why a custodian's key row was written.</summary>
public enum CustodianKeyReason
{
    /// <summary>The custodian's first key pair.</summary>
    Enrolled,

    /// <summary>The same key pair sealed under a new passphrase (or a higher cost).</summary>
    PassphraseChanged,
}

/// <summary>
/// A custodian's key (ADR 0022): the X25519 public key identities are wrapped for, and the private half sealed under the
/// custodian's passphrase. Never updated: a new passphrase is a new row that replaces the last, so the history stays;
/// the custodian's key is their newest row. Each row is a fact in the log, so that a public key swapped behind the
/// application's back (to have new identities wrapped for someone else) is refused before sealing and named by the audit.
/// </summary>
public sealed class CustodianKey
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }

    /// <summary>The X25519 public key, base64url without padding.</summary>
    public required string PublicKey { get; init; }

    /// <summary>The sealed private key as <see cref="SealedHolderKey.ToJson"/> writes it.</summary>
    public required string Sealed { get; init; }

    public CustodianKeyReason Reason { get; init; }

    /// <summary>The row this one replaces; null for the first.</summary>
    public Guid? Replaces { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class CustodianKeyConfiguration : IEntityTypeConfiguration<CustodianKey>
{
    public void Configure(EntityTypeBuilder<CustodianKey> b)
    {
        b.ToTable("custodian_keys");
        b.HasKey(k => k.Id);
        b.HasIndex(k => new { k.UserId, k.CreatedAt });

        // One first key per custodian, and a row replaced once: two enrolments or two passphrase changes racing each
        // other cannot both win.
        b.HasIndex(k => k.UserId).IsUnique().HasFilter("\"Replaces\" IS NULL").HasDatabaseName("IX_custodian_keys_UserId_first");
        b.HasIndex(k => k.Replaces).IsUnique();
        b.Property(k => k.PublicKey).HasMaxLength(64);
        b.Property(k => k.Sealed).HasMaxLength(2048);
    }
}
