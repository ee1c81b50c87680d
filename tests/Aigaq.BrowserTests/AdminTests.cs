using Aigaq.Access;
using Aigaq.Facilities;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>The administrator keeps the facility register and the user accounts.</summary>
public sealed class AdminTests(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task Administrator_adds_a_facility_and_a_user_in_Kazakh()
    {
        var (admin, key) = await app.CreateUserAsync(Roles.Administrator, "admin@test.aigaq.kz");
        await using var context = await app.ContextAsync("kk", phone: false);
        var page = await context.NewPageAsync();
        await AppHost.SignInAsync(page, admin.Email!, key);

        await page.GotoAsync("/admin/facilities");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Мекемелер");
        await page.FillAsync("#Name", "Шымкент ИВС");
        await page.SelectOptionAsync("#Type", nameof(FacilityType.PoliceHoldingCell));
        await page.SelectOptionAsync("#Region", "KZ-79");
        await page.SelectOptionAsync("#Agency", nameof(Agency.Police));
        await page.FillAsync("#Address", "Шымкент, Тәуке хан даңғылы, 12");
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator("#facilities")).ToContainTextAsync("Шымкент ИВС");
        await Expect(page.Locator("#facilities")).ToContainTextAsync("Полицияның уақытша ұстау изоляторы");

        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Пайдаланушылар");
        await page.FillAsync("#Email", "new-officer@test.aigaq.kz");
        await page.SelectOptionAsync("#Role", Roles.Officer);
        await page.SelectOptionAsync("#Region", "KZ-79");
        await page.FillAsync("#Password", "short");
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator("main")).ToContainTextAsync("Құпиясөз кемінде 10 таңбадан тұруы керек.");

        await page.FillAsync("#Password", "new-officer-2026");
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator("#users")).ToContainTextAsync("new-officer@test.aigaq.kz");
        await Expect(page.Locator("#users")).ToContainTextAsync("Ұстаушы қызметкер");
        await Shots.SaveAsync(page, "users-kk");
    }

    [Fact]
    public async Task An_officer_is_refused_the_administration_pages()
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "officer-admin@test.aigaq.kz");
        await using var context = await app.ContextAsync("en");
        var page = await context.NewPageAsync();
        await AppHost.SignInAsync(page, officer.Email!);
        var response = await page.GotoAsync("/admin/users");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
    }
}
