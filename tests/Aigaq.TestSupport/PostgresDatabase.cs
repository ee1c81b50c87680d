using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Aigaq.TestSupport;

/// <summary>
/// A fresh PostgreSQL database with a random name, created for one fixture and dropped when it
/// is disposed. The server comes from <c>AIGAQ_TEST_PG</c>.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "AIGAQ_TEST_PG";
    public const string DefaultServer = "Host=127.0.0.1;Username=aigaq;Password=aigaq";
    internal const string Prefix = "aigaq_test_";
    internal const string StampFormat = "yyyyMMddHHmm";

    /// <summary>Drops under way at once: each holds a server connection while it waits for its checkpoint.</summary>
    private static readonly SemaphoreSlim Droppers = new(2, 2);
    private static readonly ConcurrentDictionary<Task, bool> Dropping = new();

    private readonly bool _dropInBackground;

    static PostgresDatabase() => AppDomain.CurrentDomain.ProcessExit += (_, _) => WaitForDrops();

    private PostgresDatabase(string server, string name, bool dropInBackground)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        _dropInBackground = dropInBackground;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string Server =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } s ? s : DefaultServer;

    /// <summary>
    /// An empty database, or with <paramref name="template"/> a copy of that database. A copy is dropped in the background
    /// once disposed (PostgreSQL waits for a checkpoint on every <c>DROP DATABASE</c>, seconds on a busy machine, which no
    /// test needs to wait for); an empty one is dropped before its disposal returns, as a test that made another role its
    /// owner drops that role next.
    /// </summary>
    public static async Task<PostgresDatabase> CreateAsync(string? template = null)
    {
        // Stamped, so that a database a killed test process never dropped is found and dropped by a later run.
        var name = Prefix + DateTime.UtcNow.ToString(StampFormat, CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..12];
        var db = new PostgresDatabase(Server, name, dropInBackground: template is not null);
        await AdminAsync(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of the app hosts would hold the database open.
        NpgsqlConnection.ClearAllPools();
        if (!_dropInBackground)
        {
            await DropAsync(Name);
            return;
        }

        var drop = DropQueuedAsync(Name);
        Dropping[drop] = true;
        _ = drop.ContinueWith(d => Dropping.TryRemove(d, out _), TaskScheduler.Default);
    }

    /// <summary>Runs a statement on the server's maintenance database (creating and dropping databases).</summary>
    internal static async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 60;
        _ = await command.ExecuteNonQueryAsync();
    }

    internal static Task DropAsync(string name) => AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    private static async Task DropQueuedAsync(string name)
    {
        await Droppers.WaitAsync();
        try
        {
            await DropAsync(name);
        }
        catch (NpgsqlException)
        {
            // Left for a later run, which drops test databases once they are a day old.
        }
        finally
        {
            Droppers.Release();
        }
    }

    /// <summary>The test process ends once the drops still under way are done (or a minute has gone).</summary>
    private static void WaitForDrops()
    {
        try
        {
            Task.WaitAll([.. Dropping.Keys], TimeSpan.FromMinutes(1));
        }
        catch (AggregateException)
        {
            // Each drop's failure was caught where it ran; nothing is left to report here.
        }
    }
}
