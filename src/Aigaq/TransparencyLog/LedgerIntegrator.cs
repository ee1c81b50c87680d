using Aigaq.Data;
using Aigaq.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.TransparencyLog;

/// <summary>What one integration step did.</summary>
public sealed record IntegrationResult(bool Leader, int Integrated, long TreeSize);

/// <summary>The integrator's in-memory tree, reused between steps while it matches the latest checkpoint.</summary>
public sealed class IntegratorTree
{
    internal CompactRange? Range { get; set; }
    internal byte[]? Root { get; set; }
    internal DateTimeOffset LeaseUntil { get; set; }
}

/// <summary>
/// Extends the tree with sequenced entries and signs checkpoints (ADR 0101). One node at a time
/// leads, by a lease on the ledger_leader row taken with a conditional UPDATE. Each step reads up to
/// <see cref="MaxBatch"/> entries past the latest checkpoint, computes the changed hash tiles, and in
/// one transaction (fenced by the lease) writes the tiles and then the new signed checkpoint; the
/// tree is always extended from the stored state of the latest checkpoint, so no two checkpoints
/// the log signs can be inconsistent.
/// </summary>
internal sealed class LedgerIntegrator(
    IServiceScopeFactory scopes,
    LedgerKeys keys,
    LedgerBackPressure pressure,
    TimeProvider clock,
    IOptions<AigaqOptions> options,
    Observability.AigaqMetrics metrics,
    ILogger<LedgerIntegrator> logger) : BackgroundService
{
    public const int MaxBatch = 256;
    public static readonly TimeSpan Age = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly string _node = options.Value.ResolveNodeName();
    private readonly IntegratorTree _tree = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await StepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Log integration failed; retrying");
                _tree.Range = null;
            }

            if (!full)
            {
                // Entries that arrive meanwhile make the next batch: a checkpoint every 250 ms at most,
                // and at once when a batch fills.
                await Task.Delay(Age, clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One step of the loop, traced and counted: integrates a batch and refreshes the write gate's count. True when
    /// the batch was full, so that the next step follows at once.
    /// </summary>
    internal async Task<bool> StepAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        IntegrationResult result;
        // Four steps a second, most of them idle: their queries are not traced (an exporter would get a stream of
        // spans with no parent and no meaning). A step that signed something gets one span, made afterwards.
        using (OpenTelemetry.SuppressInstrumentationScope.Begin())
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
            result = await IntegrateOnceAsync(db, keys.Signer, _node, clock, _tree, MaxBatch, ct);
            await pressure.RefreshAsync(db, ct);
        }

        metrics.Integrated(result.Integrated);
        if (result.Integrated > 0)
        {
            using var activity = Observability.AigaqTelemetry.Source.StartActivity(
                "log integrate", System.Diagnostics.ActivityKind.Internal, parentContext: default, startTime: started);
            activity?.SetTag("aigaq.log.integrated", result.Integrated);
            activity?.SetTag("aigaq.log.size", result.TreeSize);
        }

        return result.Integrated == MaxBatch;
    }

    /// <summary>
    /// One step: takes or renews the lease, and as leader integrates up to <paramref name="maxBatch"/>
    /// entries and signs a checkpoint (also the size-0 one of an empty log).
    /// </summary>
    public static async Task<IntegrationResult> IntegrateOnceAsync(
        AigaqDb db, NoteSigner signer, string node, TimeProvider clock, IntegratorTree tree,
        int maxBatch = MaxBatch, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        var now = clock.GetUtcNow();
        if (tree.LeaseUntil - now < Lease / 2 && !await TakeLeaseAsync(db, node, now, ct))
        {
            tree.Range = null;
            tree.LeaseUntil = default;
            return new IntegrationResult(false, 0, 0);
        }

        var latest = await LedgerStore.LatestAsync(db, ct);
        var size = latest?.Size ?? 0;
        if (latest is not null)
        {
            // The key must be the one that signed the log so far, or the log would fork its identity.
            if (!SignedNote.TryParse(latest.Note, out var note) || note.Verify(signer.Verifier).Count == 0)
            {
                throw new InvalidOperationException($"The latest checkpoint ({latest.Size}) is not signed by this node's log key {signer.Verifier.VerifierKey}.");
            }
        }

        var entries = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Index >= size)
            .OrderBy(e => e.Index)
            .Take(maxBatch)
            .Select(e => new { e.Index, e.Entry, e.LeafHash })
            .ToListAsync(ct);
        var count = 0;
        while (count < entries.Count && entries[count].Index == size + count)
        {
            count++;
        }

        if (latest is not null && count == 0)
        {
            return new IntegrationResult(true, 0, size);
        }

        var range = tree.Range;
        if (range is null || range.Size != size || latest is null || !tree.Root.AsSpan().SequenceEqual(Convert.FromBase64String(latest.Root)))
        {
            range = Rebuild(db, latest);
        }

        var fresh = new Dictionary<(int Level, long Index), byte[]>();
        // The range is extended in place; if this step fails before storing, its size no longer
        // matches the latest checkpoint and the next step rebuilds it from the tiles.
        var next = range;
        tree.Range = null;
        for (var i = 0; i < count; i++)
        {
            var leaf = new byte[MerkleHash.Size];
            MerkleHash.LeafOfText(entries[i].Entry, leaf);
            if (!string.Equals(Convert.ToBase64String(leaf), entries[i].LeafHash, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Log entry {entries[i].Index}: its stored leaf hash does not match its entry; refusing to integrate.");
            }

            next.Append(leaf, (level, index, hash) =>
            {
                if (level % Tile.Height == 0)
                {
                    fresh[(level, index)] = hash.ToArray();
                }
            });
        }

        var newSize = size + count;
        var root = next.Root();
        var reader = new OverlayReader(fresh, new TileHashReader(size, LedgerStore.Fetcher(db)));
        var tiles = Tile.Changed(size, newSize).Select(t => (Tile: t, Data: Tile.BuildHashTile(reader, t))).ToList();
        var signed = new Checkpoint(signer.Name, newSize, root).Sign(signer).Format();

        var stored = await StoreAsync(db, node, clock, latest?.Size, tiles, new LedgerCheckpoint
        {
            Size = newSize,
            Root = Convert.ToBase64String(root),
            Note = signed,
            CreatedAt = clock.GetUtcNow(),
        }, ct);
        if (!stored)
        {
            tree.Range = null;
            tree.LeaseUntil = default;
            return new IntegrationResult(false, 0, size);
        }

        tree.Range = next;
        tree.Root = root;
        tree.LeaseUntil = now + Lease;
        return new IntegrationResult(true, count, newSize);
    }

    private static async Task<bool> TakeLeaseAsync(AigaqDb db, string node, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + Lease;
        var rows = await db.Set<LedgerLeader>()
            .Where(l => l.Id == 1 && (l.Node == null || l.Node == node || l.LeaseUntil == null || l.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Node, node).SetProperty(l => l.LeaseUntil, until), ct);
        return rows == 1;
    }

    /// <summary>
    /// Tiles first, then the checkpoint, in one transaction that also renews the lease: a node whose
    /// lease ran out, or that lost a race to the same size, writes nothing.
    /// </summary>
    private static async Task<bool> StoreAsync(
        AigaqDb db, string node, TimeProvider clock, long? previous, List<(Tile Tile, byte[] Data)> tiles,
        LedgerCheckpoint checkpoint, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var until = now + Lease;
        var fenced = await db.Set<LedgerLeader>()
            .Where(l => l.Id == 1 && l.Node == node && l.LeaseUntil >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, until), ct);
        var latest = await db.Set<LedgerCheckpoint>().MaxAsync(c => (long?)c.Size, ct);
        if (fenced != 1 || latest != previous)
        {
            await tx.RollbackAsync(ct);
            return false;
        }

        foreach (var (tile, data) in tiles)
        {
            var row = await db.Set<LedgerTile>().FirstOrDefaultAsync(t => t.Level == tile.Level && t.Index == tile.Index, ct);
            if (row is null)
            {
                db.Add(new LedgerTile { Level = tile.Level, Index = tile.Index, Width = tile.Width, Data = data });
            }
            else
            {
                row.Width = tile.Width;
                row.Data = data;
            }
        }

        db.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>Rebuilds the compact range of the latest checkpoint from the stored tiles, and checks its root.</summary>
    private static CompactRange Rebuild(AigaqDb db, LedgerCheckpoint? latest)
    {
        if (latest is null || latest.Size == 0)
        {
            return new CompactRange();
        }

        var range = CompactRange.FromReader(new TileHashReader(latest.Size, LedgerStore.Fetcher(db)), latest.Size);
        if (!range.Root().AsSpan().SequenceEqual(Convert.FromBase64String(latest.Root)))
        {
            throw new InvalidDataException($"The stored tiles do not give the root of checkpoint {latest.Size}; refusing to sign.");
        }

        return range;
    }

    /// <summary>Node hashes made in this step first, the stored tiles of the previous tree otherwise.</summary>
    private sealed class OverlayReader(Dictionary<(int Level, long Index), byte[]> fresh, IHashReader old) : IHashReader
    {
        public void ReadHash(int level, long index, Span<byte> destination)
        {
            if (fresh.TryGetValue((level, index), out var hash))
            {
                hash.CopyTo(destination);
            }
            else
            {
                old.ReadHash(level, index, destination);
            }
        }
    }
}
