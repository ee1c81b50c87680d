using Microsoft.EntityFrameworkCore;

namespace Aigaq.Data;

/// <summary>How a command's rows reach the database: a choice per operation, not a separate path.</summary>
public enum WriteMode
{
    /// <summary>In a transaction of its own: the command's reads, checks and writes see one state.</summary>
    Transaction,

    /// <summary>
    /// For commands that only add rows: the reads and checks run outside a transaction, and the rows are stored with
    /// other requests' rows in one transaction by <see cref="GroupCommit"/>. Falls back to a transaction of its own when
    /// the batch fails.
    /// </summary>
    Grouped,
}

/// <summary>
/// What makes a command idempotent: who sent it, the key they gave, the operation, a hash of the request (empty when
/// the key alone identifies it, as a form's one-time key does), and the status its stored answer gives.
/// </summary>
public sealed record CommandKey(Guid UserId, string Key, string Operation, string RequestHash, int Status);

/// <summary>What a unit of work did with a command.</summary>
public abstract record UnitResult
{
    private UnitResult()
    {
    }

    /// <summary>The command refused (its problem says why) and nothing was written.</summary>
    public sealed record Refused(IResult Problem) : UnitResult;

    /// <summary>The key was used before with another operation or request; nothing was written.</summary>
    public sealed record KeyReused : UnitResult;

    /// <summary>The command's rows are stored (or were, by the first request with this key: <paramref name="Replayed"/>).</summary>
    public sealed record Stored(string Location, string Body, bool Replayed) : UnitResult;
}

/// <summary>
/// The one way a command writes, for the API and for forms alike. The command runs, builds its rows and returns an
/// <see cref="Outcome{T}"/>; the unit stores the rows and the answer under the command's key in one transaction (or in
/// a group commit), so that a retry with the key gets the first answer and creates nothing, and a refused or failed
/// command writes nothing. On SQLite, which has one writer at a time, this node's writes take turns on
/// <see cref="SqliteWriteGate"/> instead of polling the database's busy lock.
/// </summary>
public sealed class UnitOfWork(AigaqDb db, TimeProvider clock, GroupCommit? group = null, SqliteWriteGate? gate = null)
{
    public const int MaxKeyLength = 200;

    /// <summary>
    /// Runs <paramref name="command"/>. <paramref name="answer"/> gives the stored answer's location and body from the
    /// value the command built (after the save, so that what the database assigned on save is in it).
    /// </summary>
    public async Task<UnitResult> RunAsync<T>(
        CommandKey? key, WriteMode mode, Func<CancellationToken, Task<Outcome<T>>> command, Func<Outcome<T>, T, (string Location, string Body)> answer, CancellationToken ct)
        where T : class
    {
        var grouped = mode == WriteMode.Grouped && group is not null;
        // A grouped command's key is looked up by the batch that would store it: one read for the whole batch.
        if (key is not null && !grouped && await ReplayAsync(key, ct) is { } first)
        {
            return first;
        }

        if (grouped)
        {
            var stored = await RunGroupedAsync(key, command, answer, ct);
            if (stored is not null)
            {
                return stored;
            }

            // The batch failed and stored nothing. A request with the same key may have won meanwhile.
            if (key is not null && await ReplayAsync(key, ct) is { } replay)
            {
                return replay;
            }
        }

        return await RunInTransactionAsync(key, command, answer, ct);
    }

    private async Task<UnitResult> RunInTransactionAsync<T>(
        CommandKey? key, Func<CancellationToken, Task<Outcome<T>>> command, Func<Outcome<T>, T, (string Location, string Body)> answer, CancellationToken ct)
        where T : class
    {
        using var writing = gate is null ? null : await gate.EnterAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await command(ct);
        if (outcome.Problem is not null)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new UnitResult.Refused(outcome.Problem);
        }

