using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aigaq.Data;

internal static class DataModule
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AigaqOptions.Section).Get<AigaqOptions>() ?? new AigaqOptions();
        var connectionString = configuration.GetConnectionString("Aigaq");
        switch (options.Database.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("ConnectionStrings:Aigaq is required for the Postgres provider.");
                }

                services.AddDbContextPool<AigaqDb, PostgresAigaqDb>((sp, o) => o
                    .UseNpgsql(ConnectionBudget.Apply(Tuned(connectionString), options.Database))
                    .AddInterceptors(sp.GetRequiredService<TransparencyLog.LedgerSequencer>()));
                services.AddSingleton<PostgresSequences>();
                services.AddSingleton<GroupCommit>();
                break;
            default:
                connectionString ??= DefaultSqlite(options.DataDir);
                services.AddDbContextPool<AigaqDb, SqliteAigaqDb>((sp, o) => o
                    .UseSqlite(connectionString)
                    .AddInterceptors(SqlitePragmas.Instance, sp.GetRequiredService<TransparencyLog.LedgerSequencer>()));
                services.AddSingleton<SqliteWriteGate>();
                services.AddSingleton<SqliteSequences>();
                services.AddSingleton<GroupCommit>();
                break;
        }

        services.AddSingleton<TransparencyLog.LedgerSequencer>();
        services.AddScoped<NumberAllocator>();
        services.AddScoped<UnitOfWork>();
        return services;
    }

    /// <summary>
    /// Npgsql settings that the application relies on unless the connection string says
    /// otherwise: a pooled connection goes back to the pool without a DISCARD ALL round trip (the
    /// application sets no session state), and statements used often are prepared once per
    /// connection.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            b.NoResetOnClose = true;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            b.MaxAutoPrepare = 64;
        }

        return b.ConnectionString;
    }

    public static string DefaultSqlite(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(dataDir), "aigaq.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Applies pending migrations of whichever provider is configured.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        // A migration may backfill a large table (AllegedYearRegion rewrites every allegation): more
        // than the 30 s a request's command gets.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL persists in the file; set it once, after the file exists.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Every SQLite connection runs with full durability and waits on a busy writer.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            // The wait for a busy writer is the connection string's Default Timeout (30 s unless set): past it the
            // request is answered 503 with Retry-After (ConnectionBudget).
            var busyMs = (connection as SqliteConnection)?.DefaultTimeout * 1000 ?? 30000;
            command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={busyMs}; PRAGMA foreign_keys=ON;");
            command.ExecuteNonQuery();
        }
    }
}
