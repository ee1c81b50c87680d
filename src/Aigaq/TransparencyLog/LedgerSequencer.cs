using Aigaq.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aigaq.TransparencyLog;

/// <summary>
/// Makes each save's changes of state facts in the log, and gives new log entries contiguous indices inside the
/// transaction that stores their facts.
/// <list type="bullet">
/// <item>Every tracked record of a logged state (<see cref="ILoggedState"/>) that the save adds or changes gets an entry.</item>
/// <item>Indices come from one UPDATE of the ledger_state row, whose lock keeps the order of indices the order of
/// commits. A rolled-back transaction releases its indices with it, so the log has no gaps.</item>
/// <item>A save with entries outside a transaction of the caller's (Identity's stores save on their own) runs in one
/// that the sequencer begins and commits, so no fact is stored without its entry.</item>
/// </list>
/// </summary>
public sealed class LedgerSequencer(IEnumerable<ILoggedState> states, TimeProvider clock) : SaveChangesInterceptor
{
    private readonly ILoggedState[] _states = [.. states];

    /// <summary>The transactions this sequencer began, by context, to commit once the save succeeds.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AigaqDb db)
        {
            await AssignAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AigaqDb db)
        {
            AssignAsync(db, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            await tx.CommitAsync(cancellationToken);
            await tx.DisposeAsync();
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    /// <summary>
    /// Rolls back the transaction this sequencer began for a save that failed, and takes the save's entry indices back.
    /// EF Core reports most failures to <see cref="SaveChangesFailedAsync"/>, but a concurrency failure (a row changed
    /// meanwhile: a concurrency token, Identity's stamp) apart, while its command is still open: <see cref="AigaqDb"/>
    /// calls this once it has failed, or the transaction would stay open on the context (holding the log's index row),
    /// and what the same context saved next would never be committed.
    /// </summary>
    internal async Task AbandonAsync(DbContext? db)
    {
        if (db is not null && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            // Roll the entries' indices back with the facts; the context's new entries keep theirs, so take them back too.
            await tx.RollbackAsync(CancellationToken.None);
            await tx.DisposeAsync();
            foreach (var entry in db.ChangeTracker.Entries<LedgerEntry>().Where(e => e.State == EntityState.Added))
            {
                entry.Entity.Index = LedgerEntry.Unassigned;
            }
        }
    }

    /// <summary>Contexts saving under <see cref="SaveEntriesLastAsync"/>: their save takes no index, the entries follow it.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _entriesLast = [];

    /// <summary>Appends the entries of changed states, then gives the tracked new entries their indices (saving does it otherwise).</summary>
    public async ValueTask AssignAsync(AigaqDb db, CancellationToken ct)
    {
        if (_entriesLast.TryGetValue(db, out _))
        {
            return;
        }

        AppendStates(db);
        var pending = Pending(db);
        if (pending.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            _owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
        }

        long count = pending.Count;
        var next = (await db.Database
            .SqlQuery<long>($"UPDATE ledger_state SET \"NextIndex\" = \"NextIndex\" + {count} WHERE \"Id\" = 1 RETURNING \"NextIndex\"")
            .ToListAsync(ct)).Single();
        var index = next - count;
        foreach (var entry in pending)
        {
            entry.Index = index++;
        }
    }

    /// <summary>
    /// Saves the context's changes, then its new log entries last, so that the log's index row (which every registration
    /// takes too) is held only from the entries' insert to the commit, not while the other rows are written. In the
    /// caller's transaction, which must be open: the row stays locked until the caller commits.
    /// <list type="bullet">
    /// <item>The entries of changed states are appended first, from the changes as they are before the save.</item>
    /// <item>On PostgreSQL the index is taken and the entries inserted by one statement (one round trip): the row is locked
    /// by the statement that needs it and by nothing before it.</item>
    /// <item>On SQLite a writer holds the whole database anyway; the entries are saved after the other rows, as usual.</item>
    /// </list>
    /// What is logged is exactly what a plain save would log; only the order of the writes differs.
    /// </summary>
    public async Task SaveEntriesLastAsync(AigaqDb db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Entries saved last need the caller's transaction, or the row would not be held to the commit.");
        }

        AppendStates(db);
        var pending = Pending(db);
        foreach (var entry in pending)
        {
            db.Entry(entry).State = EntityState.Detached;
        }

        _entriesLast.AddOrUpdate(db, pending);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _entriesLast.Remove(db);
        }

        if (pending.Count == 0)
        {
            return;
        }

        if (!db.Database.IsNpgsql())
        {
            // The states are saved and unchanged now, so this save appends nothing more and takes the index for these.
            db.AddRange(pending);
            await db.SaveChangesAsync(ct);
            return;
        }

        long count = pending.Count;
        var first = (await db.Database.SqlQueryRaw<long>(
            """
            WITH s AS (UPDATE ledger_state SET "NextIndex" = "NextIndex" + @count WHERE "Id" = 1 RETURNING "NextIndex")
            INSERT INTO ledger_entries ("Id", "Index", "Kind", "RecordId", "RecordedAt", "Commitment", "Salt", "Entry", "LeafHash")
            SELECT v.id, s."NextIndex" - @count + v.n - 1, v.kind, v.record, v.at, v.commitment, v.salt, v.entry, v.leaf
            FROM s CROSS JOIN unnest(@ids, @kinds, @records, @ats, @commitments, @salts, @entries, @leaves)
                WITH ORDINALITY AS v(id, kind, record, at, commitment, salt, entry, leaf, n)
            RETURNING "Index"
            """,
            new Npgsql.NpgsqlParameter("count", count),
            new Npgsql.NpgsqlParameter("ids", pending.Select(e => e.Id).ToArray()),
            new Npgsql.NpgsqlParameter("kinds", pending.Select(e => e.Kind).ToArray()),
            new Npgsql.NpgsqlParameter("records", pending.Select(e => e.RecordId).ToArray()),
            // Stored as UTC, as the context's converter stores every instant.
            new Npgsql.NpgsqlParameter("ats", pending.Select(e => e.RecordedAt.ToUniversalTime()).ToArray()),
            new Npgsql.NpgsqlParameter("commitments", pending.Select(e => e.Commitment).ToArray()),
            new Npgsql.NpgsqlParameter("salts", pending.Select(e => e.Salt).ToArray()),
            new Npgsql.NpgsqlParameter("entries", pending.Select(e => e.Entry).ToArray()),
            new Npgsql.NpgsqlParameter("leaves", pending.Select(e => e.LeafHash).ToArray()))
            .ToListAsync(ct)).Min();
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].Index = first + i;
        }
    }

    /// <summary>The tracked new entries without an index, in the order their indices are given.</summary>
    private static List<LedgerEntry> Pending(AigaqDb db) =>
        db.ChangeTracker.Entries<LedgerEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.Index == LedgerEntry.Unassigned)
            .Select(e => e.Entity)
            .OrderBy(e => e.Id)
            .ToList();

    private void AppendStates(AigaqDb db)
    {
        if (_states.Length == 0)
        {
            return;
        }

        // A state already given an entry in this save (the batch writer assigns before it saves) gets no second one.
        var logged = db.ChangeTracker.Entries<LedgerEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => (e.Entity.Kind, e.Entity.RecordId))
            .ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var state in _states)
        {
            state.AppendChanges(db, now, logged);
        }
    }
}