        try
        {
            // First save: the facts, their outbox rows and log entries (which take their indices here).
            await db.SaveChangesAsync(ct);
            var (location, body) = answer(outcome, outcome.Value!);
            if (key is not null)
            {
                db.Add(Record(key, location, body));
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
            return new UnitResult.Stored(location, body, Replayed: false);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new UnitResult.Refused(Web.ProblemTypes.ConflictProblem("The record changed while this request was handled; send it again."));
        }
        catch (DbUpdateException e) when (IsForeignKeyViolation(e))
        {
            // A row this command hangs from was removed meanwhile (a protected person erased, say): nothing is written.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new UnitResult.Refused(Web.ProblemTypes.ConflictProblem("A record this request refers to was removed meanwhile; read it again."));
        }
        catch (DbUpdateException e) when (key is not null || IsUniqueViolation(e))
        {
            // Two requests with the same key raced and the other one won: answer as it did. Or two requests raced for
            // a row only one may write (a second enrolment, a record replaced twice): the loser is told, not given a 500.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return (key is null ? null : await ReplayAsync(key, ct))
                ?? (IsUniqueViolation(e)
                    ? new UnitResult.Refused(Web.ProblemTypes.ConflictProblem("Another request changed the same record first; read it again."))
                    : throw new InvalidOperationException("Idempotent save failed without a stored answer.", e));
        }
    }

    /// <summary>A foreign key refused the row: PostgreSQL's 23503, SQLite's 787.</summary>
    private static bool IsForeignKeyViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation,
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode == 787,
        _ => false,
    };

    /// <summary>A unique index refused the row: PostgreSQL's 23505, SQLite's constraint error.</summary>
    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    private async Task<UnitResult?> RunGroupedAsync<T>(
        CommandKey? key, Func<CancellationToken, Task<Outcome<T>>> command, Func<Outcome<T>, T, (string Location, string Body)> answer, CancellationToken ct)
        where T : class
    {
        // The command's reads share one connection; its rows leave this context for the writer's.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var outcome = await command(ct);
            if (outcome.Problem is not null)
            {
                db.ChangeTracker.Clear();
                // A retry gets the first answer even when its request would no longer pass (a facility gone, an
                // instant now too old); a reused key with another request, KeyReused.
                return key is not null && await ReplayAsync(key, ct) is { } replay ? replay : new UnitResult.Refused(outcome.Problem);
            }

            // Only added rows are expected: their values are read when the writer saves them, so the tracker's scan
            // for changed values is needed only if something else is tracked.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var entries = db.ChangeTracker.Entries().ToList();
            if (entries.Any(e => e.State != EntityState.Added))
            {
                db.ChangeTracker.DetectChanges();
            }

            if (entries.Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            {
                throw new InvalidOperationException($"{key?.Operation ?? "A command"} changes stored rows; it cannot be grouped.");
            }

            var rows = entries.Where(e => e.State == EntityState.Added && !e.Metadata.IsOwned()).Select(e => e.Entity).ToList();
            db.ChangeTracker.Clear();
            // The connection goes back to the pool before the wait: the writer takes one from the same pool, and
            // requests holding theirs while they wait for it would starve it once as many wait as the pool holds.
            await db.Database.CloseConnectionAsync();
            var record = key is null ? null : Record(key, "", "");
            var written = await group!.WriteAsync(rows, () => answer(outcome, outcome.Value!), record);
            return written switch
            {
                null => null,
                { Stored: { } stored } => Replay(stored, key!),
                _ => new UnitResult.Stored(written.Location!, written.Body!, Replayed: false),
            };
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await db.Database.CloseConnectionAsync();
        }
    }

    private IdempotencyRecord Record(CommandKey key, string location, string body) => new()
    {
        UserId = key.UserId,
        Key = key.Key,
        Operation = key.Operation,
        RequestHash = key.RequestHash,
        StatusCode = key.Status,
        Location = location,
        ResponseJson = body,
        CreatedAt = clock.GetUtcNow(),
    };

    private async Task<UnitResult?> ReplayAsync(CommandKey key, CancellationToken ct)
    {
        var stored = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserId == key.UserId && r.Key == key.Key, ct);
        return stored is null ? null : Replay(stored, key);
    }

    /// <summary>The answer to a command whose key has <paramref name="stored"/> an answer already.</summary>
    private static UnitResult Replay(IdempotencyRecord stored, CommandKey key) =>
        stored.Operation != key.Operation || stored.RequestHash != key.RequestHash
            ? new UnitResult.KeyReused()
            : new UnitResult.Stored(stored.Location, stored.ResponseJson, Replayed: true);
}
