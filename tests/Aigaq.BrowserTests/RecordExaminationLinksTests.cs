using System.Text;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The detention page offers an Istanbul Protocol examination (issue 16, item 1): an investigator follows the link, finds
/// the request prefilled with the detention, sends it, and is shown the examination on the detention's page with its
/// status, in Russian, Kazakh and English, each page with no serious axe violation; the officer who registered the
/// detention may not request one and is shown neither the link nor the request.
/// </summary>
public sealed class RecordExaminationLinksTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Axe = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    [Fact]
    public async Task An_investigator_requests_an_examination_from_the_detention_page_and_sees_it_there_with_its_status()
    {
        var (officer, officerKey) = await app.CreateUserAsync(Roles.Officer, "officer@record-examinations.aigaq.kz");
        var (investigator, key) = await app.CreateUserAsync(Roles.Investigator, "investigator@record-examinations.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Жақыпов", "Нұрлан", new DateOnly(1990, 3, 2), true);

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, investigator.Email!, key);
        await page.GotoAsync($"/detentions/{detention.Id}");
        await Expect(page.Locator("#record-no-examination")).ToBeVisibleAsync();
        await page.ClickAsync("#request-examination");
        await BrowserApp.ExpectUrlAsync(page, new Regex($"/examinations/new\\?detentionId={detention.Id}$"));
        await Expect(page.Locator("#DetentionId")).ToHaveValueAsync(detention.Id.ToString());
        await page.ClickAsync("#examination-request-form button[type=submit]");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/examinations/[0-9a-f-]{36}$"));
        var examinationId = page.Url[^36..];

        await page.GotoAsync($"/detentions/{detention.Id}");
        var row = page.Locator($"#record-examination-{examinationId}");
        await Expect(row).ToHaveAttributeAsync("data-status", "Requested");
        await Expect(row.Locator(".examination-status")).ToHaveTextAsync("Запрошено");
        await Expect(page.Locator("#record-no-examination")).ToHaveCountAsync(0);
        await CheckAxeAsync(page, "ru");

        // The same block in Kazakh and in English: one page each.
        foreach (var (culture, status) in new[] { ("kk", "Сұратылған"), ("en", "Requested") })
        {
            await using var other = await app.ContextAsync(culture);
            var otherPage = await other.NewPageAsync();
            await BrowserApp.SignInAsync(otherPage, investigator.Email!, key);
            await otherPage.GotoAsync($"/detentions/{detention.Id}");
            await Expect(otherPage.Locator("html")).ToHaveAttributeAsync("lang", culture);
            await Expect(otherPage.Locator($"#record-examination-{examinationId} .examination-status")).ToHaveTextAsync(status);
            await Expect(otherPage.Locator("#request-examination")).ToBeVisibleAsync();
            await CheckAxeAsync(otherPage, culture);
        }

        // The officer may read the detention but neither request an examination nor read the investigator's.
        await using var officerContext = await app.ContextAsync("ru");
        var officerPage = await officerContext.NewPageAsync();
        await BrowserApp.SignInAsync(officerPage, officer.Email!, officerKey);
        await officerPage.GotoAsync($"/detentions/{detention.Id}");
        await Expect(officerPage.Locator("#timeline")).ToBeVisibleAsync();
        await Expect(officerPage.Locator("#record-examinations, #request-examination")).ToHaveCountAsync(0);
    }

    private static async Task CheckAxeAsync(IPage page, string name)
    {
        var result = await AxeCheck.RunAsync(page, Axe);
        var found = new StringBuilder();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            found.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n{name}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                found.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    {node.Target} {node.Html}");
            }
        }

        Assert.True(found.Length == 0, "serious or critical accessibility violations:" + found);
    }
}
