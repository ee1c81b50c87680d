using System.Runtime.CompilerServices;
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
/// concurrent registrations (a rolled-back one leaves a gap); the process takes its values
/// <see cref="PostgresSequences.Block"/> at a time (<see cref="PostgresSequences"/>), as a
/// sequence's own CACHE would. An embedded SQLite file is served by
/// one process, so the process keeps the sequence in memory (<see cref="SqliteSequences"/>),
/// starting after the highest number stored: taking a number writes nothing and does not wait for
/// the database's one writer.
/// </summary>
public sealed class NumberAllocator(AigaqDb db, SqliteSequences? sqlite = null, PostgresSequences? postgres = null)
{
    public const string Detentions = "detentions";
    public const string Reports = "reports";
    public const string Complaints = "complaints";
    public const string ProtectedPersons = "protected";
    public const string Reprisals = "reprisals";
    public const string Examinations = "examinations";
    public const string Visits = "visits";
    public const string VisitRecommendations = "visitrecs";

    public async Task<long> NextAsync(string series, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            return postgres is null
                ? (await PostgresSequences.TakeAsync(db, series, 1, ct))[0]
                : await postgres.NextAsync(db, series, ct);
        }

        if (sqlite is null)
        {
            throw new InvalidOperationException("SQLite numbers need the process's SqliteSequences.");
        }

        return await sqlite.NextAsync(db, series, ct);
    }
}

/// <summary>
/// A series of record numbers that an area hands out, and how to find the highest one it has stored (the SQLite
/// process starts the series after it). The area registers it; the kernel names the series (their PostgreSQL sequences
/// are in the model) but knows no area's table.
/// </summary>
public sealed record NumberSeries(string Name, Func<AigaqDb, CancellationToken, Task<long?>> HighestStored);

/// <summary>The SQLite process's record-number sequences, each started after the highest stored number.</summary>
public sealed class SqliteSequences(IEnumerable<NumberSeries> series)
{
    private readonly Dictionary<string, NumberSeries> _series = series.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly Dictionary<string, StrongBox<long>> _last = new(StringComparer.Ordinal);

    public async Task<long> NextAsync(AigaqDb db, string series, CancellationToken ct)
    {
        StrongBox<long>? last;
        lock (_last)
        {
            _last.TryGetValue(series, out last);
        }

        if (last is null)
        {
            await _starting.WaitAsync(ct);
            try
            {
                lock (_last)
                {
                    _last.TryGetValue(series, out last);
                }

                if (last is null)
                {
                    var stored = _series.TryGetValue(series, out var known)
                        ? await known.HighestStored(db, ct) ?? 0
                        : throw new ArgumentOutOfRangeException(nameof(series), series, "unknown number series");
                    last = new StrongBox<long>(stored);
                    lock (_last)
                    {
                        _last[series] = last;
                    }
                }
            }
            finally
            {
                _starting.Release();
            }
        }

        return Interlocked.Increment(ref last.Value);
    }
}

/// <summary>
/// The PostgreSQL process's record numbers, taken from the database sequence
/// <see cref="Block"/> values at a time: one round trip per block instead of one per record. Like
/// a sequence's CACHE, the values a process took and did not use are lost when it stops (a gap,
/// as a rolled-back registration leaves), and two processes hand out numbers from their own
/// blocks, so numbers are unique and increase within a process but interleave across nodes.
/// </summary>
public sealed class PostgresSequences
{
    public const int Block = 32;
    private readonly SemaphoreSlim _taking = new(1, 1);
    private readonly Dictionary<string, Queue<long>> _left = new(StringComparer.Ordinal);

    public async Task<long> NextAsync(AigaqDb db, string series, CancellationToken ct)
    {
        if (TryNext(series, out var value))
        {
            return value;
        }

        await _taking.WaitAsync(ct);
        try
        {
            if (TryNext(series, out value))
            {
                return value;
            }

            var taken = await TakeAsync(db, series, Block, ct);
            lock (_left)
            {
                _left[series] = new Queue<long>(taken.Skip(1));
            }

            return taken[0];
        }
        finally
        {
            _taking.Release();
        }
    }

    /// <summary>Takes <paramref name="count"/> values of the series' sequence, in increasing order.</summary>
    internal static async Task<List<long>> TakeAsync(AigaqDb db, string series, int count, CancellationToken ct)
    {
        // ToListAsync: the SQL must not be composed into a subquery. The series name is one of
        // NumberAllocator's constants, never input.
        var taken = await db.Database
            .SqlQuery<long>($"SELECT nextval({series + "_number"}::regclass) AS \"Value\" FROM generate_series(1, {count})")
            .ToListAsync(ct);
        taken.Sort();
        return taken;
    }

    private bool TryNext(string series, out long value)
    {
        lock (_left)
        {
            if (_left.TryGetValue(series, out var left) && left.TryDequeue(out value))
            {
                return true;
            }
        }

        value = 0;
        return false;
    }
}
