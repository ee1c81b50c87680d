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

    /// <summary>Appends the entries of changed states, then gives the tracked new entries their indices (saving does it otherwise).</summary>
    public async ValueTask AssignAsync(AigaqDb db, CancellationToken ct)
    {
        AppendStates(db);
        var pending = db.ChangeTracker.Entries<LedgerEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.Index == LedgerEntry.Unassigned)
            .Select(e => e.Entity)
            .OrderBy(e => e.Id)
            .ToList();
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
