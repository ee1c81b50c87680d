using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>The administrator keeps the facility register and the user accounts.</summary>
public sealed class AdminTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Administrator_adds_a_facility_and_a_user_in_Kazakh()
    {
        var (admin, key) = await app.CreateUserAsync(Roles.Administrator, "admin@test.aigaq.kz");
        await using var context = await app.ContextAsync("kk", phone: false);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, admin.Email!, key);

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
        await page.ClickAsync("#user-form button[type=submit]");
        await Expect(page.Locator("main")).ToContainTextAsync("Құпиясөз кемінде 10 таңбадан тұруы керек.");

        await page.FillAsync("#Password", "new-officer-2026");
        await page.ClickAsync("#user-form button[type=submit]");
        await Expect(page.Locator("#users")).ToContainTextAsync("new-officer@test.aigaq.kz");
        await Expect(page.Locator("#users")).ToContainTextAsync("Ұстаушы қызметкер");
        await Shots.SaveAsync(page, "users-kk");
    }

    [Fact]
    public async Task Administrator_resets_a_lost_second_factor_and_unlocks_an_account_in_Russian()
    {
        var (admin, key) = await app.CreateUserAsync(Roles.Administrator, "admin-reset@test.aigaq.kz");
        var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, "lost-phone@test.aigaq.kz");
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "locked-out@test.aigaq.kz");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var locked = (await users.FindByIdAsync(officer.Id.ToString()))!;
            await users.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, admin.Email!, key);
        await page.GotoAsync("/admin/users");
        var prosecutorRow = page.Locator("#users tr", new() { HasText = "lost-phone@test.aigaq.kz" });
        var officerRow = page.Locator("#users tr", new() { HasText = "locked-out@test.aigaq.kz" });
        await Expect(officerRow).ToContainTextAsync("Заблокирован");

        await prosecutorRow.GetByRole(AriaRole.Button, new() { Name = "Сбросить двухэтапный вход для lost-phone@test.aigaq.kz" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync("Двухэтапный вход для lost-phone@test.aigaq.kz сброшен");
        await Expect(prosecutorRow).ToContainTextAsync("Нет");
        await officerRow.GetByRole(AriaRole.Button, new() { Name = "Разблокировать locked-out@test.aigaq.kz" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync("locked-out@test.aigaq.kz разблокирован");
        await Expect(officerRow).Not.ToContainTextAsync("Заблокирован");

        // The prosecutor signs in with the password alone and is led to set up a new authenticator;
        // the unlocked officer signs in again.
        await using var prosecutorContext = await app.ContextAsync("ru");
        var prosecutorPage = await prosecutorContext.NewPageAsync();
        await BrowserApp.SignInAsync(prosecutorPage, prosecutor.Email!);
        await Expect(prosecutorPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor"));
        await using var officerContext = await app.ContextAsync("ru");
        var officerPage = await officerContext.NewPageAsync();
        await BrowserApp.SignInAsync(officerPage, officer.Email!);
        Assert.DoesNotContain("/signin", officerPage.Url, StringComparison.Ordinal);
        Assert.Contains(await app.AccessLogAsync(admin.Id), e => e.Action == "users.reset-second-factor" && e.Resource == prosecutor.Id.ToString());
    }

    [Theory]
    [InlineData("en", "Account of moved-officer-en@test.aigaq.kz", "Reason for the change", "deactivated")]
    [InlineData("ru", "Учётная запись moved-officer-ru@test.aigaq.kz", "Основание изменения", "отключена")]
    [InlineData("kk", "moved-officer-kk@test.aigaq.kz есептік жазбасы", "Өзгерту негізі", "өшірілген")]
    public async Task Administrator_moves_an_officer_then_deactivates_the_account_with_reasons_kept(string culture, string heading, string reasonLabel, string deactivated)
    {
        var (admin, key) = await app.CreateUserAsync(Roles.Administrator, $"admin-change-{culture}@test.aigaq.kz");
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"moved-officer-{culture}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, admin.Email!, key);
        await page.GotoAsync("/admin/users");
        await page.ClickAsync($"#user-{officer.Id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Expect(page.Locator("label[for=Reason]")).ToContainTextAsync(reasonLabel);

        // Without a reason nothing is changed.
        await page.SelectOptionAsync("#Region", "KZ-71");
        await page.ClickAsync("#change-form button[type=submit]");
        await Expect(page.Locator("#change-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#Reason-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#history-empty")).ToBeVisibleAsync();

        await page.SelectOptionAsync("#Region", "KZ-71");
        await page.FillAsync("#Reason", "Приказ № 12 о переводе в Астану");
        await page.ClickAsync("#change-form button[type=submit]");
        await Expect(page.Locator("p.notice")).ToBeVisibleAsync();
        await Expect(page.Locator("#history li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#history")).ToContainTextAsync("Приказ № 12 о переводе в Астану");
        await Expect(page.Locator("#history")).ToContainTextAsync(admin.Email!);

        await page.CheckAsync("#Deactivated");
        await page.FillAsync("#Reason", "Уволен 28.11.2026");
        await page.ClickAsync("#change-form button[type=submit]");
        await Expect(page.Locator("#history li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#account-deactivated")).ToBeVisibleAsync();
        await Expect(page.Locator("#history li").First).ToContainTextAsync(deactivated);
        await Shots.SaveAsync(page, $"account-change-{culture}");

        // The deactivated officer cannot sign in.
        await using var officerContext = await app.ContextAsync(culture);
        var officerPage = await officerContext.NewPageAsync();
        await officerPage.GotoAsync("/signin");
        await officerPage.FillAsync("#email", officer.Email!);
        await officerPage.FillAsync("#password", BrowserApp.Password);
        await officerPage.ClickAsync("#signin-form button[type=submit]");
        await Expect(officerPage.Locator("#signin-error")).ToBeVisibleAsync();
        Assert.Contains("/signin", officerPage.Url, StringComparison.Ordinal);
        Assert.Contains(await app.AccessLogAsync(admin.Id), e => e.Action == "users.change" && e.Resource == officer.Id.ToString() && e.Outcome == "succeeded");
    }

    [Theory]
    [InlineData("ru", "Ждёт второго администратора", "Роли пока нет", "утвердил")]
    [InlineData("kk", "Екінші әкімшіні күтуде", "Рөлі әлі жоқ", "бекіткен")]
    [InlineData("en", "Waiting for a second administrator", "No role yet", "approved by")]
    public async Task A_prosecutor_added_by_one_administrator_gets_the_role_when_a_second_one_approves(string culture, string waiting, string noRole, string approvedBy)
    {
        var (asker, askerKey) = await app.CreateUserAsync(Roles.Administrator, $"admin-asks-{culture}@test.aigaq.kz");
        var (approver, approverKey) = await app.CreateUserAsync(Roles.Administrator, $"admin-approves-{culture}@test.aigaq.kz");
        var email = $"new-prosecutor-{culture}@test.aigaq.kz";
        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, asker.Email!, askerKey);

        // Without a reason a prosecutor is not added.
        await page.GotoAsync("/admin/users");
        await page.FillAsync("#Email", email);
        await page.SelectOptionAsync("#Role", Roles.Prosecutor);
        await page.SelectOptionAsync("#Region", "KZ-75");
        await page.FillAsync("#Password", "new-prosecutor-2026");
        await page.FillAsync("#Phone", "8701");
        await page.ClickAsync("#user-form button[type=submit]");
        await Expect(page.Locator("#Reason-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#Phone-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#users")).Not.ToContainTextAsync(email);

        await page.FillAsync("#Reason", "Приказ Генеральной прокуратуры № 311");
        await page.FillAsync("#Phone", "+7 701 555 66 77");
        await page.FillAsync("#Password", "new-prosecutor-2026");
        await page.ClickAsync("#user-form button[type=submit]");
        await Expect(page.Locator("#pending-grants")).ToContainTextAsync(waiting);
        await Expect(page.Locator("#pending-grants")).ToContainTextAsync(email);
        await Expect(page.Locator("#users")).ToContainTextAsync(noRole);
        var (account, grant) = await PendingGrantAsync(email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Kept in E.164, so that the prosecutor's critical alerts also go by SMS.
            Assert.Equal("+77015556677", await scope.ServiceProvider.GetRequiredService<AigaqDb>().Users.Where(u => u.Id == account).Select(u => u.PhoneNumber).SingleAsync());
        }

        // The one who asked may only withdraw. The phone can be changed on the account's page, in E.164 only.
        await page.GotoAsync($"/admin/users/{account}");
        await page.FillAsync("#Phone", "8 701 000");
        await page.ClickAsync("#phone-form button[type=submit]");
        await Expect(page.Locator("#Phone-error")).ToBeVisibleAsync();
        await page.FillAsync("#Phone", "+77017778899");
        await page.ClickAsync("#phone-form button[type=submit]");
        await Expect(page.Locator("p.notice.ok")).ToBeVisibleAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal("+77017778899", await scope.ServiceProvider.GetRequiredService<AigaqDb>().Users.Where(u => u.Id == account).Select(u => u.PhoneNumber).SingleAsync());
        }

        await Expect(page.Locator("#pending-grant")).ToContainTextAsync("Приказ Генеральной прокуратуры № 311");
        await Expect(page.Locator("#approve")).ToHaveCountAsync(0);
        await Expect(page.Locator("#refuse")).ToBeVisibleAsync();
        await Shots.SaveAsync(page, $"role-grant-pending-{culture}");

        await using var second = await app.ContextAsync(culture);
        var approverPage = await second.NewPageAsync();
        await BrowserApp.SignInAsync(approverPage, approver.Email!, approverKey);
        await approverPage.GotoAsync("/admin/users");
        await approverPage.ClickAsync($"#grant-{grant} a");
        await approverPage.ClickAsync("#approve");
        await Expect(approverPage.Locator("p.notice")).ToBeVisibleAsync();
        await Expect(approverPage.Locator("#pending-grant")).ToHaveCountAsync(0);
        await Expect(approverPage.Locator("#history li")).ToHaveCountAsync(1);
        await Expect(approverPage.Locator("#history li .approved-by")).ToContainTextAsync(approvedBy);
        await Expect(approverPage.Locator("#history li .approved-by")).ToContainTextAsync(approver.Email!);
        await Expect(approverPage.Locator("#history li").First).ToContainTextAsync(asker.Email!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(Roles.Prosecutor, await UserAccounts.RoleOfAsync(scope.ServiceProvider.GetRequiredService<AigaqDb>(), account, CancellationToken.None));
        }

        Assert.Contains(await app.AccessLogAsync(approver.Id), e => e.Action == "users.grant.approve" && e.Resource == account.ToString() && e.Outcome == "succeeded");
    }

    /// <summary>The account with this e-mail and its request waiting for a second administrator.</summary>
    private async Task<(Guid Account, Guid Grant)> PendingGrantAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var account = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var grant = await db.Set<RoleGrant>().Where(g => g.UserId == account && g.Status == RoleGrantStatus.Pending).Select(g => g.Id).SingleAsync();
        return (account, grant);
    }

    [Fact]
    public async Task An_officer_is_refused_the_administration_pages()
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "officer-admin@test.aigaq.kz");
        await using var context = await app.ContextAsync("en");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        var response = await page.GotoAsync("/admin/users");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
    }
}
