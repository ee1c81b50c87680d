using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Dashboard;
using Aigaq.Notifications;
using Aigaq.Tests.Protection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Notifications;

/// <summary>An app host of its own for the alert messages, whose clock these tests move.</summary>
public sealed class AlertMailHost : MailHost;

/// <summary>
/// Critical alerts reach the region's supervisory prosecutors at once (issue 14, item 1): by e-mail and, where the
/// account has a phone, by SMS, through the outbox, once per alert, in the prosecutor's language, with no name in the
/// subject; not to a deactivated prosecutor or one of another region; not for an alert of lesser severity, nor for one
/// raised before the rule pack's window.
/// </summary>
public sealed class AlertMessageTests(AlertMailHost fixture) : IClassFixture<AlertMailHost>
{
    private AigaqHost Host => fixture.Host;

    private AlertMessages Messages => Host.Services.GetRequiredService<AlertMessages>();

    private async Task<TestUser> ProsecutorAsync(string region, string? phone = null, bool deactivated = false)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: region, language: "kk");
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(prosecutor.Id.ToString()))!;
        if (phone is not null)
        {
            IdentityResults.Check(await users.SetPhoneNumberAsync(user, phone));
        }

        if (deactivated)
        {
            var admin = await Host.UserAsync(Roles.Administrator, region: null);
            var v = new Aigaq.Web.Validation();
            Assert.NotNull(await UserAccounts.ChangeAsync(scope.ServiceProvider, prosecutor.Id, admin.Id, new(Roles.Prosecutor, region, null, true), "в отставке", v, CancellationToken.None));
        }

        return prosecutor;
    }

    /// <summary>A detention in <paramref name="region"/> whose medical examination found injuries: a critical alert.</summary>
    private async Task<(JsonObject Detention, Guid Alert)> InjuriesAsync(string region)
    {
        var facility = await Host.FacilityAsync(region: region);
        var officer = await Host.UserAsync(Roles.Officer, region: region);
        var detention = await Host.RegisterAsync(officer, facility.Id);
        var recorded = await officer.Client.PostJsonAsync($"/api/v1/detentions/{detention.Id()}/events", new JsonObject
        {
            ["type"] = "medicalExamination",
            ["at"] = Host.Now.AddMinutes(-1).ToString("O"),
            ["injuriesFound"] = true,
        });
        await recorded.ExpectAsync(System.Net.HttpStatusCode.Created);
        var alert = await Host.WithDbAsync(db => db.Set<Alert>()
            .Where(a => a.DetentionId == detention.Id() && a.Code == AlertCodes.InjuriesRecorded).Select(a => a.Id).SingleAsync());
        return (detention, alert);
    }

    [Fact]
    public async Task A_critical_alert_is_mailed_and_texted_once_to_each_active_prosecutor_of_its_region()
    {
        var prosecutor = await ProsecutorAsync("KZ-63", phone: "+77012223344");
        var gone = await ProsecutorAsync("KZ-63", deactivated: true);
        var elsewhere = await ProsecutorAsync("KZ-61");
        var (detention, alert) = await InjuriesAsync("KZ-63");

        Assert.True(await Messages.RunOnceAsync(CancellationToken.None) >= 2);
        Assert.Equal(0, await Messages.RunOnceAsync(CancellationToken.None));

        var queued = await Host.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.AlertId == alert).ToListAsync());
        Assert.Equal(
            [(NotificationChannel.Email, prosecutor.User.Email!), (NotificationChannel.Sms, "+77012223344")],
            queued.Select(n => (n.Channel, n.Address)).Order());
        Assert.DoesNotContain(queued, n => n.Address == gone.User.Email || n.Address == elsewhere.User.Email);
        Assert.All(queued, n => Assert.Null(n.DetentionId));

        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);

        var mail = Assert.Single(fixture.Smtp.To(prosecutor.User.Email!), m => m.Subject?.Contains("Дене жарақаттары тіркелді", StringComparison.Ordinal) == true);
        Assert.Contains(detention.Str("number"), mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Ахметов", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(detention.Str("number"), mail.TextBody, StringComparison.Ordinal);
        var (_, text) = Assert.Single(fixture.Sms.Received, m => m.To == "+77012223344");
        Assert.Contains("Дене жарақаттары тіркелді", text, StringComparison.Ordinal);
        Assert.All(
            await Host.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.AlertId == alert).ToListAsync()),
            n => Assert.Equal(NotificationStatus.Sent, n.Status));
    }

    [Fact]
    public async Task An_alert_of_lesser_severity_or_raised_before_the_window_is_not_sent()
    {
        await ProsecutorAsync("KZ-11");
        var facility = await Host.FacilityAsync(region: "KZ-11");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-11");
        var unexplained = await Host.RegisterAsync(officer, facility.Id, change: b => b.Without("rightsExplainedAt"));
        var high = await Host.WithDbAsync(db => db.Set<Alert>()
            .Where(a => a.DetentionId == unexplained.Id() && a.Code == AlertCodes.RightsNotExplained).Select(a => a.Id).SingleAsync());

        await Messages.RunOnceAsync(CancellationToken.None);
        Assert.False(await Host.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.AlertId == high)));

        // Raised a day and an hour ago (from before a deployment, say): past the pack's 24 hours.
        var (_, critical) = await InjuriesAsync("KZ-11");
        var longAgo = Host.Now.AddHours(-25);
        await Host.WithDbAsync(db => db.Set<Alert>().Where(a => a.Id == critical).ExecuteUpdateAsync(u => u.SetProperty(a => a.RaisedAt, longAgo)));

        await Messages.RunOnceAsync(CancellationToken.None);
        Assert.False(await Host.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.AlertId == critical)));
    }

    [Fact]
    public async Task The_message_of_a_protected_persons_detention_names_neither_the_alert_nor_the_detention()
    {
        var prosecutor = await ProsecutorAsync("KZ-59", phone: "+77012225566");
        var officers = new List<TestUser>();
        foreach (var language in new[] { "en", "ru" })
        {
            var custodian = await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-59", language: language);
            await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель личности 59" }))
                .ExpectAsync(System.Net.HttpStatusCode.Created);
            officers.Add(custodian);
        }

        var person = await (await prosecutor.Client.PostJsonAsync("/api/v1/protected-persons", new JsonObject
        {
            ["identity"] = new JsonObject { ["person"] = new JsonObject { ["lastName"] = "Есенов", ["firstName"] = "Талғат", ["birthDate"] = "1993-08-08" } },
            ["role"] = "victim",
            ["disclosure"] = "confidential",
            ["risk"] = "high",
        })).ExpectAsync(System.Net.HttpStatusCode.Created);
        var facility = await Host.FacilityAsync(region: "KZ-59");
        var detention = await Host.RegisterAsync(await Host.UserAsync(Roles.Officer, region: "KZ-59"), facility.Id, change: b =>
        {
            b["person"]!["lastName"] = "Есенов";
            b["person"]!["firstName"] = "Талгат";
            b["person"]!["birthDate"] = "1993-08-08";
        });
        await Host.ProtectionScanAsync(Host.Now);
        var alert = await Host.WithDbAsync(db => db.Set<Alert>().Where(a => a.Code == AlertCodes.ProtectedPersonDetained && a.Key.EndsWith(":" + person.Str("id"))).Select(a => a.Id).SingleAsync());

        Assert.True(await Messages.RunOnceAsync(CancellationToken.None) >= 4);

        // The supervisory prosecutor by e-mail and SMS, and each protection officer of the region by e-mail, in their
        // language (issue 15, item 7); a prosecutor or protection officer of another region gets nothing.
        var queued = await Host.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.AlertId == alert).ToListAsync());
        Assert.Equal(
            [("kk", "prosecutor", NotificationChannel.Email), ("kk", "prosecutor", NotificationChannel.Sms), ("en", "protectionOfficer", NotificationChannel.Email), ("ru", "protectionOfficer", NotificationChannel.Email)],
            queued.Select(n => (n.Language, n.Role, n.Channel)).OrderBy(n => n.Role, StringComparer.Ordinal).ThenBy(n => n.Language, StringComparer.Ordinal).ThenBy(n => n.Channel));
        Assert.Equal(officers.Select(o => o.User.Email!).Order(StringComparer.OrdinalIgnoreCase), queued.Where(n => n.Role == "protectionOfficer").Select(n => n.Address).Order(StringComparer.OrdinalIgnoreCase));
        foreach (var message in queued)
        {
            var text = message.Subject + " " + message.Body;
            Assert.Contains(message.Language switch { "kk" => "шұғыл дабыл", "ru" => "критический сигнал", _ => "critical alert" }, text, StringComparison.OrdinalIgnoreCase);
            if (message.Role == "protectionOfficer")
            {
                // Not the prosecutors' alerts page, which a protection officer cannot open.
                Assert.Contains(message.Language == "ru" ? "ваша работа в Aigaq" : "your work in Aigaq", text, StringComparison.Ordinal);
                Assert.DoesNotContain("/alerts/", text, StringComparison.Ordinal);
            }

            foreach (var unsaid in new[] { detention.Str("number"), person.Str("pseudonym"), "Есенов", "Қорғалатын", "қорғ", "protected", "защищ" })
            {
                Assert.DoesNotContain(unsaid, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

}
