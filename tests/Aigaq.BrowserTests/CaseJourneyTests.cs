using Aigaq.Access;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// A report from intake to a case that changes hands: a monitor receives it, the supervisory
/// prosecutor finds it waiting and registers it, requalifies the case to torture, and the special
/// prosecutor accepts the referral from the inbox. Each language in turn.
/// </summary>
public sealed class CaseJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>What a reader sees, written out here so that a missing translation fails.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Seen = new(StringComparer.Ordinal)
    {
        ["kk"] = new(StringComparer.Ordinal)
        {
            ["receive"] = "Хабарламаны қабылдау",
            ["waiting"] = "шешімді күтуде",
            ["waitingList"] = "Шешімді күтіп тұрған хабарламалар",
            ["internalAffairs"] = "Ішкі істер органдары",
            ["special"] = "Арнаулы прокурор",
            ["pending"] = "қабылдауды күтуде",
            ["inbox"] = "Сізді күтіп тұрған жолдамалар",
            ["accepted"] = "Жолдама қабылданды",
            ["required"] = "міндетті",
        },
        ["ru"] = new(StringComparer.Ordinal)
        {
            ["receive"] = "Принять сообщение",
            ["waiting"] = "ожидает решения",
            ["waitingList"] = "Сообщения, ожидающие решения",
            ["internalAffairs"] = "Органы внутренних дел",
            ["special"] = "Специальный прокурор",
            ["pending"] = "ожидает принятия",
            ["inbox"] = "Переданные вам дела",
            ["accepted"] = "Передача принята",
            ["required"] = "обязательн",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            ["receive"] = "Receive a report",
            ["waiting"] = "waiting for a decision",
            ["waitingList"] = "Reports waiting for a decision",
            ["internalAffairs"] = "Internal affairs",
            ["special"] = "Special prosecutor",
            ["pending"] = "waiting for acceptance",
            ["inbox"] = "Referrals waiting for you",
            ["accepted"] = "The referral was accepted",
            ["required"] = "required",
        },
    };

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_report_is_received_registered_requalified_and_accepted_by_the_special_prosecutor(string culture)
    {
        var text = Seen[culture];
        var (monitor, monitorKey) = await app.CreateUserAsync(Roles.Monitor, $"monitor-case-{culture}@test.aigaq.kz");
        var (prosecutor, prosecutorKey) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-case-{culture}@test.aigaq.kz");
        var (special, specialKey) = await app.CreateUserAsync(Roles.SpecialProsecutor, $"special-case-{culture}@test.aigaq.kz");
        var narrative = $"Во время визита НПМ задержанный рассказал об избиении ({culture}).";

        // Intake: a monitor after a visit. A narrative left out is named in the reader's language.
        await using var monitorContext = await app.ContextAsync(culture);
        var page = await monitorContext.NewPageAsync();
        await BrowserApp.SignInAsync(page, monitor.Email!, monitorKey);
        await page.GotoAsync("/reports/new");
        await Expect(page.Locator("h1")).ToHaveTextAsync(text["receive"]);
        await page.SelectOptionAsync("#Source", "MonitoringVisit");
        await page.SelectOptionAsync("#Region", BrowserApp.Region);
        await page.FillAsync("#VictimLastName", "Жумабеков");
        await page.FillAsync("#VictimFirstName", "Арман");
        await page.SelectOptionAsync("#AllegedAgency", "NationalSecurity");
        await page.ClickAsync("#report-form button[type=submit]");
        await Expect(page.Locator("#Narrative-error")).ToContainTextAsync(text["required"]);
        await page.FillAsync("#Narrative", narrative);
        await page.ClickAsync("#report-form button[type=submit]");
        await Expect(page.Locator("#report-status")).ToContainTextAsync(text["waiting"]);
        var reportUrl = page.Url;
        await Shots.SaveAsync(page, $"report-{culture}");

        // The supervisory prosecutor finds it waiting and registers it under part 1.
        await using var prosecutorContext = await app.ContextAsync(culture);
        var p = await prosecutorContext.NewPageAsync();
        await BrowserApp.SignInAsync(p, prosecutor.Email!, prosecutorKey);
        await p.GotoAsync("/reports");
        await Expect(p.Locator("h1")).ToHaveTextAsync(text["waitingList"]);
        var reportId = reportUrl[(reportUrl.LastIndexOf('/') + 1)..];
        await p.ClickAsync($"#report-{reportId} a");
        var erdr = "26" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await p.FillAsync("#ErdrNumber", erdr);
        await p.SelectOptionAsync("#Part", "1");
        await p.ClickAsync("#register-report-form button[type=submit]");
        await Expect(p.Locator("h1")).ToContainTextAsync(erdr);
        await Expect(p.Locator("#responsible-body")).ToContainTextAsync(text["internalAffairs"]);

        // Requalified as torture: the case is referred and internal affairs stay responsible until accepted.
        await p.SelectOptionAsync("#requalify-part", "2");
        await p.FillAsync("#requalify-reason", "Установлена цель получения признания.");
        await p.ClickAsync("#requalify-form button[type=submit]");
        await Expect(p.Locator("#referrals")).ToContainTextAsync(text["pending"]);
        await Expect(p.Locator("#responsible-body")).ToContainTextAsync(text["internalAffairs"]);
        var caseUrl = p.Url;
        await Shots.SaveAsync(p, $"case-{culture}");

        // The special prosecutor accepts it from the inbox.
        await using var specialContext = await app.ContextAsync(culture);
        var s = await specialContext.NewPageAsync();
        await BrowserApp.SignInAsync(s, special.Email!, specialKey);
        await s.GotoAsync("/referrals");
        await Expect(s.Locator("h1")).ToHaveTextAsync(text["inbox"]);
        var item = s.Locator("#inbox li").Filter(new LocatorFilterOptions { HasText = erdr });
        await item.Locator("button[type=submit]").ClickAsync();
        await Expect(s.Locator("#case-message")).ToContainTextAsync(text["accepted"]);
        await Expect(s.Locator("#responsible-body")).ToContainTextAsync(text["special"]);
        await Expect(s).ToHaveURLAsync(caseUrl);

        await p.ReloadAsync();
        await Expect(p.Locator("#responsible-body")).ToContainTextAsync(text["special"]);
    }
}
