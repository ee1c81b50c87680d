using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Protection;

/// <summary>
/// How far <see cref="MatchDetentions"/> has read the transparency log: the index of the first entry it has not matched.
/// Bookkeeping of a scan, not a registered fact (like the outbox's delivery state): losing it only makes the next pass
/// read again from the start, and the alerts' unique keys make a second raise a no-op.
/// </summary>
public sealed class ProtectionMatchCursor
{
    public int Id { get; init; }
    public long NextIndex { get; set; }
}

internal sealed class ProtectionMatchCursorConfiguration : IEntityTypeConfiguration<ProtectionMatchCursor>
{
    public void Configure(EntityTypeBuilder<ProtectionMatchCursor> b)
    {
        b.ToTable("protection_match_cursor");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.HasData(new ProtectionMatchCursor { Id = 1, NextIndex = 0 });
    }
}
