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

    private readonly record struct Committed(long Index, string Commitment, string Salt);

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
        var entries = new Dictionary<(string Kind, Guid RecordId), Committed[]>();
        long expected = 0;
        if (bySize.TryGetValue(0, out var empty))
        {
            CheckRoot(failures, empty, range);
        }

        // Read in batches: leaf hashes and field checks of a batch in parallel, then the tree and the maps in index order.
        var batch = new List<LedgerEntry>(Batch);
        var leaves = new byte[Batch][];
        var problems = new (string? Leaf, string? Fields)[Batch];

        void Flush()
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

                // One kind string for all entries of a known kind, one small array per record.
                var kind = string.IsInterned(e.Kind) ?? e.Kind;
                var committed = new Committed(e.Index, e.Commitment, e.Salt);
                entries[(kind, e.RecordId)] = entries.TryGetValue((kind, e.RecordId), out var list) ? [.. list, committed] : [committed];
                expected++;
            }

            batch.Clear();
        }

        await foreach (var e in db.Set<LedgerEntry>().AsNoTracking().OrderBy(e => e.Index).AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(e);
            if (batch.Count == Batch)
            {
                Flush();
                if (expected % 100_000 < Batch)
                {
                    await progress.WriteLineAsync($"audit: {expected} entries read");
                }
            }
        }

        Flush();

        if (range.Size < latestSize)
        {
            failures.Add($"checkpoint {latestSize} covers more entries than the {range.Size} contiguous ones stored");
        }

        CheckCheckpoints(failures, checkpoints, logKey);
        await CheckTilesAsync(db, failures, computed, latestSize, ct);
        await CheckRecordsAsync(db, failures, entries, progress, ct);
        return failures;
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
    private static string? CheckEntryFields(LedgerEntry e)
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

    private static string? EntryFieldsProblem(LedgerEntry e)
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
        AigaqDb db, List<string> failures, Dictionary<(string Kind, Guid RecordId), Committed[]> entries, TextWriter progress, CancellationToken ct)
    {
        var records = new RecordCheck(failures, entries);

        await foreach (var d in db.Set<Detention>().AsNoTracking().Include(d => d.Contacts).AsSplitQuery().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(DetentionLedger.Registered, d.Id, "detention", () => DetentionLedger.Content(d));
        }

        await foreach (var e in db.Set<DetentionEvent>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(DetentionLedger.Event, e.Id, "detention event", () => DetentionLedger.Content(e));
        }

        await foreach (var f in db.Set<Facility>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(FacilityRegistered, f.Id, "facility", () => LedgerWriter.Content(FacilityView.From(f)));
        }

        await CheckCasesAsync(db, records, ct);
        await CheckUsersAsync(db, records, ct);
        await CheckAlertsAsync(db, records, entries, ct);
        await CheckNotificationAttemptsAsync(db, records, ct);
        records.Finish();

        // Whatever is left had no stored record to pair with.
        foreach (var ((kind, id), list) in entries)
        {
            foreach (var c in list)
            {
                failures.Add(Known.Contains(kind)
                    ? $"{kind} {id}: record missing: log index {c.Index} commits to a record that is not stored (it was deleted)"
                    : $"log index {c.Index}: unknown kind {kind} (record {id}): the audit has no record to check it against");
            }
        }

        await progress.WriteLineAsync($"audit: {records.Checked} records checked");
    }

    /// <summary>Every kind <see cref="LedgerWriter.Append"/> is called with.</summary>
    private static readonly HashSet<string> Known =
    [
        DetentionLedger.Registered, DetentionLedger.Event, FacilityRegistered, UserAccounts.CreatedKind,
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

    /// <summary>Accounts with their role; a role added or removed since creation changes the content.</summary>
    private static async Task CheckUsersAsync(AigaqDb db, RecordCheck records, CancellationToken ct)
    {
        var roles = (await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(ct))
            .GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(x => x.Name).Order(StringComparer.Ordinal)));
        await foreach (var u in db.Users.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(UserAccounts.CreatedKind, u.Id, "account", () => UserAccounts.Content(u, roles.GetValueOrDefault(u.Id)!));
        }
    }

    /// <summary>
    /// Acknowledged alerts, and alerts that have an acknowledgement entry but are no longer
    /// acknowledged (their content then differs: a mismatch, not a missing record).
    /// </summary>
    private static async Task CheckAlertsAsync(
        AigaqDb db, RecordCheck records, Dictionary<(string Kind, Guid RecordId), Committed[]> entries, CancellationToken ct)
    {
        await foreach (var a in db.Set<Alert>().AsNoTracking()
            .Where(a => a.Status == AlertStatus.Acknowledged || a.AcknowledgedAt != null || a.AcknowledgedBy != null || a.Comment != null)
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            records.One(AcknowledgeAlert.AcknowledgedKind, a.Id, "alert acknowledgement", () => AcknowledgeAlert.Content(a));
        }

        var left = entries.Keys.Where(k => k.Kind == AcknowledgeAlert.AcknowledgedKind).Select(k => k.RecordId).ToList();
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
    /// <see cref="Batch"/>, in the background while the next batch is read, and failures come out in the
    /// order the records were read. So a record's content function runs later on a worker thread: it must
    /// build from the plain object it was given (a row already read) and never use the DbContext.
    /// </summary>
    private sealed class RecordCheck(List<string> failures, Dictionary<(string Kind, Guid RecordId), Committed[]> entries)
    {
        private List<Work> _pending = new(Batch);
        private Task<List<string>>? _running;

        public long Checked { get; private set; }

        /// <summary>A record with exactly one entry.</summary>
        public void One(string kind, Guid id, string what, Func<JsonObject> content)
        {
            Checked++;
            if (!entries.Remove((kind, id), out var list))
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
            var list = entries.Remove((kind, id), out var found) ? found : [];
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
                    Queue(new Work(null, kind, label, what, contents[i], [list[i]]));
                }
            }
        }

        /// <summary>Waits for the commitments still being recomputed; their failures are then in the list.</summary>
        public void Finish()
        {
            Flush();
            Drain();
        }

        private void Queue(Work work)
        {
            _pending.Add(work);
            if (_pending.Count == Batch)
            {
                Flush();
            }
        }

        /// <summary>Hands the queued work to a background task, once the one before has finished (so failures stay in order).</summary>
        private void Flush()
        {
            var work = _pending;
            _pending = new List<Work>(Batch);
            Drain();
            _running = Task.Run(() => Compute(work));
        }

        private void Drain()
        {
            if (_running is not null)
            {
                failures.AddRange(_running.GetAwaiter().GetResult());
                _running = null;
            }
        }

        private static List<string> Compute(List<Work> work)
        {
            var found = new List<string>?[work.Count];
            Parallel.For(0, work.Count, i =>
            {
                var w = work[i];
                if (w.Failure is not null)
                {
                    found[i] = [w.Failure];
                    return;
                }

                var json = w.Content!();
                foreach (var c in w.Entries!)
                {
                    if (Compare(w.Kind!, w.Label!, w.What!, json, c) is { } failure)
                    {
                        (found[i] ??= []).Add(failure);
                    }
                }
            });
            return [.. found.Where(f => f is not null).SelectMany(f => f!)];
        }

        private static string? Compare(string kind, string label, string what, JsonObject content, Committed c)
        {
            byte[] salt;
            try
            {
                salt = Convert.FromBase64String(c.Salt);
            }
            catch (FormatException)
            {
                return $"{kind} {label}: commitment mismatch: the salt of log index {c.Index} is not base64";
            }

            var commitment = LedgerWriter.Commit(salt, content);
            return string.Equals(commitment, c.Commitment, StringComparison.Ordinal)
                ? null
                : $"{kind} {label}: commitment mismatch: the stored {what} differs from what log index {c.Index} commits to";
        }

        /// <summary>A failure found while pairing, or a record's content to recompute against its entries.</summary>
        private sealed record Work(
            string? Failure, string? Kind = null, string? Label = null, string? What = null,
            Func<JsonObject>? Content = null, IReadOnlyList<Committed>? Entries = null);
    }
}
