using Aigaq.Access;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>The supervisory prosecutor: two-step sign-in, the region's alerts and clocks, acknowledging.</summary>
public sealed class ProsecutorTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Prosecutor_sees_an_alert_and_its_clock_and_acknowledges_it(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-dash-{culture}@test.aigaq.kz");
        var (prosecutor, key) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-{culture}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Бекова", "Сая", new DateOnly(1998, 3, 4), rightsExplained: false);
        var alert = detention.Alerts.Single(a => a.Code == "RightsNotExplained");

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, prosecutor.Email!, key);
        await page.GotoAsync("/dashboard?code=RightsNotExplained");

        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of(culture, "dashboard"));
        var item = page.Locator($"#alert-{alert.Id}");
        await Expect(item).ToContainTextAsync(Text.Of(culture, "rightsAlert"));
        await Expect(page.Locator("#custody-clocks")).ToContainTextAsync(detention.Number);
        await Shots.SaveAsync(page, $"dashboard-{culture}");

        // The acknowledgement is one line until opened. Without a comment the alert stays open: the refusal is
        // announced next to the box, which points at it, and the form stays open.
        await Expect(item.Locator("textarea")).Not.ToBeVisibleAsync();
        await item.Locator("summary").ClickAsync();
        await item.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator($"#comment-{alert.Id}-error[role=alert]")).ToBeVisibleAsync();
        await Expect(item.Locator("textarea")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("textarea[aria-invalid]")).ToHaveCountAsync(1);
        await Expect(item.Locator("textarea")).ToHaveAttributeAsync("aria-describedby", $"comment-{alert.Id}-error");
        await Shots.SaveAsync(page, $"dashboard-refused-{culture}");

        await item.Locator("textarea").FillAsync("Прокурор проверил, права разъяснены повторно.");
        await item.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#dashboard-message")).ToHaveTextAsync(Text.Of(culture, "acknowledged"));
        await Expect(page.Locator($"#alert-{alert.Id}")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("ru", "Срочная")]
    [InlineData("kk", "Шұғыл")]
    [InlineData("en", "Critical")]
    public async Task The_dashboard_opens_on_the_most_severe_alerts_counts_and_filters_them_and_refreshes_without_a_reload(string culture, string critical)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-severity-{culture}@test.aigaq.kz");
        var (prosecutor, key) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-severity-{culture}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Жумабаев", "Ерлан", new DateOnly(1985, 5, 6), rightsExplained: false);
        await app.RecordAsync(officer, detention.Id, EventTypes.MedicalExamination, DateTimeOffset.UtcNow.AddMinutes(-5), ("injuriesFound", System.Text.Json.Nodes.JsonValue.Create(true)));

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        await BrowserApp.SignInAsync(page, prosecutor.Email!, key);
        await page.GotoAsync("/dashboard");

        // The most severe first, whatever was raised last; each severity counted.
        await Expect(page.Locator(".alert-item").First).ToHaveAttributeAsync("data-severity", "critical");
        await Expect(page.Locator(".alert-item").First.Locator(".badge")).ToHaveTextAsync(critical);
        await Expect(page.Locator("#count-critical")).ToContainTextAsync(critical);
        await Expect(page.Locator("#alert-counts #count-InjuriesRecorded")).ToBeVisibleAsync();
        await Shots.SaveAsync(page, $"dashboard-severity-{culture}");

        // The critical alert went to the region's prosecutors as messages, listed on the alert's page.
        await app.Services.GetRequiredService<Aigaq.Dashboard.AlertMessages>().RunOnceAsync(CancellationToken.None);
        Guid injuries;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            injuries = await scope.ServiceProvider.GetRequiredService<Aigaq.Data.AigaqDb>().Set<Aigaq.Alerts.Alert>()
                .Where(a => a.DetentionId == detention.Id && a.Code == "InjuriesRecorded").Select(a => a.Id).SingleAsync();
        }

        await page.GotoAsync($"/dashboard?code=InjuriesRecorded");
        await page.Locator($"#alert-{injuries} a.alert-details").ClickAsync();
        await Expect(page.Locator("#alert-severity")).ToHaveTextAsync(critical);
        await Expect(page.Locator("#alert-messages")).ToContainTextAsync(prosecutor.Email!);
        await Shots.SaveAsync(page, $"alert-{culture}");
        await page.GotoAsync("/dashboard");

        // A filter keeps only what it names.
        await page.SelectOptionAsync("#severity", "High");
        await page.ClickAsync("#alert-filter button[type=submit]");
        await Expect(page.Locator(".alert-item[data-severity=high]").First).ToBeVisibleAsync();
        await Expect(page.Locator(".alert-item:not([data-severity=high])")).ToHaveCountAsync(0);
        await page.ClickAsync("#clear-filter");

        // An alert raised meanwhile appears at the next refresh, without a reload.
        var later = await app.RegisterAsync(officer, "Сапарова", "Жанар", new DateOnly(1992, 7, 8), rightsExplained: false);
        var raised = later.Alerts.Single(a => a.Code == "RightsNotExplained");
        await page.GotoAsync("/dashboard?code=RightsNotExplained");
        var marker = await page.EvaluateAsync<string>("() => { window.notReloaded = 'yes'; return window.notReloaded; }");
        Assert.Equal("yes", marker);
        var fresh = await app.RegisterAsync(officer, "Нуриев", "Айдар", new DateOnly(1994, 9, 10), rightsExplained: false);
        var appeared = fresh.Alerts.Single(a => a.Code == "RightsNotExplained");
        await Expect(page.Locator($"#alert-{raised.Id}")).ToBeVisibleAsync();
        await Expect(page.Locator($"#alert-{appeared.Id}")).ToHaveCountAsync(0);
        await page.Clock.RunForAsync(61_000);
        await Expect(page.Locator($"#alert-{appeared.Id}")).ToBeVisibleAsync();
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.notReloaded"));
    }

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Prosecutor_sends_a_failed_notification_again_saying_why(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-resend-{culture}@test.aigaq.kz");
        var (prosecutor, key) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-resend-{culture}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Омарова", "Дана", new DateOnly(1990, 1, 2), rightsExplained: true);
        var relative = detention.Notifications.First(n => n.Role == "relative").Id;

        // Three days of failed attempts, in short: the relative's message has failed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Aigaq.Data.AigaqDb>();
            await db.Set<Aigaq.Notifications.Notification>().Where(n => n.Id == relative).ExecuteUpdateAsync(u => u
                .SetProperty(n => n.Status, Aigaq.Notifications.NotificationStatus.Failed).SetProperty(n => n.Attempts, 8));
        }

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, prosecutor.Email!, key);
        await page.GotoAsync($"/detentions/{detention.Id}");
        var form = page.Locator($"#resend-{relative}");

        // Without a reason nothing is sent, and the page says why.
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#resend-error")).ToHaveTextAsync(Text.Of(culture, "resendWhy"));

        await form.Locator("input[name=reason]").FillAsync("Родственница сообщила, что телефон снова работает.");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("p.notice.ok")).ToHaveTextAsync(Text.Of(culture, "resent"));
        await Expect(page.Locator("#resend-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Prosecutor_without_an_authenticator_must_enrol_before_any_other_page()
    {
        var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, "prosecutor-new@test.aigaq.kz", enrol: false);
        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, prosecutor.Email!);

        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of("kk", "twoStep"));
        await Expect(page.Locator("#otpauth-uri")).ToContainTextAsync("otpauth://totp/Aigaq:");
        // A QR code to scan, drawn (not blocked by the content security policy).
        await Expect(page.Locator("#authenticator-qr")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        Assert.True(await page.Locator("#authenticator-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
        await Shots.SaveAsync(page, "enrol-kk");

        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.FillAsync("#code", BrowserApp.Code(key));
        await page.ClickAsync("#enrol-form button[type=submit]");

        // Recovery codes, shown this once.
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        var codes = await page.Locator("#recovery-codes li code").AllInnerTextsAsync();
        await Shots.SaveAsync(page, "recovery-codes-kk");
        await page.ClickAsync("#recovery-done");
        await page.GotoAsync("/dashboard");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of("kk", "dashboard"));
        Assert.Contains(await app.AccessLogAsync(prosecutor.Id), e => e.Action == "secondFactor.enrol" && e.Outcome == "succeeded");

        // The phone is lost: a recovery code signs in once, and not twice.
        foreach (var works in new[] { true, false })
        {
            await using var lost = await app.ContextAsync("kk");
            var again = await lost.NewPageAsync();
            await again.GotoAsync("/signin");
            await again.FillAsync("#email", prosecutor.Email!);
            await again.FillAsync("#password", BrowserApp.Password);
            await again.ClickAsync("#signin-form button[type=submit]");
            await BrowserApp.ExpectUrlAsync(again, new System.Text.RegularExpressions.Regex("/signin/code"));
            await again.ClickAsync("#recovery summary");
            await again.FillAsync("#recovery-code", codes[0]);
            await again.ClickAsync("#recovery-signin-form button[type=submit]");
            if (works)
            {
                await BrowserApp.ExpectUrlAsync(again, new System.Text.RegularExpressions.Regex("^(?!.*/signin)"));
                await again.GotoAsync("/dashboard");
                await Expect(again.Locator("h1")).ToHaveTextAsync(Text.Of("kk", "dashboard"));
            }
            else
            {
                await Expect(again.Locator("p.notice.error")).ToBeVisibleAsync();
                Assert.Contains("/signin/code", again.Url, StringComparison.Ordinal);
            }
        }

        Assert.Contains(await app.AccessLogAsync(prosecutor.Id), e => e.Action == "signin.recoveryCode" && e.Outcome == "failed");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_the_readers_language_and_logged()
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "officer-wrong@test.aigaq.kz");
        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", officer.Email!);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#signin-form button[type=submit]");

        await Expect(page.Locator("#signin-error")).ToContainTextAsync(Text.Of("ru", "wrongPassword"));
        Assert.Contains(await app.AccessLogAsync(officer.Id), e => e.Action == "signin.password" && e.Outcome == "failed");
    }
}
