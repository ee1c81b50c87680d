using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.TransparencyLog;

/// <summary>One entry of <c>Aigaq:Ledger:Witnesses</c>: where a witness listens and its cosignature vkey.</summary>
public sealed class WitnessEndpointOptions
{
    /// <summary>The witness name; when set it must be the key's name.</summary>
    public string? Name { get; set; }

    /// <summary>The witness submission prefix; add-checkpoint is POSTed to <c>{Url}/add-checkpoint</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The witness's cosignature/v1 verifier key (type 0x04).</summary>
    public string? Key { get; set; }
}

/// <summary>
/// What the log knows of one witness: the size it last cosigned (the old size of the next request) and the
/// lease of the node that is talking to it, so several nodes never send to the same witness at once.
/// </summary>
public sealed class LedgerWitness
{
    public required string Name { get; init; }
    public long Size { get; set; }
    public string? Node { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? RetryAt { get; set; }
}

/// <summary>A witness's cosignature of one checkpoint: the signature line, and the time the witness put in it.</summary>
public sealed class LedgerCosignature
{
    public long Size { get; init; }
    public required string Witness { get; init; }
    public required string Line { get; init; }
    public DateTimeOffset SignedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>Every add-checkpoint request the log sent, with the witness's answer.</summary>
public sealed class LedgerWitnessAttempt
{
    public long Id { get; init; }
    public required string Witness { get; init; }
    public long OldSize { get; init; }
    public long Size { get; init; }
    public int? Status { get; init; }
    public required string Outcome { get; init; }
    public DateTimeOffset At { get; init; }
}

internal sealed class LedgerWitnessConfiguration : IEntityTypeConfiguration<LedgerWitness>
{
    public void Configure(EntityTypeBuilder<LedgerWitness> b)
    {
        b.ToTable("ledger_witnesses");
        b.HasKey(w => w.Name);
        b.Property(w => w.Name).HasMaxLength(200);
        b.Property(w => w.Node).HasMaxLength(200);
    }
}

internal sealed class LedgerCosignatureConfiguration : IEntityTypeConfiguration<LedgerCosignature>
{
    public void Configure(EntityTypeBuilder<LedgerCosignature> b)
    {
        b.ToTable("ledger_cosignatures");
        b.HasKey(c => new { c.Size, c.Witness });
        b.Property(c => c.Size).ValueGeneratedNever();
        b.Property(c => c.Witness).HasMaxLength(200);
        b.Property(c => c.Line).HasMaxLength(400);
    }
}

internal sealed class LedgerWitnessAttemptConfiguration : IEntityTypeConfiguration<LedgerWitnessAttempt>
{
    public void Configure(EntityTypeBuilder<LedgerWitnessAttempt> b)
    {
        b.ToTable("ledger_witness_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Witness).HasMaxLength(200);
        b.Property(a => a.Outcome).HasMaxLength(300);
        b.HasIndex(a => new { a.Witness, a.At });
    }
}
