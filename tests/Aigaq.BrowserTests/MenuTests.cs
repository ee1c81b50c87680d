using Aigaq.Access;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>Issue 14, item 10: every link in the menu opens the page it names, for every role; none bounces back.</summary>
public sealed class MenuTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    public static TheoryData<string, string> RolesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        var languages = new[] { "kk", "ru", "en" };
        for (var i = 0; i < Roles.All.Count; i++)
        {
            data.Add(Roles.All[i], languages[i % languages.Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Every_menu_link_opens_its_own_page(string role, string culture)
    {
        var (user, key) = await app.CreateUserAsync(role, $"menu-{role.ToLowerInvariant()}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture, phone: false);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, user.Email!, key);

        var links = await MenuLinksAsync(page);
        Assert.Contains("/lookup", links);
        Assert.DoesNotContain(SecondFactorGate.EnrolPath, links);
        await ExpectEachToOpenAsync(page, links);
    }

    [Fact]
    public async Task Before_the_second_factor_is_set_up_the_menu_offers_only_what_opens()
    {
        var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, "menu-unenrolled@test.aigaq.kz", enrol: false);
        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, prosecutor.Email!);

        // Whatever the page asked for, the session is held at enrolment; the menu there shows only pages it may open.
        await page.GotoAsync("/reports");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor$"));
        var links = await MenuLinksAsync(page);
        Assert.Equal([SecondFactorGate.EnrolPath, "/lookup", "/statistics"], links);
        await Expect(page.Locator("header nav a[href='/account/two-factor']")).ToHaveTextAsync("Настроить двухэтапный вход");
        await ExpectEachToOpenAsync(page, links);

        // The home page leads there too, in one step.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/two-factor$"));

        // The public statistics and their downloads stay open to it, as to anyone.
        var csv = await page.APIRequest.GetAsync("/api/v1/statistics/funnel.csv");
        Assert.Equal(200, csv.Status);
    }

    private static async Task<IReadOnlyList<string>> MenuLinksAsync(IPage page) =>
        (await page.Locator("header nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).ToList();

    private static async Task ExpectEachToOpenAsync(IPage page, IReadOnlyList<string> links)
    {
        foreach (var link in links)
        {
            var answer = await page.GotoAsync(link);
            Assert.NotNull(answer);
            Assert.True(answer.Ok, $"{link} answered {answer.Status}");
            Assert.Equal(link, new Uri(page.Url).AbsolutePath);
        }
    }
}
