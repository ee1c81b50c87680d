using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Data;

/// <summary>A named counter row; SQLite's stand-in for a database sequence.</summary>
public sealed class Counter
{
    public required string Name { get; init; }
    public long Value { get; set; }
}

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> b)
    {
        b.ToTable("counters");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(40);
        b.HasData(new Counter { Name = NumberAllocator.Detentions, Value = 0 });
    }
}

/// <summary>
/// Hands out human-readable record numbers. PostgreSQL uses a sequence, which never blocks
/// concurrent registrations (a rolled-back one leaves a gap); SQLite has one writer at a time,
/// so a counter row updated inside the registering transaction is as good.
/// </summary>
public sealed class NumberAllocator(AigaqDb db)
{
    public const string Detentions = "detentions";

    public async Task<long> NextAsync(string series, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // ToListAsync, not SingleAsync: the SQL must not be composed into a subquery.
            // The series name is one of this class's constants, never input.
            return (await db.Database
                .SqlQuery<long>($"SELECT nextval({series + "_number"}::regclass) AS \"Value\"")
                .ToListAsync(ct)).Single();
        }

        return (await db.Database
            .SqlQuery<long>($"UPDATE counters SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = {series} RETURNING \"Value\"")
            .ToListAsync(ct)).Single();
    }
}
