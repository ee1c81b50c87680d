using System.Diagnostics;
using Aigaq.TransparencyLog;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Backups the log can check (issue 19, item 5): a backup taken while the server runs (<c>aigaq backup</c> on SQLite,
/// pg_dump on PostgreSQL as the README says), more registrations acknowledged, the backup restored. The restored
/// database agrees with itself, so the audit alone passes; given a checkpoint kept outside the database, it names
/// how many acknowledged entries the restore lost and from which index, and accepts the checkpoints the backup covers.
/// </summary>
public sealed class BackupRestoreTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_restore_the_audit_names_the_acknowledged_entries_the_backup_lost(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        var backup = Path.Combine(store.DataDir, postgres ? "backup.dump" : "backup.db");
        string first, covered, witnessed;
        long backedUp, acknowledged;
        await using (var node = new LogNode(store))
        {
            using var officer = await node.OfficerAsync();
            await node.RegisterDetentionAsync(officer, 1);
            await node.IntegrateAllAsync();
            first = await LatestNoteAsync(node);
            await node.RegisterDetentionAsync(officer, 2);
            await node.IntegrateAllAsync();
            covered = await LatestNoteAsync(node);
            backedUp = await node.CountAsync<LedgerEntry>();
            if (postgres)
            {
                await PgAsync("pg_dump", store.ConnectionString!, "--format=custom", $"--file={backup}");
            }
            else
            {
                // The server (this host) keeps its connections open meanwhile: SQLite's online backup.
                var done = await AigaqProcess.RunOkAsync(["backup", backup, .. store.Arguments()]);
                Assert.Contains($"({backedUp} log entries)", done, StringComparison.Ordinal);
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
                }
            }

            // Acknowledged after the backup, integrated and signed: a witness or a verifier keeps this checkpoint.
            await node.RegisterDetentionAsync(officer, 3);
            await node.RegisterDetentionAsync(officer, 4);
            acknowledged = await node.IntegrateAllAsync();
            witnessed = await LatestNoteAsync(node);
        }

        // Restore: the database replaced by the backup (the data folder, with the log's key, stays).
        string? restoredDatabase = null;
        var settings = new Dictionary<string, string?>();
        if (postgres)
        {
            restoredDatabase = "aigaq_restore_" + Guid.NewGuid().ToString("N")[..12];
            await AdminAsync($"CREATE DATABASE \"{restoredDatabase}\"");
            var restored = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Database = restoredDatabase }.ConnectionString;
            await PgAsync("pg_restore", restored, "--no-owner", backup);
            settings["ConnectionStrings:Aigaq"] = restored;
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = Path.Combine(store.DataDir, "aigaq.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }

            File.Copy(backup, file);
        }

        try
        {
            await using var after = new LogNode(store, "node-b", settings);
            Assert.Equal(backedUp, (long)await after.CountAsync<LedgerEntry>());
            Assert.Empty(await after.AuditAsync());
            var failures = await after.WithDbAsync(db => WitnessedCheckpoints.CheckAsync(
                db, [("first", first), ("covered", covered), ("witnessed", witnessed)], after.Keys.Verifier, CancellationToken.None));
            var lost = Assert.Single(failures);
            Assert.StartsWith($"checkpoint {acknowledged} (signed by the log; witnessed) covers {acknowledged - backedUp} entries", lost, StringComparison.Ordinal);
            Assert.Contains($"log indices {backedUp}..{acknowledged - 1} were acknowledged and are lost", lost, StringComparison.Ordinal);

            // The same through the command an operator runs after a restore.
            var note = Path.Combine(store.DataDir, "witnessed.checkpoint");
            await File.WriteAllTextAsync(note, witnessed);
            string[] arguments = postgres
                ? [$"--Aigaq:DataDir={store.DataDir}", "--Aigaq:Database:Provider=Postgres", $"--ConnectionStrings:Aigaq={settings["ConnectionStrings:Aigaq"]}"]
                : store.Arguments();
            var audit = await AigaqProcess.RunAsync(["log", "audit", "--witnessed", note, .. arguments]);
            Assert.True(audit.ExitCode == 1, audit.Output);
            Assert.Contains($"FAIL checkpoint {acknowledged} (signed by the log; {note}) covers {acknowledged - backedUp} entries", audit.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            if (restoredDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await AdminAsync($"DROP DATABASE IF EXISTS \"{restoredDatabase}\" WITH (FORCE)");
            }
        }
    }

    private static Task<string> LatestNoteAsync(LogNode node) =>
        node.WithDbAsync(async db => (await LedgerStore.LatestAsync(db, CancellationToken.None))!.Note);

    /// <summary>pg_dump or pg_restore against the database of <paramref name="connectionString"/>, as an operator runs them.</summary>
    private static async Task PgAsync(string tool, string connectionString, params string[] arguments)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { $"--host={c.Host}", "--port=" + c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"--username={c.Username}", $"--dbname={c.Database}" }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool}: {await error}");
    }

    private static async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresDatabase.Server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
