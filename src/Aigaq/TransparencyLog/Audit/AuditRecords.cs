using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Data;
using Aigaq.Ledger;

namespace Aigaq.TransparencyLog.Audit;

/// <summary>
/// What an audit source is given: a context to read its rows with, and the pairing of stored records with their log
/// entries, taking each pair out of the entries left to pair. Pairing happens on the reading thread; the commitments are
/// recomputed in parallel batches of <see cref="RecordBatch"/>, in the background while the next batch is read, and
/// failures come out in the order the records were read. So a record's content function runs later on a worker thread:
/// it must build from the plain object it was given (a row already read) and never use the DbContext.
/// </summary>
public sealed class AuditRecords
{
    /// <summary>
    /// How many records are queued before their commitments are recomputed: the rows queued stay alive until then, so a
    /// smaller queue leaves the collector fewer survivors to copy.
    /// </summary>
    private const int RecordBatch = 1024;

    private readonly List<string> failures = [];
    private readonly AuditEntries entries;
    private readonly Func<AigaqDb>? another;

    internal AuditRecords(AigaqDb db, AuditEntries entries, Func<AigaqDb>? another)
    {
        Db = db;
        this.entries = entries;
        this.another = another;
    }

    /// <summary>The context the source reads with (its own connection when the provider allows one).</summary>
    public AigaqDb Db { get; }

    /// <summary>A further context on a connection of its own, to read a second table side by side; null when there is none.</summary>
    public AigaqDb? OpenAnother() => another?.Invoke();

    /// <summary>The failures found, in the order the records were read (complete after <see cref="Finish"/>).</summary>
    internal List<string> Failures => failures;

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

        Queue(new Work(null, kind, id, 0, what, content, list));
    }

    /// <summary>
    /// A record with one entry per stored part (in order), such as a notification's attempts. <paramref name="parts"/>
    /// names each stored part in the audit's findings (an attempt's own number, when some parts are logged elsewhere);
    /// without it, or for an entry past the stored parts, a part is named by its place.
    /// </summary>
    public void Many(string kind, Guid id, string what, IReadOnlyList<Func<JsonObject>> contents, IReadOnlyList<int>? parts = null)
    {
        Checked += contents.Count;
        var list = entries.Take(kind, id);
        var last = parts is { Count: > 0 } ? parts[^1] : contents.Count;
        int Part(int i) => parts is not null && i < parts.Count ? parts[i] : last + i - contents.Count + 1;
        for (var i = 0; i < Math.Max(list.Length, contents.Count); i++)
        {
            if (i >= list.Length)
            {
                Queue(new Work($"{kind} {id} #{Part(i)}: no log entry for the stored {what}"));
            }
            else if (i >= contents.Count)
            {
                Queue(new Work($"{kind} {id} #{Part(i)}: record missing: log index {list[i].Index} commits to a {what} that is not stored (it was deleted)"));
            }
            else
            {
                var content = contents[i];
                Queue(new Work(null, kind, id, Part(i), what, w => w.Value(content()), [list[i]]));
            }
        }
    }

    /// <summary>
    /// A record whose state its entries of <paramref name="kind"/> follow: the latest must commit to the stored state;
    /// earlier ones are its history. With none, the record must be in the state its creation implies
    /// (<paramref name="initial"/>).
    /// </summary>
    public void Latest(string kind, Guid id, string what, Action<CanonicalJsonWriter> content, bool initial)
    {
        Checked++;
        var list = entries.Take(kind, id);
        if (list.Length == 0)
        {
            if (!initial)
            {
                Queue(new Work($"{kind} {id}: the stored {what} was changed, and no log entry records its state"));
            }

            return;
        }

        Queue(new Work(null, kind, id, 0, what, content, [list[^1]]));
    }

    /// <summary>
    /// A record with entries of <paramref name="kind"/> and no stored row: its latest entry must record its deletion
    /// (<paramref name="deleted"/>), else it is named as missing.
    /// </summary>
    public void Gone(string kind, Guid id, string what, Action<CanonicalJsonWriter> deleted)
    {
        var list = entries.Take(kind, id);
        if (list.Length > 0)
        {
            Queue(new Work(null, kind, id, 0, what, deleted, [list[^1]],
                $"{kind} {id}: record missing: log index {list[^1].Index} commits to a {what} that is not stored (it was deleted)"));
        }
    }

    /// <summary>
    /// Takes the entries of a record whose absence the source has accounted for (a record erased when its retention
    /// ended, which the erasure's trace lists): neither paired with a row nor named as missing. Returns how many.
    /// </summary>
    public int Forget(string kind, Guid id) => entries.Take(kind, id).Length;

    /// <summary>How many entries of <paramref name="kind"/> a record has left to pair, none taken: where a source reads which shape the log used.</summary>
    public int Count(string kind, Guid id) => entries.Count(kind, id);

    /// <summary>The ids of records that have entries of <paramref name="kind"/> not yet paired.</summary>
    public IEnumerable<Guid> RecordIds(string kind) => entries.RecordIds(kind);

    /// <summary>A failure found by comparing stored records with each other, listed in the order of the records read.</summary>
    public void Fail(string failure) => Queue(new Work(failure));

    /// <summary>Waits for the commitments still being recomputed; their failures are then in the list.</summary>
    internal void Finish()
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
                if (Compare(w, c, oddSalts, writer) is { } failure)
                {
                    (found[i] ??= []).Add(w.Mismatch ?? failure);
                }
            }

            return writer;
        }, _ => { });
        return [.. found.Where(f => f is not null).SelectMany(f => f!)];
    }

    private static string? Compare(Work w, in Committed c, Dictionary<long, string> oddSalts, CanonicalJsonWriter writer)
    {
        var (kind, what) = (w.Kind!, w.What!);
        ReadOnlySpan<byte> salt = c.Salt;
        if (!c.SaltReadable)
        {
            try
            {
                salt = Convert.FromBase64String(oddSalts[c.Index]);
            }
            catch (FormatException)
            {
                return $"{kind} {w.Label}: commitment mismatch: the salt of log index {c.Index} is not base64";
            }
        }

        Span<byte> commitment = stackalloc byte[MerkleHash.Size];
        try
        {
            LedgerWriter.Commit(salt, w.Content!, commitment, writer);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            // A stored value the content cannot be written from (tampered JSON, say) is a mismatch, named, not a crash.
            return $"{kind} {w.Label}: commitment mismatch: the stored {what} cannot be written as committed content ({e.GetType().Name})";
        }

        return c.CommitmentReadable && commitment.SequenceEqual(c.Commitment)
            ? null
            : $"{kind} {w.Label}: commitment mismatch: the stored {what} differs from what log index {c.Index} commits to";
    }

    /// <summary>
    /// A failure found while pairing, or a record's content to recompute against its entries. The record is named by id
    /// and, for a record of several parts, the part's number from 1 (0 for none); the name is only written on a failure.
    /// </summary>
    private sealed record Work(
        string? Failure, string? Kind = null, Guid Id = default, int Part = 0, string? What = null,
        Action<CanonicalJsonWriter>? Content = null, IReadOnlyList<Committed>? Entries = null, string? Mismatch = null)
    {
        public string Label => Part == 0 ? Id.ToString() : $"{Id} #{Part}";
    }
}
