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

    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string Server =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } s ? s : DefaultServer;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = "aigaq_test_" + Guid.NewGuid().ToString("N")[..16];
        var db = new PostgresDatabase(Server, name);
        await db.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of the app hosts would hold the database open.
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 60;
        _ = await command.ExecuteNonQueryAsync();
    }
}
