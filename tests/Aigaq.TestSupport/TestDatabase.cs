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

    /// <summary>
    /// Storage with the schema in place: a copy of the migrations' result (<see cref="SchemaTemplate"/>), made once per
    /// test process. A host started on it runs its migration step all the same (nothing is pending; the roles are seeded).
    /// </summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => CreateAsync(provider, migrated: true);

    /// <summary>On PostgreSQL or not, as theory data that runs a case on both providers passes it.</summary>
    public static Task<TestDatabase> CreateAsync(bool postgres) =>
        CreateAsync(postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);

    /// <summary>
    /// Storage with nothing in it: for a test of the migrations themselves, or one whose database must be created by
    /// another owner than the template's.
    /// </summary>
    public static Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider) => CreateAsync(provider, migrated: false);

    /// <summary>Empty storage on PostgreSQL or not.</summary>
    public static Task<TestDatabase> CreateEmptyAsync(bool postgres) =>
        CreateEmptyAsync(postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);

    private static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrated)
    {
        var dir = Path.Combine(Path.GetTempPath(), "aigaq-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        PostgresDatabase? postgres = null;
        if (provider == DatabaseProvider.Postgres)
        {
            postgres = await PostgresDatabase.CreateAsync(migrated ? await SchemaTemplate.PostgresAsync() : null);
        }
        else if (migrated)
        {
            await SchemaTemplate.CopySqliteInto(dir);
        }

        return new TestDatabase(provider, dir, postgres);
    }

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
