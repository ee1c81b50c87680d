using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Aigaq.Ledger;

/// <summary>
/// <c>aigaq log audit</c>: checks every registered record in the database against its log entry,
/// and the log against its stored tiles and signed checkpoints. Each failure is one line naming the
/// record id, the log index, the tile or the checkpoint concerned.
/// </summary>
public static class LedgerAudit
{
    public const string FacilityRegistered = "facility.registered";

    /// <summary>How many entries or records are read before their hashes are computed in parallel.</summary>
    private const int Batch = 8192;

    /// <summary>
    /// How many records are queued before their commitments are recomputed: the rows queued stay alive until then, so a
    /// smaller queue leaves the collector fewer survivors to copy.
    /// </summary>
    private const int RecordBatch = 1024;

    /// <summary>32 bytes inline, so that a million of them in a map hold no reference for the collector to trace.</summary>
    [System.Runtime.CompilerServices.InlineArray(32)]
    private struct Bytes32
    {
        private byte _first;
    }

    /// <summary>
    /// An entry's index, commitment and salt, decoded from base64 when read. <see cref="CommitmentReadable"/> is false when the
    /// commitment column is not the canonical base64 of 32 bytes (so nothing recomputed can equal it), or the salt
    /// is not base64 of 32 bytes (<see cref="SaltReadable"/> false; then <see cref="Entries.OddSalt"/> keeps the column's text).
    /// </summary>
    private struct Committed
    {
        public long Index;
        public Bytes32 Commitment;
        public Bytes32 Salt;
        public bool CommitmentReadable;
        public bool SaltReadable;
    }

    /// <summary>
    /// The entries not yet paired with a record, per kind and record id: the first entry of a record in a map of plain
    /// values, any later ones (a notification's attempts, or a duplicate) beside it in index order. Filled by one
    /// thread; then records of different kinds may be taken out concurrently, each kind's maps being its own.
    /// </summary>
    private sealed class Entries
    {
        private readonly Dictionary<string, OfKind> _byName = new(StringComparer.Ordinal);
        private readonly List<OfKind> _kinds = [];

        private sealed class OfKind(string name, int id)
        {
            public string Name { get; } = name;
            public int Id { get; } = id;
            public Dictionary<Guid, Committed> First { get; } = [];
            public Dictionary<Guid, List<Committed>> More { get; } = [];
        }

        /// <summary>The text of salts that are not base64 of 32 bytes, by log index (none in an honest log).</summary>
        public Dictionary<long, string> OddSalt { get; } = [];

        public int KindId(string kind)
        {
            if (!_byName.TryGetValue(kind, out var entries))
            {
                _byName.Add(kind, entries = new OfKind(kind, _kinds.Count));
                _kinds.Add(entries);
            }

            return entries.Id;
        }

        public void Add(int kind, Guid recordId, in Committed committed)
        {
            var entries = _kinds[kind];
            if (!entries.First.TryAdd(recordId, committed))
            {
                (entries.More.TryGetValue(recordId, out var list) ? list : entries.More[recordId] = []).Add(committed);
            }
        }

        /// <summary>Takes out the entries of a record, in index order; empty when there are none.</summary>
        public Committed[] Take(string kind, Guid recordId)
        {
            if (!_byName.TryGetValue(kind, out var entries) || !entries.First.Remove(recordId, out var first))
            {
                return [];
            }

            return entries.More.Remove(recordId, out var more) ? [first, .. more] : [first];
        }

        public IEnumerable<Guid> RecordIds(string kind) => _byName.TryGetValue(kind, out var entries) ? [.. entries.First.Keys] : [];

        /// <summary>What is left, in index order.</summary>
        public IEnumerable<(string Kind, Guid RecordId, long Index)> Left() =>
            _kinds.SelectMany(k => k.First.Select(p => (k.Name, p.Key, p.Value.Index))
                    .Concat(k.More.SelectMany(p => p.Value.Select(c => (k.Name, p.Key, c.Index)))))
                .OrderBy(x => x.Item3);
    }

