using Aigaq.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aigaq.Ledger;

/// <summary>
/// Gives new log entries contiguous indices inside the transaction that stores their facts: one
/// UPDATE of the ledger_state row, whose lock keeps the order of indices the order of commits. A
/// rolled-back transaction releases its indices with it, so the log has no gaps.
/// </summary>
internal sealed class LedgerSequencer : SaveChangesInterceptor
{
    public static readonly LedgerSequencer Instance = new();

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

    /// <summary>Gives the tracked new entries their indices now (saving them does it otherwise).</summary>
    internal static async ValueTask AssignAsync(AigaqDb db, CancellationToken ct)
    {
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
            throw new InvalidOperationException("Log entries must be saved inside an explicit transaction with their facts.");
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
}
