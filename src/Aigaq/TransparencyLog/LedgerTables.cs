using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.TransparencyLog;

/// <summary>
/// A stored hash tile (c2sp.org/tlog-tiles): the node hashes of tile (<see cref="Level"/>, <see cref="Index"/>).
/// Only the widest version is kept: hashes never change once written, so every narrower partial tile
/// is a prefix of it and is served as such.
/// </summary>
public sealed class LedgerTile
{
    public int Level { get; init; }
    public long Index { get; init; }
    public int Width { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>A signed checkpoint, one row per tree size; the largest is the log's current state.</summary>
public sealed class LedgerCheckpoint
{
    public long Size { get; init; }
    public required string Root { get; init; }
    public required string Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The single row that says which node integrates, and until when its lease holds.</summary>
public sealed class LedgerLeader
{
    public int Id { get; init; }
    public string? Node { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

internal sealed class LedgerTileConfiguration : IEntityTypeConfiguration<LedgerTile>
{
    public void Configure(EntityTypeBuilder<LedgerTile> b)
    {
        b.ToTable("ledger_tiles");
        b.HasKey(t => new { t.Level, t.Index });
        b.Property(t => t.Data).HasMaxLength(Aigaq.Ledger.Tile.FullWidth * MerkleHash.Size);
    }
}

internal sealed class LedgerCheckpointConfiguration : IEntityTypeConfiguration<LedgerCheckpoint>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpoint> b)
    {
        b.ToTable("ledger_checkpoints");
        b.HasKey(c => c.Size);
        b.Property(c => c.Size).ValueGeneratedNever();
        b.Property(c => c.Root).HasMaxLength(44);
        b.Property(c => c.Note).HasMaxLength(4000);
    }
}

internal sealed class LedgerLeaderConfiguration : IEntityTypeConfiguration<LedgerLeader>
{
    public void Configure(EntityTypeBuilder<LedgerLeader> b)
    {
        b.ToTable("ledger_leader");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Node).HasMaxLength(200);
        b.HasData(new LedgerLeader { Id = 1 });
    }
}
