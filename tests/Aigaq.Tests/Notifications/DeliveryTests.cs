using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Notifications;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Notifications;

/// <summary>E-mail through a real SMTP server and SMS through a real HTTP gateway, driven by the outbox dispatcher.</summary>
public sealed class DeliveryTests(MailHost fixture) : IClassFixture<MailHost>
{
    private AigaqHost Host => fixture.Host;

    private static string Unique(string who) => $"{who}.{Guid.NewGuid():N}@example.kz";

    [Fact]
    public async Task Each_contact_gets_an_email_in_their_language_naming_the_number_person_and_destination()
    {
        var facility = await Host.FacilityAsync(region: "KZ-47", name: "ИВС ДП Мангистауской области");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-47");
        var (kk, ru, en) = (Unique("kk"), Unique("ru"), Unique("en"));
        var created = await Host.RegisterAsync(officer, facility.Id, AigaqHost.Start.AddMinutes(-5), b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгуль Ахметова", email: kk, language: "kk"),
            Requests.Contact("trustedPerson", "Ольга Ким", email: ru, language: "ru"),
            Requests.Contact("defender", "John Smith", email: en, language: "en")));
        var number = created.Str("number");

        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);

        foreach (var (address, marker) in new[] { (kk, "Жеткізілетін орны"), (ru, "Доставляется в"), (en, "Being taken to") })
        {
            var message = Assert.Single(fixture.Smtp.To(address));
            var body = message.TextBody;
            Assert.Contains(number, body, StringComparison.Ordinal);
            Assert.Contains(number, message.Subject, StringComparison.Ordinal);
            // A subject is read by every server on the way and shown in lock screens: no name in it.
            Assert.DoesNotContain("Ахметов", message.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("Ерлан", message.Subject, StringComparison.Ordinal);
            Assert.Contains("Ахметов Ерлан Бауыржанұлы", body, StringComparison.Ordinal);
            Assert.Contains("ИВС ДП Мангистауской области", body, StringComparison.Ordinal);
            // The moment of detention in Almaty time: 09:55 UTC is 14:55 there.
            Assert.Contains("02.03.2026 14:55", body, StringComparison.Ordinal);
            Assert.Contains(marker, body, StringComparison.Ordinal);
        }

        var record = await officer.GetDetentionAsync(created.Id());
        Assert.All(record["notifications"].Objects().Where(n => n.Str("channel") == "email"), n =>
        {
            Assert.Equal("sent", n.Str("status"));
            Assert.True(Assert.Single(n["attemptLog"].Objects())["succeeded"]!.GetValue<bool>());
        });
    }

    [Fact]
    public async Task An_sms_is_posted_to_the_gateway_as_to_and_text()
    {
        var facility = await Host.FacilityAsync(region: "KZ-47", name: "Спецприёмник Актау");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-47");
        var phone = "+7701" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await Host.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгуль", phone: phone, language: "ru")));

        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);

        var (_, text) = Assert.Single(fixture.Sms.Received, m => m.To == phone);
        Assert.Contains(created.Str("number"), text, StringComparison.Ordinal);
        Assert.Contains("Спецприёмник Актау", text, StringComparison.Ordinal);
        var sms = Assert.Single((await officer.GetDetentionAsync(created.Id()))["notifications"].Objects());
        Assert.Equal("sent", sms.Str("status"));
    }

    [Fact]
    public async Task Messages_waiting_at_the_slow_pace_go_at_once_when_their_channel_is_seen_working_again()
    {
        var facility = await Host.FacilityAsync(region: "KZ-47");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-47");
        static string Phone() => "+7702" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (waitingPhone, newPhone) = (Phone(), Phone());
        var waiting = await Host.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгүл", phone: waitingPhone)));

        // The gateway is down through the fast attempts: the message now waits half an hour for its next one.
        fixture.Sms.Answer = HttpStatusCode.ServiceUnavailable;
        try
        {
            for (var i = 0; i < 8; i++)
            {
                await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
                Host.Clock.Advance(TimeSpan.FromMinutes(5));
            }
        }
        finally
        {
            fixture.Sms.Answer = HttpStatusCode.OK;
        }

        var sms = Assert.Single((await officer.GetDetentionAsync(waiting.Id()))["notifications"].Objects());
        Assert.Equal(("pending", 8), (sms.Str("status"), sms["attempts"]!.GetValue<int>()));

        // A new message goes through: the channel works again, so the waiting one goes too, with no time passing.
        await Host.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгүл", phone: newPhone)));
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Single(fixture.Sms.Received, m => m.To == newPhone);
        Assert.DoesNotContain(fixture.Sms.Received, m => m.To == waitingPhone);
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Single(fixture.Sms.Received, m => m.To == waitingPhone);
        sms = Assert.Single((await officer.GetDetentionAsync(waiting.Id()))["notifications"].Objects());
        Assert.Equal(("sent", 9), (sms.Str("status"), sms["attempts"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_gateway_error_is_recorded_as_a_failed_attempt_and_the_message_stays_pending()
    {
        var facility = await Host.FacilityAsync(region: "KZ-47");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-47");
        var created = await Host.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгуль", phone: "+77017654321")));
        fixture.Sms.Answer = HttpStatusCode.ServiceUnavailable;
        try
        {
            await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            fixture.Sms.Answer = HttpStatusCode.OK;
        }

        var sms = Assert.Single((await officer.GetDetentionAsync(created.Id()))["notifications"].Objects());
        Assert.Equal("pending", sms.Str("status"));
        Assert.Equal(1, sms["attempts"]!.GetValue<int>());
        var attempt = Assert.Single(sms["attemptLog"].Objects());
        Assert.False(attempt["succeeded"]!.GetValue<bool>());
        Assert.Equal(DeliveryFailure.GatewayRefused, attempt.Str("error"));
    }
}

/// <summary>A send that outlives its lease: another node sends the same message meanwhile, and each attempt keeps its own number.</summary>
public sealed class LeaseOutlivedTests(TwoSmsPostgresHosts nodes) : IClassFixture<TwoSmsPostgresHosts>
{
    [Fact]
    public async Task Two_nodes_sending_one_message_record_attempts_one_and_two()
    {
        var facility = await nodes.First.FacilityAsync(region: "KZ-47");
        var officer = await nodes.First.UserAsync(Roles.Officer, region: "KZ-47");
        var phone = "+7701" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await nodes.First.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгүл", phone: phone, language: "kk")));

        // The first node's send hangs at the gateway past its lease; the second node, later by its clock, takes the row.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        nodes.Sms.Hold = hold;
        var first = nodes.First.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.True(await nodes.Sms.Arrived.WaitAsync(TimeSpan.FromSeconds(10)), "the first node's send reached the gateway");
        nodes.Second.Clock.Advance(TimeSpan.FromMinutes(6));
        var second = nodes.Second.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.True(await nodes.Sms.Arrived.WaitAsync(TimeSpan.FromSeconds(10)), "the second node's send reached the gateway");
        nodes.Sms.Hold = null;
        hold.SetResult();
        await Task.WhenAll(first, second);

        var id = created.Id();
        var numbers = await nodes.First.WithDbAsync(db => db.Set<Aigaq.Notifications.NotificationAttempt>()
            .Where(a => db.Set<Aigaq.Notifications.Notification>().Any(n => n.Id == a.NotificationId && n.DetentionId == id))
            .OrderBy(a => a.Number).Select(a => a.Number).ToListAsync());
        Assert.Equal([1, 2], numbers);
        var sms = Assert.Single((await officer.GetDetentionAsync(id))["notifications"].Objects());
        Assert.Equal(("sent", 2), (sms.Str("status"), sms["attempts"]!.GetValue<int>()));
        var notification = Guid.Parse(sms.Str("id"));

        // Both attempts are in the log, each committed once (ADR 0009, addendum of issue 19): the first recorded
        // delivered the message and is committed inside the state entry of its delivery; the second, finding the
        // message sent, has a notification.attempt entry of its own.
        var (message, attempts, entries) = await nodes.First.WithDbAsync(async db => (
            await db.Set<Notification>().SingleAsync(n => n.Id == notification),
            await db.Set<NotificationAttempt>().Where(a => a.NotificationId == notification).OrderBy(a => a.Number).ToListAsync(),
            await db.Set<LedgerEntry>().Where(e => e.RecordId == notification).OrderBy(e => e.Index).ToListAsync()));
        Assert.All(attempts, a => Assert.True(a.Succeeded));
        var delivered = entries.Last(e => e.Kind == NotificationLedger.State.Kind);
        Assert.Equal(delivered.Commitment, LedgerWriter.Commit(Convert.FromBase64String(delivered.Salt), w =>
            NotificationLedger.Delivered(w, message, new(attempts[0].Number, attempts[0].At, Succeeded: true, NotificationStatus.Sent))));
        var own = Assert.Single(entries, e => e.Kind == OutboxDispatcher.AttemptKind);
        Assert.Equal(own.Commitment, LedgerWriter.Commit(Convert.FromBase64String(own.Salt), OutboxDispatcher.AttemptContent(
            notification, message.DetentionId, message.Role, message.Channel, message.Address, attempts[1].Number, attempts[1].At,
            succeeded: true, NotificationStatus.Sent)));
    }
}

/// <summary>An SMTP server that refuses connections: attempts are recorded and retried with back-off.</summary>
public sealed class FailingSmtpTests(DeadMailHost fixture) : IClassFixture<DeadMailHost>
{
    private AigaqHost Host => fixture.Host;

    private async Task<(TestUser Officer, Guid Id)> RegisterAsync()
    {
        var facility = await Host.FacilityAsync(region: "KZ-47");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-47");
        var created = await Host.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгуль", email: $"{Guid.NewGuid():N}@example.kz")));
        return (officer, created.Id());
    }

    private static async Task<JsonObject> MailAsync(TestUser officer, Guid id) =>
        Assert.Single((await officer.GetDetentionAsync(id))["notifications"].Objects());

    [Fact]
    public async Task A_refused_connection_is_a_recorded_failed_attempt_retried_after_a_doubling_back_off()
    {
        var (officer, id) = await RegisterAsync();

        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        var mail = await MailAsync(officer, id);
        Assert.Equal("pending", mail.Str("status"));
        Assert.Equal(1, mail["attempts"]!.GetValue<int>());
        var attempt = Assert.Single(mail["attemptLog"].Objects());
        Assert.False(attempt["succeeded"]!.GetValue<bool>());
        Assert.Equal(DeliveryFailure.Unreachable, attempt.Str("error"));

        // The page says why in the reader's words, never the exception's text.
        using var russian = await Host.SignedInAsync(officer, "ru");
        var page = await russian.GetStringAsync($"/detentions/{id}?culture=ru");
        Assert.Contains("сервер недоступен", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);

        // Not again at once: the first retry waits 5 s.
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, (await MailAsync(officer, id))["attempts"]!.GetValue<int>());
        Host.Clock.Advance(TimeSpan.FromSeconds(5));
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, (await MailAsync(officer, id))["attempts"]!.GetValue<int>());

        // The second retry waits 10 s.
        Host.Clock.Advance(TimeSpan.FromSeconds(9));
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, (await MailAsync(officer, id))["attempts"]!.GetValue<int>());
        Host.Clock.Advance(TimeSpan.FromSeconds(1));
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, (await MailAsync(officer, id))["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task After_the_fast_attempts_it_goes_on_every_half_hour_for_three_days_and_then_an_operator_can_resend_it()
    {
        var (officer, id) = await RegisterAsync();
        var queued = Host.Now;

        // The pack's eight fast attempts take about ten minutes; then the message is still pending.
        for (var i = 0; i < 12; i++)
        {
            await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
            Host.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var mail = await MailAsync(officer, id);
        Assert.Equal(("pending", 8), (mail.Str("status"), mail["attempts"]!.GetValue<int>()));

        // Then one attempt every half hour, until three days after it was queued.
        while (Host.Now < queued.AddHours(72))
        {
            Host.Clock.Advance(TimeSpan.FromMinutes(30));
            await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        }

        mail = await MailAsync(officer, id);
        Assert.Equal("failed", mail.Str("status"));
        var log = mail["attemptLog"].Objects().Select(a => DateTimeOffset.Parse(a.Str("at"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(mail["attempts"]!.GetValue<int>(), log.Count);
        Assert.InRange(log.Count, 8 + 140, 8 + 144);
        Assert.Equal(TimeSpan.FromMinutes(30), log[20] - log[19]);

        // A failed message is tried no more, until the region's prosecutor resends it, saying why.
        Host.Clock.Advance(TimeSpan.FromHours(1));
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        var failedAttempts = (await MailAsync(officer, id))["attempts"]!.GetValue<int>();
        Assert.Equal(log.Count, failedAttempts);

        var notification = Guid.Parse(mail.Str("id"));
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-47");
        var elsewhere = await Host.UserAsync(Roles.Prosecutor, region: "KZ-75");
        var path = $"/api/v1/notifications/{notification}/resend";
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostAsJsonAsync(path, new { reason = "the relay works again" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.Client.PostAsJsonAsync(path, new { reason = "the relay works again" })).StatusCode);
        var noReason = await prosecutor.Client.PostAsJsonAsync(path, new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var resent = await prosecutor.Client.PostAsJsonAsync(path, new { reason = "the relay works again" });
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal("pending", (await MailAsync(officer, id)).Str("status"));
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        mail = await MailAsync(officer, id);
        Assert.Equal(("pending", failedAttempts + 1), (mail.Str("status"), mail["attempts"]!.GetValue<int>()));

        // Who resent it, when and why is in the log's entry of its state.
        var state = await Host.WithDbAsync(db => db.Set<Aigaq.TransparencyLog.LedgerEntry>()
            .CountAsync(e => e.RecordId == notification && e.Kind == Aigaq.Notifications.NotificationLedger.State.Kind));
        Assert.True(state >= 3, "queued, failed and resent are states of the log");
    }
}

/// <summary>Two nodes on one PostgreSQL database dispatching at once: every message leaves exactly once.</summary>
public sealed class ConcurrentDispatchTests(TwoMailingPostgresHosts nodes) : IClassFixture<TwoMailingPostgresHosts>
{
    [Fact]
    public async Task Two_nodes_dispatching_concurrently_send_each_notification_exactly_once()
    {
        var facility = await nodes.First.FacilityAsync(region: "KZ-47");
        var officer = await nodes.First.UserAsync(Roles.Officer, region: "KZ-47");
        var addresses = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var address = $"relative{i}.{Guid.NewGuid():N}@example.kz";
            addresses.Add(address);
            await nodes.First.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
                Requests.Contact("relative", "Родственник", email: address)));
        }

        int sent;
        do
        {
            var rounds = await Task.WhenAll(
                nodes.First.Dispatcher.RunOnceAsync(CancellationToken.None),
                nodes.Second.Dispatcher.RunOnceAsync(CancellationToken.None));
            sent = rounds.Sum();
        }
        while (sent > 0);

        Assert.All(addresses, a => Assert.Single(nodes.Smtp.To(a)));
        Assert.Equal(20, nodes.Smtp.Messages.Count);
    }
}

/// <summary>Two nodes retrying a failing SMTP server: the back-off holds across nodes too.</summary>
public sealed class ConcurrentRetryTests(TwoDeadMailPostgresHosts nodes) : IClassFixture<TwoDeadMailPostgresHosts>
{
    [Fact]
    public async Task A_message_that_just_failed_on_one_node_is_not_retried_at_once_by_the_other()
    {
        var facility = await nodes.First.FacilityAsync(region: "KZ-47");
        var officer = await nodes.First.UserAsync(Roles.Officer, region: "KZ-47");
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await nodes.First.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
                Requests.Contact("relative", "Родственник", email: $"{Guid.NewGuid():N}@example.kz")))).Id());
        }

        // Both nodes see all 30 due; each attempt fails and schedules a retry 5 s later.
        await Task.WhenAll(
            nodes.First.Dispatcher.RunOnceAsync(CancellationToken.None),
            nodes.Second.Dispatcher.RunOnceAsync(CancellationToken.None));

        foreach (var id in ids)
        {
            var mail = Assert.Single((await officer.GetDetentionAsync(id))["notifications"].Objects());
            Assert.Equal(1, mail["attempts"]!.GetValue<int>());
        }
    }
}
