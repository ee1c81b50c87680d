using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Aigaq.TransparencyLog.Audit;

/// <summary>
/// <c>aigaq log audit</c>: checks every registered record in the database against its log entry,
/// and the log against its stored tiles and signed checkpoints. Each failure is one line naming the
/// record id, the log index, the tile or the checkpoint concerned.
/// </summary>
public static class LedgerAudit
{
    /// <summary>How many entries or records are read before their hashes are computed in parallel.</summary>
    private const int Batch = 8192;

    /// <summary>A row of <c>ledger_entries</c> as the audit reads it.</summary>
    internal readonly record struct EntryRow(
        long Index, Guid Id, string Kind, Guid RecordId, string Commitment, string Salt, string Entry, string LeafHash);


    /// <summary>The audit with the context and every area's source of a scope's services.</summary>
    public static Task<IReadOnlyList<string>> RunAsync(IServiceProvider scope, NoteVerifier? logKey, TextWriter progress, CancellationToken ct) =>
        RunAsync(scope.GetRequiredService<AigaqDb>(), scope.GetServices<IAuditSource>(), logKey, progress, ct);

    public static async Task<IReadOnlyList<string>> RunAsync(
        AigaqDb db, IEnumerable<IAuditSource> sources, NoteVerifier? logKey, TextWriter progress, CancellationToken ct)
    {
        var failures = new List<string>();
        var checkpoints = await db.Set<LedgerCheckpoint>().AsNoTracking().OrderBy(c => c.Size).ToListAsync(ct);
        var latestSize = checkpoints.Count == 0 ? 0 : checkpoints[^1].Size;
        var bySize = checkpoints.ToDictionary(c => c.Size);

        // Entries, in index order: contiguity, leaf hashes, the entry's own fields, and the tree.
        var range = new CompactRange();
        var computed = new LogTreeAudit.TileLevels(latestSize);
        var entries = new AuditEntries();
        long expected = 0;
        if (bySize.TryGetValue(0, out var empty))
        {
            LogTreeAudit.CheckRoot(failures, empty, range);
        }

        // Read in batches: leaf hashes and field checks of a batch in parallel, then the tree and the maps in index order.
        var batch = new List<EntryRow>(Batch);
        var leaves = new byte[Batch * MerkleHash.Size];
        var problems = new (string? Leaf, string? Fields)[Batch];

        void Flush(List<EntryRow> batch)
        {
            Parallel.For(0, batch.Count, i =>
            {
                var e = batch[i];
                var leaf = leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size);
                MerkleHash.LeafOfText(e.Entry, leaf);

                // The stored leaf hash must be exactly the base64 of the rebuilt one (compared as text, without a string).
                Span<char> text = stackalloc char[(MerkleHash.Size + 2) / 3 * 4];
                problems[i] = (
                    Convert.TryToBase64Chars(leaf, text, out var length) && text[..length].SequenceEqual(e.LeafHash)
                        ? null
                        : $"log index {e.Index}: the stored leaf hash is not the hash of its entry",
                    EntryFields.Check(e));
            });

            for (var i = 0; i < batch.Count; i++)
            {
                var e = batch[i];
                if (e.Index != expected)
                {
                    failures.Add(e.Index > expected
                        ? $"log indices are not contiguous: {expected}..{e.Index - 1} are missing before entry {e.Id}"
                        : $"log index {e.Index} is duplicated (entry {e.Id})");
                    expected = e.Index;
                }

                if (problems[i].Leaf is { } leafProblem)
                {
                    failures.Add(leafProblem);
                }

                if (problems[i].Fields is { } fieldsProblem)
                {
                    failures.Add(fieldsProblem);
                }

                if (e.Index == range.Size)
                {
                    range.Append(leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size), (level, index, hash) =>
                    {
                        if (level % Tile.Height == 0 && index < (latestSize >> level) + 1)
                        {
                            computed.Set(level, index, hash);
                        }
                    });
                    if (bySize.TryGetValue(range.Size, out var checkpoint))
                    {
                        LogTreeAudit.CheckRoot(failures, checkpoint, range);
                    }
                }

                entries.Add(entries.KindId(e.Kind), e.RecordId, Decode(e, entries));
                expected++;
            }
        }

        // A full batch is processed in the background while the next is read; one at a time, so in index order.
        Task? processing = null;
        long read = 0;
        await foreach (var e in ReadEntriesAsync(db, ct))
        {
            batch.Add(e);
            read++;
            if (batch.Count == Batch)
            {
                if (processing is not null)
                {
                    await processing;
                }

                var full = batch;
                batch = new List<EntryRow>(Batch);
                processing = Task.Run(() => Flush(full), ct);
                if (read % 100_000 < Batch)
                {
                    await progress.WriteLineAsync($"audit: {read} entries read");
                }
            }
        }

        if (processing is not null)
        {
            await processing;
        }

        Flush(batch);

        if (range.Size < latestSize)
        {
            failures.Add($"checkpoint {latestSize} covers more entries than the {range.Size} contiguous ones stored");
        }

        await progress.WriteLineAsync($"audit: {expected} entries read");
        LogTreeAudit.CheckCheckpoints(failures, checkpoints, logKey);
        await progress.WriteLineAsync($"audit: {checkpoints.Count} checkpoints checked");
        await LogTreeAudit.CheckTilesAsync(db, failures, computed, latestSize, ct);
        await progress.WriteLineAsync("audit: tiles checked");
        await CheckRecordsAsync(db, [.. sources], failures, entries, progress, ct);
        return failures;
    }

    /// <summary>
    /// The log's entries in index order, read with the provider's data reader rather than materialised as entities
    /// (a million of them); the table and column names come from the EF model.
    /// </summary>
    private static async IAsyncEnumerable<EntryRow> ReadEntriesAsync(AigaqDb db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var type = db.Model.FindEntityType(typeof(LedgerEntry))!;
        var table = type.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, type.GetSchema());
        string Column(string property) => "\"" + type.FindProperty(property)!.GetColumnName(store) + "\"";
        var columns = string.Join(", ", new[]
        {
            nameof(LedgerEntry.Index), nameof(LedgerEntry.Id), nameof(LedgerEntry.Kind), nameof(LedgerEntry.RecordId),
            nameof(LedgerEntry.Commitment), nameof(LedgerEntry.Salt), nameof(LedgerEntry.Entry), nameof(LedgerEntry.LeafHash),
        }.Select(Column));

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {columns} FROM \"{table}\" ORDER BY {Column(nameof(LedgerEntry.Index))}";
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                yield return new EntryRow(
                    reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>An entry's commitment and salt as bytes, each marked unreadable when its column is not what the writer stores.</summary>
    private static Committed Decode(in EntryRow e, AuditEntries entries)
    {
        var c = new Committed { Index = e.Index };
        Span<char> again = stackalloc char[(MerkleHash.Size + 2) / 3 * 4];
        c.CommitmentReadable = Convert.TryFromBase64String(e.Commitment, c.Commitment, out var length) && length == MerkleHash.Size
            && Convert.TryToBase64Chars(c.Commitment, again, out var chars) && again[..chars].SequenceEqual(e.Commitment);
        c.SaltReadable = Convert.TryFromBase64String(e.Salt, c.Salt, out length) && length == LedgerWriter.SaltBytes;
        if (!c.SaltReadable)
        {
            entries.OddSalt[e.Index] = e.Salt;
        }

        return c;
    }

    /// <summary>
    /// Runs every area's source, each on a context of its own when the provider allows another connection (the sources
    /// read in parallel, a few at a time), and lists their failures in the order the sources were registered. An entry
    /// that no source took had no stored record to pair with: deleted, when its kind is a source's; unknown otherwise.
    /// </summary>
    private static async Task CheckRecordsAsync(
        AigaqDb db, IReadOnlyList<IAuditSource> sources, List<string> failures, AuditEntries entries, TextWriter progress, CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in sources.SelectMany(s => s.Kinds))
        {
            if (!known.Add(kind))
            {
                throw new InvalidOperationException($"Two audit sources claim the log kind {kind}.");
            }
        }

        var parallel = CanOpenAnother(db);
        var checks = new AuditRecords[sources.Count];
        if (parallel)
        {
            using var turns = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
            await Task.WhenAll(sources.Select((source, i) => Task.Run(async () =>
            {
                await turns.WaitAsync(ct);
                try
                {
                    await using var own = Another(db);
                    checks[i] = await CheckAsync(source, own, entries, () => Another(db), ct);
                }
                finally
                {
                    turns.Release();
                }
            }, ct)));
        }
        else
        {
            for (var i = 0; i < sources.Count; i++)
            {
                checks[i] = await CheckAsync(sources[i], db, entries, null, ct);
            }
        }

        foreach (var check in checks)
        {
            failures.AddRange(check.Failures);
        }

        // Whatever is left had no stored record to pair with.
        foreach (var (kind, id, index) in entries.Left())
        {
            failures.Add(known.Contains(kind)
                ? $"{kind} {id}: record missing: log index {index} commits to a record that is not stored (it was deleted)"
                : $"log index {index}: unknown kind {kind} (record {id}): the audit has no record to check it against");
        }

        await progress.WriteLineAsync($"audit: {checks.Sum(c => c.Checked)} records checked");
    }

    private static async Task<AuditRecords> CheckAsync(
        IAuditSource source, AigaqDb db, AuditEntries entries, Func<AigaqDb>? another, CancellationToken ct)
    {
        var records = new AuditRecords(db, entries, another);
        await source.CheckAsync(records, ct);
        records.Finish();
        return records;
    }

    /// <summary>Whether another context can be made from this one's options: not when they hold an open connection of the caller's.</summary>
    private static bool CanOpenAnother(AigaqDb db) =>
        db is PostgresAigaqDb or SqliteAigaqDb
        && !db.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().Any(e => e.Connection is not null);

    private static AigaqDb Another(AigaqDb db) => db switch
    {
        PostgresAigaqDb => new PostgresAigaqDb((DbContextOptions<PostgresAigaqDb>)db.GetService<IDbContextOptions>()),
        _ => new SqliteAigaqDb((DbContextOptions<SqliteAigaqDb>)db.GetService<IDbContextOptions>()),
    };
}
