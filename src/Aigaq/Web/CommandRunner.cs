using System.Security.Cryptography;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Web;

/// <summary>
/// Runs a creating command in one transaction with its <c>Idempotency-Key</c>: a retry with the
/// same key and body gets the first answer and creates nothing; the same key with another body
/// is refused; a failed command writes nothing. Commands that only insert may go through
/// <see cref="GroupCommit"/>; on SQLite, which has one writer at a time, the other writes of this
/// node queue on <see cref="SqliteWriteGate"/> (as the group's batches do) instead of polling the
/// database's busy lock.
/// </summary>
public sealed class CommandRunner(AigaqDb db, TimeProvider clock, GroupCommit? group = null, SqliteWriteGate? gate = null)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    /// <summary>
    /// Runs <paramref name="command"/> and answers 201 with what it built. With
    /// <paramref name="insertOnly"/> (the command only adds rows and changes none) its rows may be
    /// stored with other requests' rows in one transaction, after its reads ran outside one.
    /// </summary>
    public async Task<IResult> CreateAsync<T>(
        HttpContext http, string operation, object request, Func<CancellationToken, Task<Outcome<T>>> command, bool insertOnly = false)
        where T : class
    {
        var ct = http.RequestAborted;
        var userId = http.User.RequiredUserId();
        string? key = http.Request.Headers[Header];
        string? requestHash = null;
        if (key is not null)
        {
            if (key.Length is 0 or > MaxKeyLength)
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { [Header] = [$"must be 1 to {MaxKeyLength} characters"] },
                    type: ProblemTypes.Validation);
            }

            requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, Json.Options)));
            // A grouped command's key is looked up by the batch that would store it: one read for
            // the whole batch, in its transaction, instead of one per request.
            if (!(insertOnly && group is not null) && await ReplayAsync(userId, key, operation, requestHash, ct) is { } replay)
            {
                return replay;
            }
        }

        if (insertOnly && group is not null)
        {
            var grouped = await CreateGroupedAsync(userId, key, operation, requestHash, command, ct);
            if (grouped is not null)
            {
                return grouped;
            }

            // The batch failed and stored nothing. A request with the same key may have won meanwhile.
            if (key is not null && await ReplayAsync(userId, key, operation, requestHash!, ct) is { } replay)
            {
                return replay;
            }
        }

        using var writing = await EnterGateAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await command(ct);
        if (outcome.Problem is not null)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return outcome.Problem;
        }

        string body;
        try
        {
            // First save: the facts, their outbox rows and log entries (which take their indices here).
            await db.SaveChangesAsync(ct);
            body = JsonSerializer.Serialize(outcome.Build!(), Json.Options);
            if (key is not null)
            {
                db.Add(new IdempotencyRecord
                {
                    UserId = userId,
                    Key = key,
                    Operation = operation,
                    RequestHash = requestHash!,
                    StatusCode = StatusCodes.Status201Created,
                    Location = outcome.Location!,
                    ResponseJson = body,
                    CreatedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return ProblemTypes.ConflictProblem("The record changed while this request was handled; send it again.");
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Two requests with the same key raced; the other one won. Answer as it did.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await ReplayAsync(userId, key, operation, requestHash!, ct) ?? throw new InvalidOperationException("Idempotent save failed without a stored answer.");
        }

        return new RawCreated(outcome.Location!, body);
    }

    private async Task<IResult?> CreateGroupedAsync<T>(
        Guid userId, string? key, string operation, string? requestHash, Func<CancellationToken, Task<Outcome<T>>> command, CancellationToken ct)
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
                // A retry gets the first answer even when its body would no longer pass (a
                // facility gone, an instant now too old); a reused key with another body, 422.
                return key is not null && await ReplayAsync(userId, key, operation, requestHash!, ct) is { } replay
                    ? replay
                    : outcome.Problem;
            }

            // Only added rows are expected: their values are read when the writer saves them, so the
            // tracker's scan for changed values is needed only if something else is tracked.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var entries = db.ChangeTracker.Entries().ToList();
            if (entries.Any(e => e.State != EntityState.Added))
            {
                db.ChangeTracker.DetectChanges();
            }

            if (entries.Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            {
                throw new InvalidOperationException($"{operation} changes stored rows; it cannot be run as insert-only.");
            }

            var rows = entries.Where(e => e.State == EntityState.Added && !e.Metadata.IsOwned()).Select(e => e.Entity).ToList();
            db.ChangeTracker.Clear();
            var record = key is null ? null : new IdempotencyRecord
            {
                UserId = userId,
                Key = key,
                Operation = operation,
                RequestHash = requestHash!,
                StatusCode = StatusCodes.Status201Created,
                Location = outcome.Location!,
                ResponseJson = "",
                CreatedAt = clock.GetUtcNow(),
            };
            var answer = await group!.WriteAsync(rows, () => JsonSerializer.Serialize(outcome.Build!(), Json.Options), record);
            return answer switch
            {
                null => null,
                { Stored: { } stored } => Replay(stored, operation, requestHash!),
                _ => new RawCreated(outcome.Location!, answer.Body!),
            };
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IDisposable?> EnterGateAsync(CancellationToken ct) =>
        gate is null ? null : await gate.EnterAsync(ct);

    /// <summary>
    /// Runs a command for a web form in one transaction. A form carries a one-time key, so that a
    /// form sent twice over a poor connection creates one record: the second send gets the first
    /// record's location (<see cref="FormRun{T}.Replayed"/>) and creates nothing.
    /// </summary>
    public async Task<FormRun<T>> RunFormAsync<T>(
        Guid userId, string? formKey, string operation, Func<T, string> locationOf, Func<CancellationToken, Task<Outcome<T>>> command, CancellationToken ct)
        where T : class
    {
        var key = string.IsNullOrWhiteSpace(formKey) || formKey.Length > MaxKeyLength ? null : "form:" + formKey;
        if (key is not null)
        {
            var stored = await db.Set<IdempotencyRecord>().AsNoTracking()
                .FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key && r.Operation == operation, ct);
            if (stored is not null)
            {
                return new FormRun<T>(null, stored.Location, null, Replayed: true);
            }
        }

        using var writing = await EnterGateAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await command(ct);
        if (outcome.Problem is not null)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new FormRun<T>(null, null, outcome.Problem, Replayed: false);
        }

        // Save the facts first: what the database assigns on save belongs in the value.
        await db.SaveChangesAsync(ct);
        var value = outcome.Value!;
        var location = locationOf(value);
        if (key is not null)
        {
            db.Add(new IdempotencyRecord
            {
                UserId = userId,
                Key = key,
                Operation = operation,
                RequestHash = "",
                StatusCode = StatusCodes.Status303SeeOther,
                Location = location,
                ResponseJson = "{}",
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same form, sent twice at once: the other send won; show its record.
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                var first = await db.Set<IdempotencyRecord>().AsNoTracking()
                    .FirstAsync(r => r.UserId == userId && r.Key == key && r.Operation == operation, ct);
                return new FormRun<T>(null, first.Location, null, Replayed: true);
            }
        }

        await tx.CommitAsync(ct);
        return new FormRun<T>(value, location, null, Replayed: false);
    }

    private async Task<IResult?> ReplayAsync(Guid userId, string key, string operation, string requestHash, CancellationToken ct)
    {
        var stored = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);
        return stored is null ? null : Replay(stored, operation, requestHash);
    }

    /// <summary>The answer to a request whose key has <paramref name="stored"/> an answer already.</summary>
    private static IResult Replay(IdempotencyRecord stored, string operation, string requestHash)
    {
        if (stored.Operation != operation || stored.RequestHash != requestHash)
        {
            return Results.Problem(
                type: ProblemTypes.IdempotencyKeyReused,
                title: "This Idempotency-Key was used with another request.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["was used with another request body"] } });
        }

        return new RawCreated(stored.Location, stored.ResponseJson, replayed: true);
    }

    /// <summary>201 with a body already serialized, so that a replay is byte-for-byte the first answer.</summary>
    private sealed class RawCreated(string location, string json, bool replayed = false) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            if (replayed)
            {
                httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(json);
        }
    }
}

/// <summary>What a form's command did: created a record (or found the one a first send made), or a problem.</summary>
public sealed record FormRun<T>(T? Value, string? Location, IResult? Problem, bool Replayed)
    where T : class;
