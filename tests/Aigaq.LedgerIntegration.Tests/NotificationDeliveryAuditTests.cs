using Aigaq.Data;
using Aigaq.Notifications;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// A delivered message is one log entry (issue 19, item 2): the state entry of its delivery commits to the attempt that
/// delivered it, which has no entry of its own. The audit still names any edit of that attempt or of the message, and a
/// log written before (one entry per attempt, and a state entry besides) still audits clean.
/// </summary>
public sealed class NotificationDeliveryAuditTests
{
    /// <summary>A moment before any the tests record: set as a constant, since SQLite translates no date arithmetic in an update.</summary>
    private static readonly DateTimeOffset Earlier = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Tampers = ["attemptAt", "attemptFailed", "attemptNumber", "deleteAttempt", "addedAttempt", "sentAt", "status"];

    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(Tampers);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_delivery_is_one_entry_and_the_audit_names_an_edit_of_its_attempt(string tamper, bool postgres)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store, extra: Mail(sink.Port));
        var id = await QueueAsync(app, "relative@example.kz");

        Assert.Equal(1, await app.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None));
        Assert.Single(sink.To("relative@example.kz"));
        // Queued, then delivered: two state entries; the delivering attempt has none of its own.
        Assert.Equal(2, await CountAsync(app, NotificationLedger.State.Kind, id));
        Assert.Equal(0, await CountAsync(app, OutboxDispatcher.AttemptKind, id));
        var attempt = await app.WithDbAsync(db => db.Set<NotificationAttempt>().SingleAsync(a => a.NotificationId == id));
        Assert.True(attempt.Succeeded);
        Assert.Equal(1, attempt.Number);
        Assert.Equal(NotificationStatus.Sent, attempt.StatusAfter);
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        await app.WithDbAsync(db => tamper switch
        {
            "attemptAt" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.At, Earlier)),
            "attemptFailed" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Succeeded, false)),
            "attemptNumber" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Number, 2)),
            "deleteAttempt" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id).ExecuteDeleteAsync(),
            "addedAttempt" => AddAttemptAsync(db, id),
            "sentAt" => db.Set<Notification>().Where(n => n.Id == id).ExecuteUpdateAsync(u => u.SetProperty(n => n.SentAt, (DateTimeOffset?)Earlier)),
            "status" => db.Set<Notification>().Where(n => n.Id == id).ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, NotificationStatus.Failed)),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        });

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.StartsWith($"notification.state {id}: commitment mismatch", StringComparison.Ordinal));
        if (tamper is "attemptFailed" or "addedAttempt")
        {
            // An attempt the delivery does not account for has no entry of its own either.
            Assert.Contains(failures, f => f.StartsWith($"notification.attempt {id} #1: no log entry", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// A failed attempt keeps its entry, and the delivery after it is one entry more: the audit pairs the failure with its
    /// entry and the delivering attempt with the delivery, and names an edit of the failure by its number.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failure_keeps_its_entry_and_the_delivery_after_it_holds(bool postgres)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var store = await TestDatabase.CreateAsync(postgres);
        // Two nodes on one database: the first finds its relay down, the second's answers.
        await using var down = new LogNode(store, "node-a", Mail(SmtpSink.FreePort()));
        await using var up = new LogNode(store, "node-b", Mail(sink.Port));
        var id = await QueueAsync(down, "relative@example.kz");
        Assert.Equal(1, await down.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await CountAsync(down, OutboxDispatcher.AttemptKind, id));

        // Due again now rather than after its back-off (the schedule is bookkeeping, not a logged state).
        await up.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal(1, await up.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None));
        Assert.Single(sink.To("relative@example.kz"));
        Assert.Equal(1, await CountAsync(up, OutboxDispatcher.AttemptKind, id));
        Assert.Equal(2, await CountAsync(up, NotificationLedger.State.Kind, id));
        Assert.Equal(new[] { 1, 2 }, await up.WithDbAsync(db => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id).OrderBy(a => a.Number).Select(a => a.Number).ToListAsync()));
        await up.IntegrateAllAsync();
        Assert.Empty(await up.AuditAsync());

        await up.WithDbAsync(db => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id && a.Number == 1)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.At, Earlier)));
        var failures = await up.AuditAsync();
        Assert.Equal($"notification.attempt {id} #1: commitment mismatch", Assert.Single(failures)[..$"notification.attempt {id} #1: commitment mismatch".Length]);
    }

    /// <summary>
    /// A log written before this change, one entry per attempt and a state entry for the status the attempt left, still
    /// audits clean; an edit of its attempt is named by its number as before.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_log_with_an_entry_per_attempt_still_audits_clean(bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        var id = await QueueAsync(app, "relative@example.kz");
        // What the dispatcher recorded before issue 19: the attempt's own entry, and the sequencer's state entry.
        await app.WithDbAsync(async db =>
        {
            var n = await db.Set<Notification>().SingleAsync(x => x.Id == id);
            var at = DateTimeOffset.UtcNow;
            n.Attempts = 1;
            n.Status = NotificationStatus.Sent;
            n.SentAt = at;
            db.Add(new NotificationAttempt { NotificationId = id, Number = 1, At = at, Succeeded = true, StatusAfter = NotificationStatus.Sent, Node = "node-a" });
            LedgerWriter.Append(db, OutboxDispatcher.AttemptKind, id, at, OutboxDispatcher.AttemptContent(
                id, n.DetentionId, n.Role, n.Channel, n.Address, 1, at, succeeded: true, NotificationStatus.Sent));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(2, await CountAsync(app, NotificationLedger.State.Kind, id));
        Assert.Equal(1, await CountAsync(app, OutboxDispatcher.AttemptKind, id));
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        await app.WithDbAsync(db => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.At, Earlier)));
        var failures = await app.AuditAsync();
        Assert.Equal($"notification.attempt {id} #1: commitment mismatch", Assert.Single(failures)[..$"notification.attempt {id} #1: commitment mismatch".Length]);
    }

    private static Dictionary<string, string?> Mail(int port) => new()
    {
        ["Aigaq:Smtp:Host"] = "127.0.0.1",
        ["Aigaq:Smtp:Tls"] = "None",
        ["Aigaq:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An outbox row as a registration queues it (its state entry is the sequencer's).</summary>
    private static async Task<Guid> QueueAsync(LogNode app, string address)
    {
        var id = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            db.Add(new Notification
            {
                Id = id,
                Region = "KZ-75",
                Role = "relative",
                Channel = NotificationChannel.Email,
                Address = address,
                Language = "kk",
                Subject = "Хабарлама",
                Body = "Сіздің туысыңыз ұсталды.",
                CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            });
            return db.SaveChangesAsync();
        });
        return id;
    }

    private static Task<int> CountAsync(LogNode app, string kind, Guid id) =>
        app.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == kind && e.RecordId == id));

    /// <summary>An attempt inserted as someone with the database's keys could: no log entry goes with it.</summary>
    private static Task<int> AddAttemptAsync(AigaqDb db, Guid id)
    {
        db.Add(new NotificationAttempt { NotificationId = id, Number = 2, At = DateTimeOffset.UtcNow, Succeeded = true, StatusAfter = NotificationStatus.Sent, Node = "node-b" });
        return db.SaveChangesAsync();
    }
}
