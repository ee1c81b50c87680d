namespace Aigaq.TestSupport;

/// <summary>One app host on a fresh database of its own, shared by the tests of a class.</summary>
public abstract class HostFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;
    private AigaqHost? _host;

    public AigaqHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public DatabaseProvider Provider => provider;

    /// <summary>Extra configuration for this fixture's host.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _host = _database.NewHost(Settings);
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteHost() : HostFixture(DatabaseProvider.Sqlite);

public sealed class PostgresHost() : HostFixture(DatabaseProvider.Postgres);

/// <summary>Two app hosts (two nodes of one deployment) on the same database.</summary>
public abstract class TwoHostsFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public AigaqHost First { get; private set; } = null!;

    public AigaqHost Second { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        // One after the other: the first migrates, the second finds the schema in place.
        First = _database.NewHost(Settings);
        Second = _database.NewHost(Settings);
    }

    public virtual async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class TwoSqliteHosts() : TwoHostsFixture(DatabaseProvider.Sqlite);

public sealed class TwoPostgresHosts() : TwoHostsFixture(DatabaseProvider.Postgres);
