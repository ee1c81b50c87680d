using System.Globalization;
using Aigaq.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aigaq.TestSupport;

/// <summary>
/// The application's migrations, run once per test process and provider into a template, so that a test database starts
/// as a copy of it (a file copy on SQLite, <c>CREATE DATABASE ... TEMPLATE</c> on PostgreSQL) instead of running every
/// migration again. The template is made by the application's own migration step (<see cref="DataModule.MigrateAsync"/>)
/// on a database of its own; a host started on a copy still runs its migration step, which finds nothing pending and
/// seeds the roles as on any start. Templates are removed when the process ends; a PostgreSQL template left by a
/// process that was killed is dropped by a later run once it is a day old.
/// </summary>
internal static class SchemaTemplate
{
    private const string PostgresPrefix = "aigaq_template_";

    private static readonly Once Sqlite = new(CreateSqliteAsync);
    private static readonly Once Postgres = new(CreatePostgresAsync);
    private static string? _sqliteFolder;
    private static string? _postgresName;

    static SchemaTemplate() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove();

    /// <summary>Puts a copy of the migrated SQLite file where the application keeps its database in <paramref name="dataDir"/>.</summary>
    public static async Task CopySqliteInto(string dataDir)
    {
        var template = await Sqlite.GetAsync();
        File.Copy(template, Path.Combine(dataDir, "aigaq.db"));
    }

    /// <summary>The name of the migrated PostgreSQL template database to create a database from.</summary>
    public static Task<string> PostgresAsync() => Postgres.GetAsync();

    private static async Task<string> CreateSqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aigaq-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _sqliteFolder = folder;
        var file = Path.Combine(folder, "aigaq.db");
        // Unpooled: once migrated, no connection is left open, so SQLite has checkpointed the WAL into the file.
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        await MigrateAsync(o => o.UseSqlite(connection), (s, o) => s.AddDbContext<AigaqDb, SqliteAigaqDb>(o));
        if (File.Exists(file + "-wal"))
        {
            throw new InvalidOperationException("The SQLite template still has a write-ahead log after its connections closed.");
        }

        return file;
    }

    private static async Task<string> CreatePostgresAsync()
    {
        await DropStaleAsync();
        var name = PostgresPrefix + DateTime.UtcNow.ToString(PostgresDatabase.StampFormat, CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        await PostgresDatabase.AdminAsync($"CREATE DATABASE \"{name}\"");
        _postgresName = name;
        // Unpooled: a template must have no session open while databases are created from it.
        var connection = new NpgsqlConnectionStringBuilder(PostgresDatabase.Server) { Database = name, Pooling = false }.ConnectionString;
        await MigrateAsync(o => o.UseNpgsql(connection), (s, o) => s.AddDbContext<AigaqDb, PostgresAigaqDb>(o));
        return name;
    }

    private static async Task MigrateAsync(
        Action<DbContextOptionsBuilder> provider, Action<IServiceCollection, Action<DbContextOptionsBuilder>> register)
    {
        var services = new ServiceCollection();
        register(services, provider);
        await using var sp = services.BuildServiceProvider();
        await DataModule.MigrateAsync(sp);
    }

    /// <summary>
    /// Templates and test databases of runs that never reached their end (a killed test process), once they are a day
    /// old: both names carry the minute they were made.
    /// </summary>
    private static async Task DropStaleAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresDatabase.Server) { Database = "postgres", Pooling = false };
        var stale = new List<string>();
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'aigaq\\_template\\_%' OR datname LIKE 'aigaq\\_test\\_%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                var prefix = name.StartsWith(PostgresPrefix, StringComparison.Ordinal) ? PostgresPrefix : PostgresDatabase.Prefix;
                var stamp = name[prefix.Length..].Split('_')[0];
                if (DateTime.TryParseExact(stamp, PostgresDatabase.StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var made)
                    && made < DateTime.UtcNow.AddDays(-1))
                {
                    stale.Add(name);
                }
            }
        }

        foreach (var name in stale)
        {
            await PostgresDatabase.DropAsync(name);
        }
    }

    /// <summary>
    /// Makes a template once; a failed attempt (a timeout on a busy machine) is not kept, so the next test tries again
    /// instead of every later test in the process failing with it.
    /// </summary>
    private sealed class Once(Func<Task<string>> make)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private string? _made;

        public async Task<string> GetAsync()
        {
            if (Volatile.Read(ref _made) is { } made)
            {
                return made;
            }

            await _gate.WaitAsync();
            try
            {
                return _made ??= await make();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private static void Remove()
    {
        try
        {
            if (_postgresName is { } name)
            {
                PostgresDatabase.AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
        }
        catch (NpgsqlException)
        {
            // The server is gone already; a later run drops the template once it is stale.
        }

        try
        {
            if (_sqliteFolder is { } folder)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
