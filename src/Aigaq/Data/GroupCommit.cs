using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Data;

/// <summary>
/// Group commit for commands that only insert (a detention's registration), on both providers. The request does its
/// reads and checks on its own connection and builds its rows; one writer per node then stores
/// the rows of every request waiting at that moment in one transaction: one log-index update, one
/// batch of inserts, one commit. Each request is answered only after that commit.
/// </summary>
/// <remarks>
/// Why: every log entry takes its index from the one ledger_state row inside its transaction, so
/// writers queue on that row's lock. With one transaction per request, dozens of transactions
/// wait on the row and all wake at each commit; with one writer, a node holds the lock once per
/// batch (see docs/decisions/0006). A batch that fails is not retried here: each of its requests
/// is told so and runs again alone, through the ordinary one-transaction path.
/// </remarks>
public sealed class GroupCommit : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(4 * MaxBatch) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<GroupCommit> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;

    private readonly SqliteWriteGate? _gate;

    public GroupCommit(IServiceScopeFactory scopes, ILogger<GroupCommit> log, SqliteWriteGate? gate = null)
    {
        _scopes = scopes;
        _log = log;
        _gate = gate;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Rows of one request, the way to build its answer, and its idempotency record
    /// without the answer (filled in once the rows are saved).</summary>
    internal sealed record Pending(
        IReadOnlyList<object> Rows, Func<(string Location, string Body)> Answer, IdempotencyRecord? Idempotency, TaskCompletionSource<Answer?> Done);

    /// <summary>What the batch did with a request: stored its rows and gave <paramref name="Body"/> with
    /// <paramref name="Location"/>, or found its key <paramref name="Stored"/> already (a retry) and stored nothing of it.</summary>
    internal sealed record Answer(string? Location, string? Body, IdempotencyRecord? Stored);

    /// <summary>
    /// Stores <paramref name="rows"/> with the next batch, unless the batch finds the key of
    /// <paramref name="idempotency"/> already stored. Returns the answer built after the batch's
    /// save (or the stored record), or null when the batch failed and nothing of it was stored:
    /// the caller then runs its command again on its own.
    /// </summary>
    internal async Task<Answer?> WriteAsync(IReadOnlyList<object> rows, Func<(string Location, string Body)> answer, IdempotencyRecord? idempotency)
    {
        var done = new TaskCompletionSource<Answer?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Not the request's token: once queued, the rows are stored or refused as a whole, so that a
        // client that gave up can send the request again with its key and get the stored answer.
        await _queue.Writer.WriteAsync(new Pending(rows, answer, idempotency, done), _stop.Token);
        return await done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var later = new List<Pending>();
        try
        {
            while (later.Count > 0 || await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                batch.Clear();
                batch.AddRange(later);
                later.Clear();
                var keys = new HashSet<(Guid, string)>(batch.Where(p => p.Idempotency is not null).Select(p => (p.Idempotency!.UserId, p.Idempotency.Key)));
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    // Two requests with one key never share a batch: the second waits for the next one
                    // and then finds the first's answer.
                    if (next.Idempotency is { } r && !keys.Add((r.UserId, r.Key)))
                    {
                        later.Add(next);
                        continue;
                    }

                    batch.Add(next);
                }

                await WriteBatchAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }

        foreach (var pending in later)
        {
            pending.Done.TrySetResult(null);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetResult(null);
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            // On SQLite the batch takes its turn with this node's other writes.
            using var turn = _gate is null ? null : await _gate.EnterAsync(CancellationToken.None);
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
            db.Database.AutoSavepointsEnabled = false;
            // Every row is added, never changed: the save reads their values as they are, so the
            // tracker need not scan them for changes.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            // Retries whose first answer is stored already: one read for the batch's keys.
            var stored = await StoredAsync(db, batch);
            var answers = new Answer[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].Idempotency is { } r && stored.TryGetValue((r.UserId, r.Key), out var first))
                {
                    answers[i] = new Answer(null, null, first);
                }
                else
                {
                    db.AddRange(batch[i].Rows);
                }
            }

            // The log entries of the whole batch take their indices here, in one update, so that the
            // answers (which show them) and the idempotency records holding the answers are saved
            // with the rows in one round of inserts.
            await scope.ServiceProvider.GetRequiredService<TransparencyLog.LedgerSequencer>().AssignAsync(db, CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                if (answers[i] is not null)
                {
                    continue;
                }

                var (location, body) = batch[i].Answer();
                answers[i] = new Answer(location, body, null);
                if (batch[i].Idempotency is { } record)
                {
                    db.Add(record.WithResponse(location, body));
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(answers[i]);
            }
        }
#pragma warning disable CA1031 // The writer must outlive any failure: each request then runs again alone.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Nothing of the batch was stored (the transaction rolled back). Each request runs its
            // command again from the start, with new rows, on its own.
            _log.LogWarning(e, "A batch of {Count} writes failed; each runs again alone", batch.Count);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(null);
            }
        }
    }

    private static async Task<Dictionary<(Guid, string), IdempotencyRecord>> StoredAsync(AigaqDb db, List<Pending> batch)
    {
        var keyed = batch.Where(p => p.Idempotency is not null).Select(p => p.Idempotency!).ToList();
        if (keyed.Count == 0)
        {
            return [];
        }

        var users = keyed.Select(r => r.UserId).Distinct().ToList();
        var keys = keyed.Select(r => r.Key).Distinct().ToList();
        var found = await db.Set<IdempotencyRecord>().AsNoTracking()
            .Where(r => users.Contains(r.UserId) && keys.Contains(r.Key))
            .ToListAsync(CancellationToken.None);
        return found.ToDictionary(r => (r.UserId, r.Key));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _queue.Writer.TryComplete();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
