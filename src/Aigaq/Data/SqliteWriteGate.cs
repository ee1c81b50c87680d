namespace Aigaq.Data;

/// <summary>
/// SQLite lets one transaction write at a time and makes the others poll its lock with growing
/// sleeps. The commands of this node take turns here instead, so a write waits only for the
/// writes ahead of it. (Background workers still meet the database's own lock and busy timeout.)
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
