using System.Text.RegularExpressions;
using Aigaq.Access;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The detention page offers an Istanbul Protocol examination (issue 16, item 1): an investigator follows the link, finds
/// the request prefilled with the detention, sends it, and is shown the examination on the detention's page with its
/// status; the officer who registered the detention may not request one and is shown neither the link nor the request.
/// </summary>
public sealed class RecordExaminationLinksTests(BrowserApp app) : IClassFixture<BrowserApp>
{
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

        // The officer may read the detention but neither request an examination nor read the investigator's.
        await using var officerContext = await app.ContextAsync("ru");
        var officerPage = await officerContext.NewPageAsync();
        await BrowserApp.SignInAsync(officerPage, officer.Email!, officerKey);
        await officerPage.GotoAsync($"/detentions/{detention.Id}");
        await Expect(officerPage.Locator("#timeline")).ToBeVisibleAsync();
        await Expect(officerPage.Locator("#record-examinations, #request-examination")).ToHaveCountAsync(0);
    }
}
