using System.Buffers;
using Aigaq.Data;
using Aigaq.Ledger;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Aigaq.TransparencyLog;

/// <summary>
/// A kind of stored record whose state may change after it is created. Whenever a save adds such a record, or changes
/// what <see cref="LoggedState{T}.Content"/> writes of it, the save appends a <c>KIND</c> entry committing to the
/// record's new state, in the same transaction (<see cref="LedgerSequencer"/>). The audit then checks that each stored
/// record is in the state its latest entry commits to (or, with no entry, in the state its creation implies), so an
/// edit or deletion made behind the application's back is named. An area declares its kinds with
/// <see cref="LoggedStateExtensions.AddLoggedState{T}"/>; the kernel knows none of them.
/// </summary>
public interface ILoggedState
{
    /// <summary>The log entry kind, e.g. <c>case.state</c>.</summary>
    string Kind { get; }

    /// <summary>Appends an entry for each tracked record of this kind whose state this save adds or changes.</summary>
    void AppendChanges(AigaqDb db, DateTimeOffset now, HashSet<(string Kind, Guid Id)> logged);
}

/// <summary>How a kind of record's state is identified, written and, when a creation fact already implies it, skipped.</summary>
/// <param name="Kind">The entry kind.</param>
/// <param name="What">The record as failures name it ("case", "alert").</param>
/// <param name="Id">The record id that the entries carry.</param>
/// <param name="Content">The state as canonical JSON: only what the application changes, from the row alone.</param>
/// <param name="IsInitial">
/// True when a record is in the state its creation fact (an entry of another kind) already commits to, so that no
/// entry is needed for it; null when every new record gets an entry.
/// </param>
/// <param name="AuditedByArea">
/// True when the area's own audit source checks the state of each row it reads anyway (see
/// <see cref="Check(AuditRecords, T)"/>), so that a large table is read once; false for a generic source.
/// </param>
public sealed record LoggedState<T>(
    string Kind, string What, Func<T, Guid> Id, Action<CanonicalJsonWriter, T> Content, Func<T, bool>? IsInitial = null,
    bool AuditedByArea = false) : ILoggedState
    where T : class
{
    public void AppendChanges(AigaqDb db, DateTimeOffset now, HashSet<(string Kind, Guid Id)> logged)
    {
        // A list first: appending entries adds to what the tracker enumerates.
        foreach (var entry in db.ChangeTracker.Entries<T>().ToList())
        {
            if (entry.State == EntityState.Deleted)
            {
                var gone = Id(entry.Entity);
                if (logged.Add((Kind, gone)))
                {
                    LedgerWriter.Append(db, Kind, gone, now, w => Deleted(w, gone));
                }

                continue;
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                if (db.ChangeTracker.AutoDetectChangesEnabled || entry.State != EntityState.Unchanged)
                {
                    continue;
                }

                // A context that does not detect changes by itself (a batch writer) still logs a changed state.
                entry.DetectChanges();
                if (entry.State != EntityState.Modified)
                {
                    continue;
                }
            }

            var record = entry.Entity;
            var id = Id(record);
            if (logged.Contains((Kind, id)) || !Changed(entry))
            {
                continue;
            }

            logged.Add((Kind, id));
            LedgerWriter.Append(db, Kind, id, now, w => Content(w, record));
        }
    }

    /// <summary>Whether the save adds a state that needs an entry: a new record not in its implied state, or a changed content.</summary>
    private bool Changed(EntityEntry<T> entry)
    {
        if (entry.State == EntityState.Added)
        {
            return IsInitial is null || !IsInitial(entry.Entity);
        }

        var before = (T)entry.OriginalValues.ToObject();
        return !Write(before).AsSpan().SequenceEqual(Write(entry.Entity));
    }

    private byte[] Write(T record)
    {
        var writer = new CanonicalJsonWriter(new ArrayBufferWriter<byte>(256));
        Content(writer, record);
        writer.Complete();
        return writer.Output.WrittenSpan.ToArray();
    }

    /// <summary>The state of a record the application deleted: its latest entry says so, and no row is left.</summary>
    public static void Deleted(CanonicalJsonWriter w, Guid id) => w.StartObject().Member("deleted", true).Member("id", id.ToString()).EndObject();

    /// <summary>
    /// Checks one stored row: its latest entry must commit to its state now; with no entry, it must be in its implied
    /// initial state. Earlier entries are its history and are taken as read.
    /// </summary>
    public void Check(AuditRecords audit, T row) =>
        audit.Latest(Kind, Id(row), What, w => Content(w, row), IsInitial is { } initial && initial(row));
}

/// <summary>The audit source that reads every row of a logged state whose area does not check it itself.</summary>
internal sealed class LoggedStateAudit<T>(LoggedState<T> state) : IAuditSource
    where T : class
{
    public IReadOnlyCollection<string> Kinds => [state.Kind];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var row in audit.Db.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            state.Check(audit, row);
        }

        // Entries of records no longer stored: deleted by the application when the latest says so, else behind its back.
        foreach (var id in audit.RecordIds(state.Kind).ToList())
        {
            audit.Gone(state.Kind, id, state.What, w => LoggedState<T>.Deleted(w, id));
        }
    }
}

public static class LoggedStateExtensions
{
    /// <summary>Logs every state of <typeparamref name="T"/> and has the audit check it (see <see cref="ILoggedState"/>).</summary>
    public static IServiceCollection AddLoggedState<T>(this IServiceCollection services, LoggedState<T> state)
        where T : class
    {
        services.AddSingleton<ILoggedState>(state);
        if (!state.AuditedByArea)
        {
            services.AddSingleton<IAuditSource>(new LoggedStateAudit<T>(state));
        }

        return services;
    }
}
