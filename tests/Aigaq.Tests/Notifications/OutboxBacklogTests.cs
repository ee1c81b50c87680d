using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;

namespace Aigaq.Tests.Notifications;

/// <summary>
/// The outbox under pressure (issue 19, item 6), against a real SMTP server stopped and started again:
/// <c>/health/backlog</c> turns unready when notifications due for an attempt wait longer than
/// <c>Aigaq:Health:OutboxMaxLagSeconds</c>, and ready again when the outbox catches up. A relay that refuses (stopped) is
/// not the outbox falling behind: each attempt is recorded and waits for its retry, and the missed-notification alert
/// covers it. A relay that takes connections and does not answer holds the dispatcher, and what is queued meanwhile waits.
/// </summary>
public sealed class OutboxBacklogTests
{
    /// <summary>Not the default (300 s), so that the probe is seen to read the option.</summary>
    private const int MaxLagSeconds = 120;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_backlog_probe_turns_unready_while_a_stalled_relay_holds_the_outbox_and_ready_when_it_catches_up(bool postgres)
    {
        var port = SmtpSink.FreePort();
        var relay = await SmtpSink.StartAsync(port);
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var host = store.NewHost(new Dictionary<string, string?>
        {
            ["Aigaq:Smtp:Host"] = "127.0.0.1",
            ["Aigaq:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aigaq:Smtp:From"] = "aigaq@test.aigaq.kz",
            ["Aigaq:Smtp:Tls"] = "None",
            // Only the outbox is measured here: the log integrator is not run, and may wait.
            ["Aigaq:Health:IntegratorMaxLagSeconds"] = "86400",
            ["Aigaq:Health:OutboxMaxLagSeconds"] = MaxLagSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);
        async Task<HttpStatusCode> BacklogAsync() => (await host.Anonymous().GetAsync("/health/backlog")).StatusCode;
        async Task RegisterAsync(string mail) =>
            await (await officer.Client.PostJsonAsync("/api/v1/detentions", Requests.Detention(facility.Id, host.Now.AddMinutes(-20),
                contacts: new JsonArray(Requests.Contact("relative", "Айгуль Ахметова", email: mail))), Guid.NewGuid().ToString("N")))
                .ExpectAsync(HttpStatusCode.Created);

        // The relay stopped: the attempt is refused and recorded, and the message waits for its retry, not behind.
        await relay.DisposeAsync();
        await RegisterAsync("first.backlog@example.kz");
        Assert.True(await host.Dispatcher.RunOnceAsync(CancellationToken.None) >= 1);
        Assert.Equal(HttpStatusCode.OK, await BacklogAsync());

        // Started again, but stalled: it takes the connection and does not answer, so the dispatcher is held on the retry.
        await using var stalled = await SmtpSink.StartAsync(port);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stalled.Hold = hold;
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var held = host.Dispatcher.RunOnceAsync(CancellationToken.None);
        var arrived = stalled.Arrived.WaitAsync();
        Assert.Same(arrived, await Task.WhenAny(arrived, held));

        // Meanwhile another registration's message is due, and both wait: within the limit the outbox is not behind, past
        // it (the held retry due for about three minutes, the new message for two) it is, though below the default 300 s.
        await RegisterAsync("second.backlog@example.kz");
        Assert.Equal(HttpStatusCode.OK, await BacklogAsync());
        host.Clock.Advance(TimeSpan.FromSeconds(MaxLagSeconds + 1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await BacklogAsync());
        // Readiness stays the database's: the outbox is every node's, so its probe is its own.
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().GetAsync("/health/ready")).StatusCode);

        // The relay answers again: the held retry is delivered, then the waiting message, and the outbox has caught up.
        stalled.Hold = null;
        hold.SetResult();
        Assert.True(await held >= 1);
        Assert.True(await host.Dispatcher.RunOnceAsync(CancellationToken.None) >= 1);
        Assert.Single(stalled.To("first.backlog@example.kz"));
        Assert.Single(stalled.To("second.backlog@example.kz"));
        Assert.Equal(HttpStatusCode.OK, await BacklogAsync());
    }
}