    /// <summary>A row of <c>ledger_entries</c> as the audit reads it.</summary>
    private readonly record struct EntryRow(
        long Index, Guid Id, string Kind, Guid RecordId, string Commitment, string Salt, string Entry, string LeafHash);

    /// <summary>
    /// The node hashes of tile levels (every <see cref="Tile.Height"/>th level) rebuilt from the entries, one flat array
    /// per level: the tree appends nodes of a level in index order, so a node is known when its index is below the count.
    /// </summary>
    private sealed class TileLevels(long latestSize)
    {
        private readonly byte[]?[] _data = new byte[64 / Tile.Height][];
        private readonly long[] _count = new long[64 / Tile.Height];

        public void Set(int level, long index, ReadOnlySpan<byte> hash)
        {
            var k = level / Tile.Height;
            var data = _data[k] ??= new byte[checked(((latestSize >> level) + 1) * MerkleHash.Size)];
            hash.CopyTo(data.AsSpan(checked((int)(index * MerkleHash.Size))));
            _count[k] = Math.Max(_count[k], index + 1);
        }

        /// <summary>The hash, or an empty span when it was not rebuilt.</summary>
        public ReadOnlySpan<byte> Get(int level, long index)
        {
            var k = level / Tile.Height;
            return k < _data.Length && _data[k] is { } data && index < _count[k]
                ? data.AsSpan(checked((int)(index * MerkleHash.Size)), MerkleHash.Size)
                : [];
        }
    }

