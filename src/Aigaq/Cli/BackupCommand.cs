using System.CommandLine;
using Aigaq.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq backup PATH</c>: a consistent copy of the SQLite database, taken with SQLite's online backup while the
/// server runs. On PostgreSQL it refuses and points to pg_dump and base backups (README, "Backups and failover"):
/// pg_dump must be the server's major version and takes its own credentials, and only base backups with WAL archiving
/// give a copy up to the last commit, which a command of ours could not do better than the server's own tools.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(HostFactory host)
    {
        var path = new Argument<string>("path") { Description = "The file to write the copy to; it must not exist." };
        var backup = new Command(
            "backup",
            "Writes a consistent copy of the SQLite database to PATH while Aigaq runs (SQLite's online backup). "
            + "On PostgreSQL use pg_dump or base backups (README, \"Backups and failover\"). After a restore, run "
            + "'aigaq log audit --witnessed FILE' with a checkpoint kept outside the database to name what the copy lacks.")
        {
            path,
        };
        backup.SetAction(parsed => AigaqCli.OnHostAsync(parsed, host, async app =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
            var target = Path.GetFullPath(parsed.GetRequiredValue(path));
            if (!db.Database.IsSqlite())
            {
                return AigaqCli.Fail("on PostgreSQL, back up with pg_dump -Fc or base backups with WAL archiving (README, \"Backups and failover\")");
            }

            if (File.Exists(target))
            {
                return AigaqCli.Fail($"{target} exists; give a new file");
            }

            var entries = await WriteAsync(db, target, CancellationToken.None);
            Console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"backed up to {target} ({entries} log entries)"));
            return 0;
        }));
        return backup;
    }

    /// <summary>
    /// Copies the SQLite database <paramref name="db"/> uses to <paramref name="target"/> (first to a file beside it,
    /// moved into place once complete, so that a file at <paramref name="target"/> is always a whole copy). Returns the
    /// number of log entries the copy holds.
    /// </summary>
    public static async Task<long> WriteAsync(AigaqDb db, string target, CancellationToken ct)
    {
        var partial = target + ".partial";
        File.Delete(partial);
        if (!OperatingSystem.IsWindows())
        {
            // The copy holds every personal record: readable by this account only, from its first byte.
            await using (File.Open(partial, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
            }
        }

        var source = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(ct);
                // One step over every page; a write meanwhile on this connection's database restarts the copy itself.
                source.BackupDatabase(copy);
            }

            File.Move(partial, target);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        await using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await check.OpenAsync(ct);
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM " + db.Model.FindEntityType(typeof(TransparencyLog.LedgerEntry))!.GetTableName();
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }
}
