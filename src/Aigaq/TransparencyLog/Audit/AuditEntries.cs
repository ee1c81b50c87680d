namespace Aigaq.TransparencyLog.Audit;

/// <summary>32 bytes inline, so that a million of them in a map hold no reference for the collector to trace.</summary>
[System.Runtime.CompilerServices.InlineArray(32)]
internal struct Bytes32
{
    private byte _first;
}

/// <summary>
/// An entry's index, commitment and salt, decoded from base64 when read. <see cref="CommitmentReadable"/> is false when the
/// commitment column is not the canonical base64 of 32 bytes (so nothing recomputed can equal it), or the salt
/// is not base64 of 32 bytes (<see cref="SaltReadable"/> false; then <see cref="AuditEntries.OddSalt"/> keeps the column's text).
/// </summary>
internal struct Committed
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
internal sealed class AuditEntries
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

    /// <summary>How many entries of a record are left to take, without taking them.</summary>
    public int Count(string kind, Guid recordId) =>
        !_byName.TryGetValue(kind, out var entries) || !entries.First.ContainsKey(recordId)
            ? 0
            : 1 + (entries.More.TryGetValue(recordId, out var more) ? more.Count : 0);

    public IEnumerable<Guid> RecordIds(string kind) => _byName.TryGetValue(kind, out var entries) ? [.. entries.First.Keys] : [];

    /// <summary>What is left, in index order.</summary>
    public IEnumerable<(string Kind, Guid RecordId, long Index)> Left() =>
        _kinds.SelectMany(k => k.First.Select(p => (k.Name, p.Key, p.Value.Index))
                .Concat(k.More.SelectMany(p => p.Value.Select(c => (k.Name, p.Key, c.Index)))))
            .OrderBy(x => x.Item3);
}