    public static async Task<IReadOnlyList<string>> RunAsync(AigaqDb db, NoteVerifier? logKey, TextWriter progress, CancellationToken ct)
    {
        var failures = new List<string>();
        var checkpoints = await db.Set<LedgerCheckpoint>().AsNoTracking().OrderBy(c => c.Size).ToListAsync(ct);
        var latestSize = checkpoints.Count == 0 ? 0 : checkpoints[^1].Size;
        var bySize = checkpoints.ToDictionary(c => c.Size);

        // Entries, in index order: contiguity, leaf hashes, the entry's own fields, and the tree.
        var range = new CompactRange();
        var computed = new TileLevels(latestSize);
        var entries = new Entries();
        long expected = 0;
        if (bySize.TryGetValue(0, out var empty))
        {
            CheckRoot(failures, empty, range);
        }

        // Read in batches: leaf hashes and field checks of a batch in parallel, then the tree and the maps in index order.
        var batch = new List<EntryRow>(Batch);
        var leaves = new byte[Batch][];
        var problems = new (string? Leaf, string? Fields)[Batch];

        void Flush(List<EntryRow> batch)
        {
            Parallel.For(0, batch.Count, i =>
            {
                var e = batch[i];
                var leaf = LeafOf(e.Entry);
                leaves[i] = leaf;

                // The stored leaf hash must be exactly the base64 of the rebuilt one (compared as text, without a string).
                Span<char> text = stackalloc char[(MerkleHash.Size + 2) / 3 * 4];
                problems[i] = (
                    Convert.TryToBase64Chars(leaf, text, out var length) && text[..length].SequenceEqual(e.LeafHash)
                        ? null
                        : $"log index {e.Index}: the stored leaf hash is not the hash of its entry",
                    CheckEntryFields(e));
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
                    range.Append(leaves[i], (level, index, hash) =>
                    {
                        if (level % Tile.Height == 0 && index < (latestSize >> level) + 1)
                        {
                            computed.Set(level, index, hash);
                        }
                    });
                    if (bySize.TryGetValue(range.Size, out var checkpoint))
                    {
                        CheckRoot(failures, checkpoint, range);
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
        CheckCheckpoints(failures, checkpoints, logKey);
        await progress.WriteLineAsync($"audit: {checkpoints.Count} checkpoints checked");
        await CheckTilesAsync(db, failures, computed, latestSize, ct);
        await progress.WriteLineAsync("audit: tiles checked");
        await CheckRecordsAsync(db, failures, entries, progress, ct);
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
    private static Committed Decode(in EntryRow e, Entries entries)
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

    /// <summary>The leaf hash of an entry's UTF-8 bytes, encoded on the stack when the entry is small.</summary>
    private static byte[] LeafOf(string entry)
    {
        var max = Encoding.UTF8.GetMaxByteCount(entry.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 2048 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            return MerkleHash.Leaf(bytes[..Encoding.UTF8.GetBytes(entry, bytes)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The entry's kind, recordId and commitment must be its columns'; null when they are.</summary>
    private static string? CheckEntryFields(in EntryRow e)
    {
        // The usual case without a string per member: all three equal. Anything else goes the way below, which names it.
        try
        {
            using var json = JsonDocument.Parse(e.Entry);
            var root = json.RootElement;
            Span<char> id = stackalloc char[36];
            if (root.ValueKind == JsonValueKind.Object && e.RecordId.TryFormat(id, out var written)
                && Is(root, "kind", e.Kind) && Is(root, "recordId", id[..written]) && Is(root, "commitment", e.Commitment))
            {
                return null;
            }
        }
        catch (JsonException)
        {
            // Named below.
        }

        return EntryFieldsProblem(e);
    }

    private static bool Is(JsonElement o, string name, ReadOnlySpan<char> expected) =>
        o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);

    private static string? EntryFieldsProblem(in EntryRow e)
    {
        try
        {
            using var json = JsonDocument.Parse(e.Entry);
            var root = json.RootElement;
            if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return $"log index {e.Index}: the entry is not valid JSON";
            }

            // A JSON null has no members, so it differs from its columns (as it did read as a JsonNode).
            return root.ValueKind == JsonValueKind.Null
                || Member(root, "kind") != e.Kind
                || Member(root, "recordId") != e.RecordId.ToString()
                || Member(root, "commitment") != e.Commitment
                ? $"log index {e.Index}: the entry's kind, recordId or commitment differs from its columns ({e.Kind} {e.RecordId})"
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return $"log index {e.Index}: the entry is not valid JSON";
        }
    }

    /// <summary>A string member, null when absent or null; any other value is not an entry (InvalidOperationException).</summary>
    private static string? Member(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new InvalidOperationException($"{name} is not a string");

    private static void CheckRoot(List<string> failures, LedgerCheckpoint checkpoint, CompactRange range)
    {
        if (!string.Equals(Convert.ToBase64String(range.Root()), checkpoint.Root, StringComparison.Ordinal))
        {
            failures.Add($"checkpoint {checkpoint.Size}: its root differs from the tree rebuilt from the log entries");
        }
    }

    /// <summary>Each checkpoint is signed by the log key, says what its row says, and is consistent with the next.</summary>
    private static void CheckCheckpoints(List<string> failures, List<LedgerCheckpoint> checkpoints, NoteVerifier? logKey)
    {
        if (logKey is null && checkpoints.Count > 0)
        {
            failures.Add("the log's signing key is missing, so checkpoint signatures cannot be checked");
        }

        foreach (var c in checkpoints)
        {
            try
            {
                var note = SignedNote.Parse(c.Note);
                var parsed = logKey is null ? Checkpoint.Parse(note.Text) : Checkpoint.Verify(note, logKey);
                if (parsed.Size != c.Size || !string.Equals(Convert.ToBase64String(parsed.RootHash), c.Root, StringComparison.Ordinal))
                {
                    failures.Add($"checkpoint {c.Size}: the signed note says size {parsed.Size} and another root than its row");
                }
            }
            catch (Exception ex) when (ex is FormatException or NoteVerificationException)
            {
                failures.Add($"checkpoint {c.Size}: its signed note does not verify with the log key ({ex.Message})");
            }
        }
    }

    /// <summary>Every tile of the latest tree, compared with the hashes rebuilt from the entries; consistency of successive checkpoints from the stored tiles.</summary>
    private static async Task CheckTilesAsync(AigaqDb db, List<string> failures, TileLevels computed, long latestSize, CancellationToken ct)
    {
        var stored = await db.Set<LedgerTile>().AsNoTracking().ToDictionaryAsync(t => (t.Level, t.Index), ct);
        var expected = Tile.ForTreeSize(latestSize).ToList();
        foreach (var tile in expected)
        {
            if (!stored.Remove((tile.Level, tile.Index), out var row))
            {
                failures.Add($"tile {tile.Path} is missing");
                continue;
            }

            if (row.Width != tile.Width || row.Data.Length != tile.Width * MerkleHash.Size)
            {
                failures.Add($"tile {tile.Path} is stored with width {row.Width} and {row.Data.Length} bytes");
                continue;
            }

            var first = tile.Index * Tile.FullWidth;
            for (var i = 0; i < tile.Width; i++)
            {
                var hash = computed.Get(tile.Level * Tile.Height, first + i);
                if (hash.IsEmpty || !row.Data.AsSpan(i * MerkleHash.Size, MerkleHash.Size).SequenceEqual(hash))
                {
                    failures.Add($"tile {tile.Path}: hash {i} differs from the tree rebuilt from the log entries");
                    break;
                }
            }
        }

        foreach (var extra in stored.Values)
        {
            failures.Add($"tile {new Tile(extra.Level, extra.Index, Math.Clamp(extra.Width, 1, Tile.FullWidth)).Path} lies beyond the latest checkpoint");
        }
    }

    /// <summary>
    /// Recomputes the commitment of every stored record of each kind the application logs and pairs
    /// records with entries: a record whose content differs is a commitment mismatch, an entry whose
    /// record is gone is a missing record, and an entry of a kind the audit does not know is named too.
    /// </summary>
    private static async Task CheckRecordsAsync(
        AigaqDb db, List<string> failures, Entries entries, TextWriter progress, CancellationToken ct)
    {
        // Detentions, custody events and the rest are read at once, each on its own connection when the context's
        // options allow another (the bulk of a log is the first two); each has its own failures, listed in this order.
        var detentions = new RecordCheck([], entries);
        var events = new RecordCheck([], entries);
        var rest = new RecordCheck([], entries);
        var parallel = CanOpenAnother(db);
        Func<AigaqDb, Task>[] reads =
        [
            async on =>
            {
                await using var forContacts = parallel ? Another(db) : null;
                await foreach (var d in DetentionsAsync(on, forContacts, ct))
                {
                    detentions.One(DetentionLedger.Registered, d.Id, "detention", w => DetentionLedger.Content(w, d));
                }

                detentions.Finish();
            },
            async on =>
            {
                await foreach (var e in on.Set<DetentionEvent>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
                {
                    events.One(DetentionLedger.Event, e.Id, "detention event", w => DetentionLedger.Content(w, e));
                }

                events.Finish();
            },
            async on =>
            {
                await foreach (var f in on.Set<Facility>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
                {
                    rest.One(FacilityRegistered, f.Id, "facility", () => LedgerWriter.Content(FacilityView.From(f)));
                }

                await CheckCasesAsync(on, rest, ct);
                await CheckUsersAsync(on, rest, ct);
                await CheckAlertsAsync(on, rest, entries, ct);
                await CheckNotificationAttemptsAsync(on, rest, ct);
                rest.Finish();
            },
        ];
        if (parallel)
        {
            await Task.WhenAll(reads.Select(read => Task.Run(async () =>
            {
                await using var other = Another(db);
                await read(other);
            }, ct)));
        }
        else
        {
            foreach (var read in reads)
            {
                await read(db);
            }
        }

        failures.AddRange(detentions.Failures);
        failures.AddRange(events.Failures);
        failures.AddRange(rest.Failures);

        // Whatever is left had no stored record to pair with.
        foreach (var (kind, id, index) in entries.Left())
        {
            failures.Add(Known.Contains(kind)
                ? $"{kind} {id}: record missing: log index {index} commits to a record that is not stored (it was deleted)"
                : $"log index {index}: unknown kind {kind} (record {id}): the audit has no record to check it against");
        }

        await progress.WriteLineAsync($"audit: {detentions.Checked + events.Checked + rest.Checked} records checked");
    }

    /// <summary>
    /// Every detention with its contacts. With a second context, the two tables are read side by side in the order of
    /// the detention's id and merged (a third of the CPU time of the join that EF's Include reads); else by the join.
    /// </summary>
    private static async IAsyncEnumerable<Detention> DetentionsAsync(
        AigaqDb db, AigaqDb? forContacts, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (forContacts is null)
        {
            await foreach (var d in db.Set<Detention>().AsNoTracking().Include(d => d.Contacts).AsSingleQuery().AsAsyncEnumerable().WithCancellation(ct))
            {
                yield return d;
            }

            yield break;
        }

        await using var contacts = forContacts.Set<DetentionContact>().AsNoTracking().OrderBy(c => c.DetentionId).ThenBy(c => c.Id)
            .AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var pending = await contacts.MoveNextAsync() ? contacts.Current : null;
        Guid? previous = null;
        await foreach (var d in db.Set<Detention>().AsNoTracking().OrderBy(d => d.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            // The merge needs the database's order of ids to be .NET's (uuid and text orders both are); say so if not.
            if (previous is { } p && p.CompareTo(d.Id) >= 0)
            {
                throw new InvalidOperationException($"The database returned detention {d.Id} after {p}: its order of ids is not the one the audit merges by.");
            }

            previous = d.Id;

            // A contact of no stored detention (impossible with the foreign key) has no record to be part of.
            while (pending is not null && pending.DetentionId.CompareTo(d.Id) < 0)
            {
                pending = await contacts.MoveNextAsync() ? contacts.Current : null;
            }

            while (pending is not null && pending.DetentionId == d.Id)
            {
                d.Contacts.Add(pending);
                pending = await contacts.MoveNextAsync() ? contacts.Current : null;
            }

            yield return d;
        }
    }

    /// <summary>
    /// Whether another context with the same options gets a connection of its own: not when the options hold a
    /// connection object (a test's in-memory database, say), which a second context would share.
    /// </summary>
    private static bool CanOpenAnother(AigaqDb db) =>
        db is PostgresAigaqDb or SqliteAigaqDb
        && !db.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().Any(e => e.Connection is not null);

    private static AigaqDb Another(AigaqDb db) => db switch
    {
        PostgresAigaqDb => new PostgresAigaqDb((DbContextOptions<PostgresAigaqDb>)db.GetService<IDbContextOptions>()),
        _ => new SqliteAigaqDb((DbContextOptions<SqliteAigaqDb>)db.GetService<IDbContextOptions>()),
    };

    /// <summary>Every kind <c>LedgerWriter.Append</c> is called with.</summary>
    private static readonly HashSet<string> Known =
    [
        DetentionLedger.Registered, DetentionLedger.Event, FacilityRegistered, UserAccounts.CreatedKind, UserAccounts.ChangedKind,
        AcknowledgeAlert.AcknowledgedKind, OutboxDispatcher.AttemptKind,
        CaseLedger.ReportReceived, CaseLedger.ReportDecision, CaseLedger.CaseOpened, CaseLedger.CaseEvent,
        CaseLedger.ReferralCreated, CaseLedger.ReferralAccepted,
        Review.ReviewLedger.ComplaintReceived, Review.ReviewLedger.ComplaintDecided,
    ];

    /// <summary>Reports, their decisions, cases, case events and referrals (created, and accepted once accepted).</summary>
    private static async Task CheckCasesAsync(AigaqDb db, RecordCheck records, CancellationToken ct)
    {
        await foreach (var r in db.Set<Report>().AsNoTracking().Include(r => r.Alleged).AsSplitQuery().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(CaseLedger.ReportReceived, r.Id, "report", () => CaseLedger.Content(r));
        }

        await foreach (var d in db.Set<ReportDecision>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(CaseLedger.ReportDecision, d.Id, "report decision", () => CaseLedger.Content(d));
        }

        await foreach (var c in db.Set<Case>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(CaseLedger.CaseOpened, c.Id, "case", () => CaseLedger.Content(c));
        }

        await foreach (var e in db.Set<CaseEvent>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(CaseLedger.CaseEvent, e.Id, "case event", () => CaseLedger.Content(e));
        }

        await foreach (var c in db.Set<Review.Complaint>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(Review.ReviewLedger.ComplaintReceived, c.Id, "complaint", () => Review.ReviewLedger.Content(c));
        }

        await foreach (var d in db.Set<Review.ComplaintDecision>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(Review.ReviewLedger.ComplaintDecided, d.Id, "complaint decision", () => Review.ReviewLedger.Content(d));
        }

        await foreach (var r in db.Set<Referral>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(CaseLedger.ReferralCreated, r.Id, "referral", () => CaseLedger.Created(r));
            if (r.Status == ReferralStatus.Accepted)
            {
                records.One(CaseLedger.ReferralAccepted, r.Id, "referral acceptance", () => CaseLedger.Accepted(r));
            }
        }
    }

    /// <summary>
    /// Accounts and their logged changes. An account's creation is checked with the role and scope it had before its
    /// first change (its current ones when it has none); each change is a record of its own; and the changes must
    /// follow on from each other and end in the account's current role, scope and activity, so a role given, a scope
    /// moved or an account reactivated behind the application's back is named.
    /// </summary>
    private static async Task CheckUsersAsync(AigaqDb db, RecordCheck records, CancellationToken ct)
    {
        var roles = (await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(ct))
            .GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(x => x.Name).Order(StringComparer.Ordinal)));
        var changes = (await db.Set<AccountChange>().AsNoTracking().ToListAsync(ct))
            .GroupBy(c => c.UserId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Number).ToList());
        foreach (var c in changes.Values.SelectMany(list => list))
        {
            records.One(UserAccounts.ChangedKind, c.Id, "account change", () => UserAccounts.Content(c));
        }

        await foreach (var u in db.Users.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var now = new UserAccounts.AccountState(roles.GetValueOrDefault(u.Id) ?? "", u.Region, u.FacilityId, u.Deactivated);
            if (!changes.TryGetValue(u.Id, out var list))
            {
                records.One(UserAccounts.CreatedKind, u.Id, "account", () => UserAccounts.Content(u, now.Role));
                if (u.Deactivated)
                {
                    records.Fail($"{UserAccounts.CreatedKind} {u.Id}: the account is deactivated, and no logged change deactivated it");
                }

                continue;
            }

            var first = list[0];
            records.One(UserAccounts.CreatedKind, u.Id, "account", () => UserAccounts.Content(u, first.FromRole, first.FromRegion, first.FromFacilityId));
            if (first.FromDeactivated)
            {
                records.Fail($"{UserAccounts.ChangedKind} {first.Id}: account {u.Id} was deactivated before it, and no logged change deactivated it");
            }

            for (var i = 1; i < list.Count; i++)
            {
                if (To(list[i - 1]) != From(list[i]))
                {
                    records.Fail($"{UserAccounts.ChangedKind} {list[i].Id}: account {u.Id} was not in the state the change before it ({list[i - 1].Id}) left: a change between them is missing");
                }
            }

            if (To(list[^1]) != now)
            {
                records.Fail($"{UserAccounts.ChangedKind} {list[^1].Id}: account {u.Id} now differs from what its last logged change set (its role, scope or activity was changed without a logged change)");
            }
        }

        static UserAccounts.AccountState From(AccountChange c) => new(c.FromRole, c.FromRegion, c.FromFacilityId, c.FromDeactivated);
        static UserAccounts.AccountState To(AccountChange c) => new(c.ToRole, c.ToRegion, c.ToFacilityId, c.ToDeactivated);
    }

    /// <summary>
    /// Acknowledged alerts, and alerts that have an acknowledgement entry but are no longer
    /// acknowledged (their content then differs: a mismatch, not a missing record).
    /// </summary>
    private static async Task CheckAlertsAsync(
        AigaqDb db, RecordCheck records, Entries entries, CancellationToken ct)
    {
        await foreach (var a in db.Set<Alert>().AsNoTracking()
            .Where(a => a.Status == AlertStatus.Acknowledged || a.AcknowledgedAt != null || a.AcknowledgedBy != null || a.Comment != null)
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(AcknowledgeAlert.AcknowledgedKind, a.Id, "alert acknowledgement", () => AcknowledgeAlert.Content(a));
        }

        var left = entries.RecordIds(AcknowledgeAlert.AcknowledgedKind).ToList();
        foreach (var chunk in left.Chunk(500))
        {
            foreach (var a in await db.Set<Alert>().AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(ct))
            {
                records.One(AcknowledgeAlert.AcknowledgedKind, a.Id, "alert acknowledgement", () => AcknowledgeAlert.Content(a));
            }
        }
    }

    /// <summary>
    /// Each delivery attempt is one entry of its notification, in order: the n-th attempt by time
    /// pairs with the notification's n-th entry by index. The status an attempt left is Sent after a
    /// success, the notification's own status after its last attempt, and Pending before.
    /// </summary>
    private static async Task CheckNotificationAttemptsAsync(AigaqDb db, RecordCheck records, CancellationToken ct)
    {
        var rows =
            from a in db.Set<NotificationAttempt>().AsNoTracking()
            join n in db.Set<Notification>().AsNoTracking() on a.NotificationId equals n.Id
            orderby a.NotificationId, a.At, a.Id
            select new AttemptRow(n.Id, n.DetentionId, n.Role, n.Channel, n.Address, n.Status, a.At, a.Succeeded);
        var group = new List<AttemptRow>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (group.Count > 0 && group[0].NotificationId != row.NotificationId)
            {
                CheckAttempts(records, group);
                group.Clear();
            }

            group.Add(row);
        }

        if (group.Count > 0)
        {
            CheckAttempts(records, group);
        }
    }

    private sealed record AttemptRow(
        Guid NotificationId, Guid? DetentionId, string Role, NotificationChannel Channel, string Address,
        NotificationStatus Status, DateTimeOffset At, bool Succeeded);

    private static void CheckAttempts(RecordCheck records, List<AttemptRow> attempts)
    {
        // The contents are built later on another thread, and the caller reuses its list: they take a copy.
        var rows = attempts.ToArray();
        var contents = rows.Select((a, i) => (Func<JsonObject>)(() => OutboxDispatcher.AttemptContent(
            a.NotificationId, a.DetentionId, a.Role, a.Channel, a.Address, i + 1, a.At, a.Succeeded,
            a.Succeeded ? NotificationStatus.Sent : i == rows.Length - 1 ? a.Status : NotificationStatus.Pending))).ToList();
        records.Many(OutboxDispatcher.AttemptKind, rows[0].NotificationId, "notification attempt", contents);
    }

    /// <summary>
    /// Pairs stored records with their entries, taking each pair out of the entries left to pair. Pairing
    /// happens on the reading thread; the commitments are recomputed in parallel batches of
    /// <see cref="RecordBatch"/>, in the background while the next batch is read, and failures come out in the
    /// order the records were read. So a record's content function runs later on a worker thread: it must
    /// build from the plain object it was given (a row already read) and never use the DbContext.
    /// </summary>
    private sealed class RecordCheck(List<string> failures, Entries entries)
    {
        /// <summary>The failures found, in the order the records were read (complete after <see cref="Finish"/>).</summary>
        public List<string> Failures => failures;

        private List<Work> _pending = new(RecordBatch);
        private Task<List<string>>? _running;

        public long Checked { get; private set; }

        /// <summary>A record with exactly one entry, its content built as a JSON object.</summary>
        public void One(string kind, Guid id, string what, Func<JsonObject> content) => One(kind, id, what, w => w.Value(content()));

        /// <summary>A record with exactly one entry, its content written as canonical JSON.</summary>
        public void One(string kind, Guid id, string what, Action<CanonicalJsonWriter> content)
        {
            Checked++;
            var list = entries.Take(kind, id);
            if (list.Length == 0)
            {
                Queue(new Work($"{kind} {id}: no log entry for the stored {what}"));
                return;
            }

            if (list.Length > 1)
            {
                Queue(new Work($"{kind} {id}: {list.Length} log entries for one {what}, at indices {string.Join(", ", list.Select(c => c.Index))}"));
            }

            Queue(new Work(null, kind, id.ToString(), what, content, list));
        }

        /// <summary>A record with one entry per stored part (in order), such as a notification's attempts.</summary>
        public void Many(string kind, Guid id, string what, IReadOnlyList<Func<JsonObject>> contents)
        {
            Checked += contents.Count;
            var list = entries.Take(kind, id);
            for (var i = 0; i < Math.Max(list.Length, contents.Count); i++)
            {
                var label = $"{id} #{i + 1}";
                if (i >= list.Length)
                {
                    Queue(new Work($"{kind} {label}: no log entry for the stored {what}"));
                }
                else if (i >= contents.Count)
                {
                    Queue(new Work($"{kind} {label}: record missing: log index {list[i].Index} commits to a {what} that is not stored (it was deleted)"));
                }
                else
                {
                    var content = contents[i];
                    Queue(new Work(null, kind, label, what, w => w.Value(content()), [list[i]]));
                }
            }
        }

        /// <summary>A failure found by comparing stored records with each other, listed in the order of the records read.</summary>
        public void Fail(string failure) => Queue(new Work(failure));

        /// <summary>Waits for the commitments still being recomputed; their failures are then in the list.</summary>
        public void Finish()
        {
            Flush();
            Drain();
        }

        private void Queue(Work work)
        {
            _pending.Add(work);
            if (_pending.Count == RecordBatch)
            {
                Flush();
            }
        }

        /// <summary>Hands the queued work to a background task, once the one before has finished (so failures stay in order).</summary>
        private void Flush()
        {
            var work = _pending;
            _pending = new List<Work>(RecordBatch);
            Drain();
            _running = Task.Run(() => Compute(work, entries.OddSalt));
        }

        private void Drain()
        {
            if (_running is not null)
            {
                failures.AddRange(_running.GetAwaiter().GetResult());
                _running = null;
            }
        }

        private static List<string> Compute(List<Work> work, Dictionary<long, string> oddSalts)
        {
            var found = new List<string>?[work.Count];
            Parallel.For(0, work.Count, () => new CanonicalJsonWriter(new ArrayBufferWriter<byte>(1024)), (i, _, writer) =>
            {
                var w = work[i];
                if (w.Failure is not null)
                {
                    found[i] = [w.Failure];
                    return writer;
                }

                foreach (var c in w.Entries!)
                {
                    if (Compare(w.Kind!, w.Label!, w.What!, w.Content!, c, oddSalts, writer) is { } failure)
                    {
                        (found[i] ??= []).Add(failure);
                    }
                }

                return writer;
            }, _ => { });
            return [.. found.Where(f => f is not null).SelectMany(f => f!)];
        }

        private static string? Compare(
            string kind, string label, string what, Action<CanonicalJsonWriter> content, in Committed c, Dictionary<long, string> oddSalts,
            CanonicalJsonWriter writer)
        {
            ReadOnlySpan<byte> salt = c.Salt;
            if (!c.SaltReadable)
            {
                try
                {
                    salt = Convert.FromBase64String(oddSalts[c.Index]);
                }
                catch (FormatException)
                {
                    return $"{kind} {label}: commitment mismatch: the salt of log index {c.Index} is not base64";
                }
            }

            Span<byte> commitment = stackalloc byte[MerkleHash.Size];
            try
            {
                LedgerWriter.Commit(salt, content, commitment, writer);
            }
            catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException)
            {
                // A stored value the content cannot be written from (tampered JSON, say) is a mismatch, named, not a crash.
                return $"{kind} {label}: commitment mismatch: the stored {what} cannot be written as committed content ({e.GetType().Name})";
            }

            return c.CommitmentReadable && commitment.SequenceEqual(c.Commitment)
                ? null
                : $"{kind} {label}: commitment mismatch: the stored {what} differs from what log index {c.Index} commits to";
        }

        /// <summary>A failure found while pairing, or a record's content to recompute against its entries.</summary>
        private sealed record Work(
            string? Failure, string? Kind = null, string? Label = null, string? What = null,
            Action<CanonicalJsonWriter>? Content = null, IReadOnlyList<Committed>? Entries = null);
    }
}
