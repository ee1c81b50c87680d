using System.Text;
using Aigaq.Access;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// Print and export (issue 14, item 8), on a phone and on a desktop: the record printed from the browser shows the record
/// without menus, forms or buttons, with the address of its log receipt; its PDF downloads from the record's page; the
/// detentions list and the dashboard's alerts download as CSV files that Excel reads in the reader's language.
/// </summary>
public sealed class PrintTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, bool> CulturesAndSizes => new()
    {
        { "kk", true },
        { "ru", false },
        { "en", true },
        { "en", false },
    };

    [Theory]
    [MemberData(nameof(CulturesAndSizes))]
    public async Task The_record_prints_without_menus_or_forms_and_downloads_as_a_PDF(string culture, bool phone)
    {
        var size = phone ? "phone" : "desktop";
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-print-{culture}-{size}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Тұрсынбаева", "Әсел", new DateOnly(1993, 8, 21), rightsExplained: true);

        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync($"/detentions/{detention.Id}");
        await Expect(page.Locator("#record-print")).ToBeVisibleAsync();
        await Expect(page.Locator("#event-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#log-receipt-url")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var chrome in new[] { "header", "nav", "#event-form", "#add-h", "#record-pdf", "#record-print", "form.langs" })
        {
            await Expect(page.Locator(chrome).First).ToBeHiddenAsync();
        }

        await Expect(page.Locator("h1")).ToContainTextAsync(Text.Of(culture, "detention") + " " + detention.Number);
        await Expect(page.Locator("#person-name")).ToContainTextAsync("Тұрсынбаева Әсел");
        await Expect(page.Locator("#timeline")).ToBeVisibleAsync();
        await Expect(page.Locator("#clock-court")).ToBeVisibleAsync();
        await Expect(page.Locator("#log-receipt-url")).ToContainTextAsync(app.BaseUrl + "/log/receipt?index=");
        Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('h1')).color"));
        await Shots.SaveAsync(page, $"detention-print-{culture}-{size}");

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#record-pdf"));
        Assert.Equal($"aigaq-{detention.Number}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Contains(await app.AccessLogAsync(officer.Id), e => e.Action == "detention.pdf" && e.Resource == detention.Id.ToString());
        Assert.Empty(refused);
    }

    [Theory]
    [MemberData(nameof(CulturesAndSizes))]
    public async Task The_detentions_list_and_the_dashboards_alerts_download_as_CSV(string culture, bool phone)
    {
        var size = phone ? "phone" : "desktop";
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-csv-{culture}-{size}@test.aigaq.kz");
        var (prosecutor, key) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-csv-{culture}-{size}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Нұрғалиев", "Дәулет", new DateOnly(1988, 2, 11), rightsExplained: false);

        await using (var context = await app.ContextAsync(culture, phone))
        {
            var page = await context.NewPageAsync();
            await BrowserApp.SignInAsync(page, officer.Email!);
            await page.GotoAsync("/detentions?status=inTransit");
            var text = await DownloadAsync(page, "#detentions-csv", ".csv");
            Assert.StartsWith(Text.Of(culture, "lastName"), text.Split("\r\n")[0].Split(',')[2], StringComparison.Ordinal);
            Assert.Contains($"{detention.Number},", text, StringComparison.Ordinal);
            Assert.Contains(",Нұрғалиев,Дәулет,", text, StringComparison.Ordinal);
        }

        await using (var context = await app.ContextAsync(culture, phone))
        {
            var page = await context.NewPageAsync();
            await BrowserApp.SignInAsync(page, prosecutor.Email!, key);
            await page.GotoAsync("/dashboard?code=RightsNotExplained");
            var text = await DownloadAsync(page, "#alerts-csv", ".csv");
            Assert.Contains(Text.Of(culture, "rightsAlert"), text, StringComparison.Ordinal);
            Assert.Contains(detention.Number, text, StringComparison.Ordinal);
            Assert.Contains(await app.AccessLogAsync(prosecutor.Id), e => e.Action == "alerts.export");
        }
    }

    /// <summary>Clicks the link, and returns the downloaded file's text after checking its name and its UTF-8 byte-order mark.</summary>
    private static async Task<string> DownloadAsync(IPage page, string link, string extension)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(link));
        Assert.EndsWith(extension, download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }
}
