namespace Aigaq.TestSupport;

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

    /// <summary>On PostgreSQL or not, as theory data that runs a case on both providers passes it.</summary>
    public static Task<TestDatabase> CreateAsync(bool postgres) =>
        CreateAsync(postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);

    /// <summary>A new app instance on this storage; several model several nodes of one deployment.</summary>
    public AigaqHost NewHost(IReadOnlyDictionary<string, string?>? settings = null) =>
        NewHost(new HostOptions { Settings = settings ?? new Dictionary<string, string?>() });

    /// <summary>A new app instance on this storage, started, named as the next node unless the options name it.</summary>
    public AigaqHost NewHost(HostOptions options)
    {
        var n = Interlocked.Increment(ref _hosts);
        return new AigaqHost(this, options with { NodeName = options.NodeName ?? $"test-node-{n}" }).Started();
    }

    /// <summary>The configuration that points the executable at this storage, as an operator passes it.</summary>
    public string[] Arguments() =>
    [
        $"--Aigaq:DataDir={DataDir}",
        $"--Aigaq:Database:Provider={Provider}",
        .. ConnectionString is { } connection ? [$"--ConnectionStrings:Aigaq={connection}"] : Array.Empty<string>(),
    ];

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
