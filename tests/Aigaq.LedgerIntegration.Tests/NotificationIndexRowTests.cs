using Aigaq.Data;
using Aigaq.Notifications;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// The dispatcher takes the log's index row last (issue 19): its statuses are written first, and the row, which every
/// registration batch takes too, is locked by the one statement that also inserts the batch's entries, then committed.
/// PostgreSQL only: SQLite has no row locks (a writer holds the whole database).
/// </summary>
public sealed class NotificationIndexRowTests
{
    [Fact]
    public async Task The_dispatcher_waits_for_the_index_row_only_in_the_statement_that_inserts_its_entries()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var store = await TestDatabase.CreateAsync(postgres: true);
        await using var app = new LogNode(store, extra: new Dictionary<string, string?>
        {
            ["Aigaq:Smtp:Host"] = "127.0.0.1",
            ["Aigaq:Smtp:Tls"] = "None",
            ["Aigaq:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var id = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            db.Add(new Notification
            {
                Id = id,
                Region = "KZ-75",
                Role = "relative",
                Channel = NotificationChannel.Email,
                Address = "relative@example.kz",
                Language = "kk",
                Subject = "Хабарлама",
                Body = "Сіздің туысыңыз ұсталды.",
                CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            });
            return db.SaveChangesAsync();
        });

        // Another writer (a registration batch) holds the row while the dispatcher records its delivery.
        await using var scope = app.Services.CreateAsyncScope();
        var holder = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var held = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("SELECT 1 FROM ledger_state WHERE \"Id\" = 1 FOR UPDATE");
        var dispatch = app.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        // The dispatcher's statement that waits for the row: found by the server's own view of who waits on a lock.
        string? waiting = null;
        while (waiting is null && !dispatch.IsCompleted)
        {
            waiting = (await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT query AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").ToListAsync()))
                .SingleOrDefault();
        }

        Assert.NotNull(waiting);
        // One statement takes the row and inserts the entries: nothing else is written while the row is held.
        Assert.Contains("UPDATE ledger_state", waiting, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO ledger_entries", waiting, StringComparison.Ordinal);

        await held.RollbackAsync();
        await held.DisposeAsync();
        Assert.Equal(1, await dispatch);
        Assert.Equal(NotificationStatus.Sent, await app.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == id).Select(n => n.Status).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.RecordId == id)));
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());
    }
}
