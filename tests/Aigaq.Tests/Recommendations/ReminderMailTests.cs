using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Dashboard;
using Aigaq.Notifications;
using Aigaq.Recommendations;
using Aigaq.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Recommendations;

/// <summary>An app host whose e-mail goes to a real SMTP server and whose SMS go to a real HTTP gateway, on either provider.</summary>
public abstract class RecommendationMailHost(DatabaseProvider provider) : HostFixture(provider)
{
    public SmtpSink Smtp { get; private set; } = null!;

    public SmsGateway Sms { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:Smtp:Host"] = "127.0.0.1",
        ["Aigaq:Smtp:Tls"] = "None",
        ["Aigaq:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Aigaq:Smtp:From"] = "aigaq@test.aigaq.kz",
        ["Aigaq:Sms:Url"] = Sms.Url.ToString(),
    };

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        Sms = SmsGateway.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        Sms.Dispose();
    }
}

public sealed class RecommendationMailSqlite() : RecommendationMailHost(DatabaseProvider.Sqlite);

public sealed class RecommendationMailPostgres() : RecommendationMailHost(DatabaseProvider.Postgres);

/// <summary>
/// A UN recommendation's reminders (issue 18, item 6) are of days, not hours: the rule pack's <c>alerts.emailOnly</c> sends
/// <see cref="AlertCodes.RecommendationFollowUpDue"/> and <see cref="AlertCodes.MeasureOverdue"/> to every analyst and
/// monitor by e-mail only. The mail arrives at a real SMTP server; no SMS is queued or reaches the gateway, though the
/// readers have phone numbers and SMS is configured.
/// </summary>
public abstract class ReminderMailTests(RecommendationMailHost fixture)
{
    private AigaqHost Host => fixture.Host;

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Host.Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty")).DateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<TestUser> WithPhoneAsync(string role, string? region, string language, string phone)
    {
        var user = await Host.UserAsync(role, region: region, language: language);
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = (await users.FindByIdAsync(user.Id.ToString()))!;
        Assert.True((await users.SetPhoneNumberAsync(account, phone)).Succeeded);
        return user;
    }

    [Fact]
    public async Task The_reminders_are_mailed_to_analysts_and_monitors_and_no_sms_is_queued()
    {
        // The pack says so, for these two codes only: a critical custody alert still goes by SMS.
        var pack = Host.Services.GetRequiredService<RulePackCatalog>().At(Host.Now);
        Assert.False(pack.Alerts.BySms(AlertCodes.RecommendationFollowUpDue));
        Assert.False(pack.Alerts.BySms(AlertCodes.MeasureOverdue));
        Assert.True(pack.Alerts.BySms(AlertCodes.InjuriesRecorded));

        var analyst = await WithPhoneAsync(Roles.Analyst, null, "en", "+77012223301");
        var monitor = await WithPhoneAsync(Roles.Monitor, "KZ-61", "ru", "+77012223302");
        var document = "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(CultureInfo.InvariantCulture);
        var id = (await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", new JsonObject
        {
            ["mechanism"] = "CAT",
            ["document"] = document,
            ["paragraph"] = 21,
            ["summary"] = "Ensure that detainees are registered from the moment of deprivation of liberty",
            ["adoptedAt"] = "2021-12-03",
            ["followUp"] = true,
            ["followUpDueBy"] = Day(Today.AddDays(30)),
        })).ExpectAsync(HttpStatusCode.Created)).Str("id");
        await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{id}/measures", new JsonObject
        {
            ["title"] = "Электронный журнал задержаний",
            ["lead"] = "МВД",
            ["targetDate"] = Day(Today.AddDays(1)),
            ["status"] = "inProgress",
        })).ExpectAsync(HttpStatusCode.Created);

        Host.Clock.Advance(TimeSpan.FromDays(3));
        await ScanRecommendationReminders.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), Host.Now, CancellationToken.None);
        var alerts = await Host.WithDbAsync(db => db.Set<Alert>().AsNoTracking().Where(a => a.Detail == $"{document} ¶ 21").ToListAsync());
        Assert.Equal([AlertCodes.MeasureOverdue, AlertCodes.RecommendationFollowUpDue], alerts.Select(a => a.Code).Order(StringComparer.Ordinal));

        await Host.Services.GetRequiredService<AlertMessages>().RunOnceAsync(CancellationToken.None);
        var ids = alerts.Select(a => a.Id).ToList();
        var queued = await Host.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.AlertId != null && ids.Contains(n.AlertId.Value)).ToListAsync());
        Assert.Equal(
            [analyst.User.Email!, analyst.User.Email!, monitor.User.Email!, monitor.User.Email!],
            queued.Select(n => n.Address).Order(StringComparer.Ordinal));
        Assert.All(queued, n => Assert.Equal(NotificationChannel.Email, n.Channel));
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.Channel == NotificationChannel.Sms)));

        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, fixture.Smtp.To(analyst.User.Email!).Count(m => m.Subject?.Contains(document, StringComparison.Ordinal) == true));
        Assert.Equal(2, fixture.Smtp.To(monitor.User.Email!).Count(m => m.Subject?.Contains(document, StringComparison.Ordinal) == true));
        // One mail of each reminder, each titled in the reader's language: the follow-up due and the measure past its target.
        foreach (var (reader, language) in new[] { (analyst, "en"), (monitor, "ru") })
        {
            var subjects = fixture.Smtp.To(reader.User.Email!).Select(m => m.Subject ?? "").Where(s => s.Contains(document, StringComparison.Ordinal)).ToList();
            Assert.Single(subjects, s => s.Contains(Label(AlertCodes.RecommendationFollowUpDue, language), StringComparison.Ordinal));
            Assert.Single(subjects, s => s.Contains(Label(AlertCodes.MeasureOverdue, language), StringComparison.Ordinal));
        }

        Assert.Empty(fixture.Sms.Received);
    }

    private string Label(string code, string language)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            var label = Host.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Aigaq.Web.SharedResource>>()["Alert." + code];
            Assert.False(label.ResourceNotFound, code);
            return label.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

public sealed class ReminderMailOnSqlite(RecommendationMailSqlite fixture) : ReminderMailTests(fixture), IClassFixture<RecommendationMailSqlite>;

public sealed class ReminderMailOnPostgres(RecommendationMailPostgres fixture) : ReminderMailTests(fixture), IClassFixture<RecommendationMailPostgres>;
