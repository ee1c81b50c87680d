using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.TransparencyLog;

/// <summary>
/// One entry of the transparency log. <see cref="Entry"/> is the public leaf content: RFC 8785
/// canonical JSON of <c>{ kind, recordId, recordedAt, commitment }</c>, with no personal data.
/// <see cref="Salt"/> is private: with it, the record's owner can prove the record's content
/// against the commitment without the log revealing it.
/// </summary>
public sealed class LedgerEntry
{
    /// <summary>Not yet given an index; the sequencer assigns it inside the saving transaction.</summary>
    public const long Unassigned = -1;

    public Guid Id { get; init; }

    /// <summary>The leaf index: contiguous from 0, taken in the transaction that stores the fact.</summary>
    public long Index { get; set; } = Unassigned;
    public required string Kind { get; init; }
    public Guid RecordId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string Commitment { get; init; }
    public required string Salt { get; init; }
    public required string Entry { get; init; }
    public required string LeafHash { get; init; }
}

/// <summary>The single row that hands out contiguous leaf indices.</summary>
public sealed class LedgerState
{
    public int Id { get; init; }
    public long NextIndex { get; set; }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("ledger_entries");
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.Index).IsUnique();
        b.HasIndex(e => new { e.Kind, e.RecordId });
        b.Property(e => e.Kind).HasMaxLength(60);
        b.Property(e => e.Commitment).HasMaxLength(44);
        b.Property(e => e.Salt).HasMaxLength(44);
        b.Property(e => e.LeafHash).HasMaxLength(44);
        b.Property(e => e.Entry).HasMaxLength(1000);
    }
}

internal sealed class LedgerStateConfiguration : IEntityTypeConfiguration<LedgerState>
{
    public void Configure(EntityTypeBuilder<LedgerState> b)
    {
        b.ToTable("ledger_state");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new LedgerState { Id = 1, NextIndex = 0 });
    }
}
