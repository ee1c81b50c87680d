using Aigaq.Notifications;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Two nodes deliver one message when a send outlives its lease (ADR 0009, addendum of issue 19): the success recorded
/// first delivered the message and is committed inside its <c>notification.state</c> entry; the one recorded second finds
/// the message sent and has a <c>notification.attempt</c> entry of its own. The audit names an edit of either.
/// </summary>
public sealed class NotificationLeaseRaceAuditTests
{
    /// <summary>A moment before any the tests record: set as a constant, since SQLite translates no date arithmetic in an update.</summary>
    private static readonly DateTimeOffset Earlier = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Tampers = ["none", "secondAt", "secondFailed", "deleteSecond", "deleteFirst"];

    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(Tampers);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Two_deliveries_of_one_message_audit_clean_and_an_edit_of_either_is_named(string tamper, bool postgres)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var slow = new LogNode(store, "node-a", Mail(sink.Port));
        await using var fast = new LogNode(store, "node-b", Mail(sink.Port));
        var id = await QueueAsync(slow, "relative@example.kz");

        // The first node's send is held at the relay past its lease; the second node then takes the row and delivers it.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sink.Hold = hold;
        var first = slow.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
        // The send reaches the relay, unless the dispatch ends first (then the test fails here rather than hang).
        var arrived = sink.Arrived.WaitAsync();
        Assert.Same(arrived, await Task.WhenAny(arrived, first));
        sink.Hold = null;
        // The lease is bookkeeping, not a logged state: running it out here is what five minutes would do.
        await fast.WithDbAsync(db => db.Set<Notification>().Where(n => n.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.LeaseUntil, (DateTimeOffset?)Earlier)));
        Assert.Equal(1, await fast.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None));
        hold.SetResult();
        Assert.Equal(1, await first);

        Assert.Equal(2, sink.To("relative@example.kz").Count);
        var attempts = await fast.WithDbAsync(db => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id).OrderBy(a => a.Number).ToListAsync());
        Assert.Equal(new[] { (1, "node-b", true), (2, "node-a", true) }, attempts.Select(a => (a.Number, a.Node, a.Succeeded)));
        // Queued, then delivered by the second node in one entry; the first node's late success has its own entry.
        Assert.Equal(2, await CountAsync(fast, NotificationLedger.State.Kind, id));
        Assert.Equal(1, await CountAsync(fast, OutboxDispatcher.AttemptKind, id));
        await fast.IntegrateAllAsync();
        Assert.Empty(await fast.AuditAsync());

        await fast.WithDbAsync(db => tamper switch
        {
            "none" => Task.FromResult(0),
            "secondAt" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id && a.Number == 2).ExecuteUpdateAsync(u => u.SetProperty(a => a.At, Earlier)),
            "secondFailed" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id && a.Number == 2).ExecuteUpdateAsync(u => u.SetProperty(a => a.Succeeded, false)),
            "deleteSecond" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id && a.Number == 2).ExecuteDeleteAsync(),
            "deleteFirst" => db.Set<NotificationAttempt>().Where(a => a.NotificationId == id && a.Number == 1).ExecuteDeleteAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        });

        var failures = await fast.AuditAsync();
        switch (tamper)
        {
            case "none":
                Assert.Empty(failures);
                break;
            case "secondAt" or "secondFailed":
                // The second success is named by its own number, attempt 2, though it has the notification's only attempt
                // entry (the first attempt is in the delivery's entry, which still holds).
                var failure = Assert.Single(failures);
                Assert.True(failure.StartsWith($"notification.attempt {id} #2: commitment mismatch", StringComparison.Ordinal), failure);
                break;
            case "deleteSecond":
                // The log then reads as the old shape: the state entry no longer matches, nor does the one attempt entry.
                Assert.Contains(failures, f => f.StartsWith($"notification.state {id}: commitment mismatch", StringComparison.Ordinal));
                Assert.Contains(failures, f => f.StartsWith($"notification.attempt {id} #1: commitment mismatch", StringComparison.Ordinal));
                break;
            case "deleteFirst":
                // The delivering attempt is gone from the delivery's entry.
                Assert.Contains(failures, f => f.StartsWith($"notification.state {id}: commitment mismatch", StringComparison.Ordinal));
                break;
        }
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
}
