namespace Aigaq.Tests.Infrastructure;

/// <summary>
/// The storage one or more app hosts share: a temporary DataDir (holding the SQLite file) and,
/// for PostgreSQL, a fresh database dropped at the end.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresDatabase? _postgres;
    private int _hosts;

    private TestDatabase(DatabaseProvider provider, string dataDir, PostgresDatabase? postgres)
    {
        Provider = provider;
        DataDir = dataDir;
        _postgres = postgres;
    }

    public DatabaseProvider Provider { get; }

    public string DataDir { get; }

    public string? ConnectionString => _postgres?.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var dir = Path.Combine(Path.GetTempPath(), "aigaq-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var postgres = provider == DatabaseProvider.Postgres ? await PostgresDatabase.CreateAsync() : null;
        return new TestDatabase(provider, dir, postgres);
    }

    /// <summary>A new app instance on this storage; several model several nodes of one deployment.</summary>
    public AigaqHost NewHost(IReadOnlyDictionary<string, string?>? settings = null) =>
        new AigaqHost(this, settings ?? new Dictionary<string, string?>(), $"test-node-{Interlocked.Increment(ref _hosts)}").Started();

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still open is left to the OS's temp cleaning; it is not worth failing a test.
        }
    }
}
