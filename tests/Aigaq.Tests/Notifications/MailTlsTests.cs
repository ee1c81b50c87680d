using System.Text.Json.Nodes;
using Aigaq.Access;

namespace Aigaq.Tests.Notifications;

/// <summary>
/// Mail is protected on its way (issue 13, item 10): STARTTLS is required, not taken only when a relay offers it, so a
/// relay that does not (or someone in between who strips it) gets no mail; only a relay on this machine may go without.
/// </summary>
public sealed class MailTlsTests(PlainRelayHost fixture) : IClassFixture<PlainRelayHost>
{
    [Fact]
    public async Task A_relay_without_starttls_gets_no_mail_and_the_attempt_is_recorded_as_failed()
    {
        var host = fixture.Host;
        var facility = await host.FacilityAsync();
        var officer = await host.UserAsync(Roles.Officer);
        var address = $"relative.{Guid.NewGuid():N}@example.kz";
        var created = await host.RegisterAsync(officer, facility.Id, change: b => b["contacts"] = new JsonArray(
            Requests.Contact("relative", "Айгуль Ахметова", email: address)));

        await host.Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Empty(fixture.Smtp.To(address));
        var email = (await officer.GetDetentionAsync(created.Id()))["notifications"].Objects().Single(n => n.Str("channel") == "email");
        Assert.NotEqual("sent", email.Str("status"));
        var attempt = Assert.Single(email["attemptLog"].Objects());
        Assert.False(attempt["succeeded"]!.GetValue<bool>());
        Assert.Equal(Aigaq.Notifications.DeliveryFailure.Tls, attempt.Str("error"));
    }

    [Theory]
    [InlineData("mail.example.kz")]
    [InlineData("10.0.0.5")]
    public async Task Mail_without_tls_to_a_relay_on_another_machine_is_refused_at_start(string relay)
    {
        await using var db = await TestDatabase.CreateAsync(postgres: false);
        await using var host = new AigaqHost(db, new HostOptions
        {
            Settings = new Dictionary<string, string?> { ["Aigaq:Smtp:Host"] = relay, ["Aigaq:Smtp:Tls"] = "None" },
        });

        var refused = Assert.ThrowsAny<Exception>(() => host.Started());

        Assert.Contains("Aigaq:Smtp:Tls=None is allowed only for a relay on this machine", refused.ToString(), StringComparison.Ordinal);
    }
}
