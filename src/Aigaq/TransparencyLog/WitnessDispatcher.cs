using System.Text;
using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.TransparencyLog;

/// <summary>A witness from <c>Aigaq:Ledger:Witnesses</c>, its key parsed.</summary>
public sealed record ConfiguredWitness(string Name, Uri Url, NoteVerifier Key)
{
    public static IReadOnlyList<ConfiguredWitness> From(LedgerOptions options) =>
        [.. options.Witnesses.Select((w, i) =>
        {
            var key = NoteVerifier.Parse(w.Key ?? throw new InvalidOperationException($"Aigaq:Ledger:Witnesses:{i}:Key is required."));
            if (key.Type != NoteKeyType.Cosignature)
            {
                throw new InvalidOperationException($"Aigaq:Ledger:Witnesses:{i}:Key must be a cosignature/v1 key.");
            }

            if (w.Name is not null && !string.Equals(w.Name, key.Name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Aigaq:Ledger:Witnesses:{i}:Name is not the name of its key.");
            }

            var url = w.Url ?? throw new InvalidOperationException($"Aigaq:Ledger:Witnesses:{i}:Url is required.");
            return new ConfiguredWitness(key.Name, url, key);
        })];

    public Uri AddCheckpoint => new(Url.ToString().TrimEnd('/') + "/add-checkpoint");
}

/// <summary>
/// Sends the latest signed checkpoint to each configured witness (c2sp.org/tlog-witness) and stores the
/// cosignatures (ADR 0102). Witnesses only need the latest checkpoint, so there is no queue: the state is the
/// latest checkpoint, the size each witness last cosigned and the cosignatures held, all in the database, so a
/// node that dies loses nothing and the next step of any node carries on. A lease per witness row keeps two
/// nodes from talking to the same witness at once. Each witness has its own loop, so a slow or dead one delays
/// no other. Every request and its answer is recorded.
/// </summary>
internal sealed partial class WitnessDispatcher(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<AigaqOptions> options,
    ILogger<WitnessDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly string _node = options.Value.ResolveNodeName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var witnesses = ConfiguredWitness.From(options.Value.Ledger);
        if (!options.Value.Workers || witnesses.Count == 0)
        {
            return;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        await RunAsync(scopes, http, witnesses, _node, clock, RequestTimeout, logger, stoppingToken);
    }

    /// <summary>
    /// One loop per witness until <paramref name="ct"/> is cancelled, each step on its own database scope, so a
    /// witness that is slow or never answers delays no other: it only holds its own lease, for at most
    /// <paramref name="requestTimeout"/> per request, and its attempt is recorded as unreachable.
    /// </summary>
    public static Task RunAsync(
        IServiceScopeFactory scopes, HttpClient http, IReadOnlyList<ConfiguredWitness> witnesses, string node, TimeProvider clock,
        TimeSpan requestTimeout, ILogger logger, CancellationToken ct) =>
        Task.WhenAll(witnesses.Select(witness => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
                    await DispatchToAsync(db, http, witness, node, clock, requestTimeout, logger, ct);
                    await Task.Delay(Interval, clock, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogStepFailed(logger, ex);
                    await Task.Delay(Interval, clock, CancellationToken.None);
                }
            }
        }, CancellationToken.None)));

    /// <summary>One step for each witness in turn, on one database context (the service runs <see cref="RunAsync"/> instead).</summary>
    /// <returns>How many cosignatures were stored.</returns>
    public static async Task<int> DispatchOnceAsync(
        AigaqDb db, HttpClient http, IReadOnlyList<ConfiguredWitness> witnesses, string node, TimeProvider clock, ILogger logger, CancellationToken ct = default)
    {
        var stored = 0;
        foreach (var witness in witnesses)
        {
            stored += await DispatchToAsync(db, http, witness, node, clock, RequestTimeout, logger, ct) ? 1 : 0;
        }

        return stored;
    }

    /// <summary>One step for one witness: if it lacks a cosignature of the latest checkpoint, takes its lease and asks for one.</summary>
    /// <returns>Whether a cosignature was stored.</returns>
    public static async Task<bool> DispatchToAsync(
        AigaqDb db, HttpClient http, ConfiguredWitness witness, string node, TimeProvider clock, TimeSpan requestTimeout, ILogger logger, CancellationToken ct = default)
    {
        var latest = await LedgerStore.LatestAsync(db, ct);
        if (latest is null
            || await db.Set<LedgerCosignature>().AnyAsync(c => c.Size == latest.Size && c.Witness == witness.Name, ct))
        {
            return false;
        }

        await EnsureRowAsync(db, witness.Name, ct);
        var now = clock.GetUtcNow();
        var until = now + Lease;
        var leased = await db.Set<LedgerWitness>()
            .Where(w => w.Name == witness.Name && (w.RetryAt == null || w.RetryAt <= now)
                && (w.LeaseUntil == null || w.LeaseUntil < now || w.Node == node))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Node, node).SetProperty(w => w.LeaseUntil, until), ct);
        if (leased != 1)
        {
            return false;
        }

        try
        {
            return await SendAsync(db, http, witness, latest, clock, requestTimeout, logger, ct);
        }
        finally
        {
            await db.Set<LedgerWitness>().Where(w => w.Name == witness.Name && w.Node == node)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
    }

    private static async Task EnsureRowAsync(AigaqDb db, string name, CancellationToken ct)
    {
        if (await db.Set<LedgerWitness>().AnyAsync(w => w.Name == name, ct))
        {
            return;
        }

        db.Add(new LedgerWitness { Name = name });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node added it first.
        }

        db.ChangeTracker.Clear();
    }

    private static async Task<bool> SendAsync(
        AigaqDb db, HttpClient http, ConfiguredWitness witness, LedgerCheckpoint latest, TimeProvider clock, TimeSpan requestTimeout,
        ILogger logger, CancellationToken ct)
    {
        var note = SignedNote.Parse(latest.Note);
        var row = await db.Set<LedgerWitness>().AsNoTracking().FirstAsync(w => w.Name == witness.Name, ct);
        var old = row.Size > latest.Size ? 0 : row.Size;
        var reader = new TileHashReader(latest.Size, LedgerStore.Fetcher(db));

        // A 409 names the size the witness holds; retry once from there (twice covers a lost answer plus a race).
        for (var round = 0; round < 3; round++)
        {
            var proof = old == 0 || old == latest.Size ? [] : MerkleProof.ConsistencyProof(reader, old, latest.Size);
            var body = new AddCheckpointRequest(old, proof, note).Format();
            int status;
            string text;
            string? contentType;
            try
            {
                // The request's own deadline: a witness that never answers costs its own loop this long, no more.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(requestTimeout);
                using var content = new StringContent(body, Encoding.UTF8, "text/plain");
                using var res = await http.PostAsync(witness.AddCheckpoint, content, deadline.Token);
                status = (int)res.StatusCode;
                contentType = res.Content.Headers.ContentType?.MediaType;
                text = await res.Content.ReadAsStringAsync(deadline.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                await RecordAsync(db, clock, witness, old, latest.Size, null, "unreachable: " + ex.Message, retry: true, ct);
                LogUnreachable(logger, witness.Name, ex.Message);
                return false;
            }

            if (status == 200)
            {
                VerifiedSignature verified;
                try
                {
                    verified = TlogWitness.VerifyResponse(note, text, witness.Key);
                }
                catch (Exception ex) when (ex is FormatException or NoteVerificationException or InvalidOperationException)
                {
                    await RecordAsync(db, clock, witness, old, latest.Size, status, "invalid cosignature: " + ex.Message, retry: true, ct);
                    LogBadAnswer(logger, witness.Name, status, "invalid cosignature");
                    return false;
                }

                db.Add(new LedgerCosignature
                {
                    Size = latest.Size,
                    Witness = witness.Name,
                    Line = SignedNote.FormatSignatureLine(verified.Signature),
                    SignedAt = DateTimeOffset.FromUnixTimeSeconds(verified.Timestamp ?? 0),
                    ReceivedAt = clock.GetUtcNow(),
                });
                await db.Set<LedgerWitness>().Where(w => w.Name == witness.Name)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Size, latest.Size).SetProperty(w => w.RetryAt, (DateTimeOffset?)null), ct);
                await RecordAsync(db, clock, witness, old, latest.Size, status, "cosigned", retry: false, ct);
                return true;
            }

            if (status == 409 && contentType == TlogWitness.SizeContentType && TlogWitness.TryParseSize(text, out var held))
            {
                if (held == old || held > latest.Size)
                {
                    // Same size with another root, or a larger tree than this log has ever signed: the witness
                    // holds a checkpoint this log contradicts. Evidence of a fork, a rollback or a foreign key.
                    await RecordAsync(db, clock, witness, old, latest.Size, status, $"conflict: witness holds size {held}", retry: true, ct);
                    LogConflict(logger, witness.Name, held, latest.Size);
                    return false;
                }

                await RecordAsync(db, clock, witness, old, latest.Size, status, $"stale old size; witness holds {held}", retry: false, ct);
                await db.Set<LedgerWitness>().Where(w => w.Name == witness.Name).ExecuteUpdateAsync(s => s.SetProperty(w => w.Size, held), ct);
                old = held;
                continue;
            }

            var detail = text.Length > 200 ? text[..200] : text;
            await RecordAsync(db, clock, witness, old, latest.Size, status, "refused: " + detail.Trim(), retry: true, ct);
            LogBadAnswer(logger, witness.Name, status, detail.Trim());
            return false;
        }

        await db.Set<LedgerWitness>().Where(w => w.Name == witness.Name)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.RetryAt, clock.GetUtcNow() + RetryAfter), ct);
        return false;
    }

    private static async Task RecordAsync(
        AigaqDb db, TimeProvider clock, ConfiguredWitness witness, long old, long size, int? status, string outcome, bool retry, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.Add(new LedgerWitnessAttempt
        {
            Witness = witness.Name,
            OldSize = old,
            Size = size,
            Status = status,
            Outcome = outcome.Length > 300 ? outcome[..300] : outcome,
            At = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored the same cosignature first; only the attempt is lost, so store it alone.
            db.ChangeTracker.Clear();
            db.Add(new LedgerWitnessAttempt { Witness = witness.Name, OldSize = old, Size = size, Status = status, Outcome = "cosigned (already stored)", At = now });
            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        if (retry)
        {
            await db.Set<LedgerWitness>().Where(w => w.Name == witness.Name)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.RetryAt, now + RetryAfter), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Witness dispatch step failed; retrying")]
    private static partial void LogStepFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness} unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string witness, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Witness {Witness} answered {Status}: {Detail}")]
    private static partial void LogBadAnswer(ILogger logger, string witness, int status, string detail);

    [LoggerMessage(Level = LogLevel.Critical, Message = "WITNESS CONFLICT: {Witness} holds size {Held}, which contradicts this log's checkpoint of size {Size}")]
    private static partial void LogConflict(ILogger logger, string witness, long held, long size);
}
