using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Protection;
using Deque.AxeCore.Commons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// Issue 15, items 8 and 10: on a phone 375 pixels wide, a signed-out visitor reports torture from the menu without an
/// account, is shown the receipt code once, opens the inbox with it (the code never in an address), writes back and
/// reads the prosecutor's answer; both public pages pass axe in Kazakh, Russian and English, in their error state too.
/// </summary>
public sealed partial class AnonymousReporterTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    [Fact]
    public async Task A_reporter_on_a_phone_reports_anonymously_keeps_the_code_and_talks_with_the_prosecutor()
    {
        var found = new List<string>();
        await using (var context = await PhoneAsync("ru"))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.ClickAsync("header nav a[href='/anonymous']");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Анонимное сообщение о пытках");

            await page.FillAsync("#anon-Narrative", "В ИВС меня били дубинкой, требовали признаться в краже.");
            await page.FillAsync("#anon-IncidentOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.SelectOptionAsync("#anon-Region", BrowserApp.Region);
            await page.SelectOptionAsync("#anon-FacilityId", app.Facility.Id.ToString());
            await page.FillAsync("#anon-Injuries", "кровоподтёки на ногах");
            await page.ClickAsync("#anonymous-report-form button[type=submit]");

            var code = await page.Locator("#receipt-code").InnerTextAsync();
            Assert.Matches(Code(), code);
            Assert.DoesNotContain(code.Replace(" ", "", StringComparison.Ordinal), page.Url, StringComparison.Ordinal);
            await Expect(page.Locator("#anon-receipt")).ToContainTextAsync("показывается только один раз");
            await CheckAsync(page, "ru", "anonymous-receipt", found);

            await page.ClickAsync("#open-inbox-link");
            await page.FillAsync("#inbox-Receipt", code);
            await page.ClickAsync("#inbox-form button[type=submit]");
            await Expect(page.Locator("#inbox-status")).ToContainTextAsync("Принято");
            await page.FillAsync("#inbox-Text", "Меня снова вызывают на допрос ночью.");
            await page.ClickAsync("#inbox-reply-form button[type=submit]");
            await Expect(page.Locator("#inbox-sent")).ToBeVisibleAsync();
            await Expect(page.Locator("#inbox-messages li")).ToHaveCountAsync(1);

            // The region's prosecutor answers; the reporter reads it, as the prosecutor's office, with no name.
            var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-anonymous-{Guid.NewGuid():N}@test.aigaq.kz");
            Guid reportId;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                reportId = await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<AnonymousChannel>().Select(c => c.ReportId).SingleAsync();
            }

            using (var http = await app.ApiClientAsync(prosecutor))
            {
                using var answered = await http.PostAsJsonAsync($"/api/v1/reports/{reportId}/messages", new { text = "Назовите номер кабинета, где вас допрашивают." });
                Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
            }

            await page.GotoAsync("/anonymous/inbox");
            await page.FillAsync("#inbox-Receipt", code);
            await page.ClickAsync("#inbox-form button[type=submit]");
            await Expect(page.Locator("#inbox-messages li")).ToHaveCountAsync(2);
            await Expect(page.Locator("#inbox-messages li").Last).ToContainTextAsync("Прокуратура");
            await Expect(page.Locator("#inbox-messages li").Last).ToContainTextAsync("Назовите номер кабинета");
            await Expect(page.Locator("#inbox-messages")).Not.ToContainTextAsync(prosecutor.DisplayName ?? "Test Prosecutor");
            Assert.DoesNotContain(code.Replace(" ", "", StringComparison.Ordinal), page.Url, StringComparison.Ordinal);
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"), "the page scrolls sideways at 375 px");
            await CheckAsync(page, "ru", "anonymous-inbox-thread", found);
        }

        // Both public pages, in each language: as they open, and with an error.
        foreach (var culture in new[] { "kk", "ru", "en" })
        {
            await using var context = await PhoneAsync(culture);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/anonymous");
            await CheckAsync(page, culture, "anonymous", found);
            await page.ClickAsync("#anonymous-report-form button[type=submit]");
            await Expect(page.Locator("#anon-Narrative-error")).ToBeVisibleAsync();
            await CheckAsync(page, culture, "anonymous-errors", found);
            await page.GotoAsync("/anonymous/inbox");
            await CheckAsync(page, culture, "anonymous-inbox", found);
            await page.FillAsync("#inbox-Receipt", "1234 5678 9012 3456");
            await page.ClickAsync("#inbox-form button[type=submit]");
            await Expect(page.Locator("#inbox-Receipt-error")).ToBeVisibleAsync();
            await CheckAsync(page, culture, "anonymous-inbox-error", found);
        }

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n" + string.Join("\n", found));
    }

    /// <summary>A phone-sized context (375 px, the narrowest common phone) in a language, as the switcher sets it.</summary>
    private async Task<IBrowserContext> PhoneAsync(string culture)
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = 375, Height = 812 },
            IsMobile = true,
            HasTouch = true,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(90_000);
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseUrl }]);
        return context;
    }

    /// <summary>Runs axe on the page as it is and notes each serious or critical violation.</summary>
    private static async Task CheckAsync(IPage page, string culture, string name, List<string> found)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        var result = await AxeCheck.RunAsync(page, Options);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{culture} {name}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    {node.Target} {node.Html}");
            }

            found.Add(text.ToString());
        }

        await Shots.SaveAsync(page, $"{culture}-phone375-{name}");
    }

    [GeneratedRegex(@"^\d{4} \d{4} \d{4} \d{4}$")]
    private static partial Regex Code();
}
