using System.Security.Cryptography;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Web;

/// <summary>
/// Runs a creating command in one transaction with its <c>Idempotency-Key</c>: a retry with the
/// same key and body gets the first answer and creates nothing; the same key with another body
/// is refused; a failed command writes nothing.
/// </summary>
public sealed class CommandRunner(AigaqDb db, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task<IResult> CreateAsync<T>(
        HttpContext http, string operation, object request, Func<CancellationToken, Task<Outcome<T>>> command)
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
            var replay = await ReplayAsync(userId, key, operation, requestHash, ct);
            if (replay is not null)
            {
                return replay;
            }
        }

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
        if (stored is null)
        {
            return null;
        }

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
