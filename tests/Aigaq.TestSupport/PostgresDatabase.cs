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

    private PostgresDatabase(string server, string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string Server =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } s ? s : DefaultServer;

    /// <summary>An empty database, or with <paramref name="template"/> a copy of that database.</summary>
    public static async Task<PostgresDatabase> CreateAsync(string? template = null)
    {
        var name = "aigaq_test_" + Guid.NewGuid().ToString("N")[..16];
        var db = new PostgresDatabase(Server, name);
        await AdminAsync(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of the app hosts would hold the database open.
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
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
}
