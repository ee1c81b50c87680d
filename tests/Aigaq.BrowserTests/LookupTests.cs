using Aigaq.Access;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>The public lookup, anonymous, reached through the language switcher.</summary>
public sealed class LookupTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly Dictionary<string, string> SwitcherLabels = new(StringComparer.Ordinal)
    {
        ["kk"] = "Қазақша",
        ["ru"] = "Русский",
        ["en"] = "English",
    };

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_relative_learns_where_a_person_is_held_and_nothing_more(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-lookup-{culture}@test.aigaq.kz");
        var last = "Тоқтаров" + culture;
        var detention = await app.RegisterAsync(officer, last, "Мақсат", new DateOnly(1988, 9, 10), rightsExplained: true);

        // Start in another language and switch: the choice is remembered on the next page.
        await using var context = await app.ContextAsync(culture == "en" ? "kk" : "en");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lookup");
        await page.GetByRole(AriaRole.Button, new() { Name = SwitcherLabels[culture] }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of(culture, "lookup"));

        await page.FillAsync("#lookup-LastName", last);
        await page.FillAsync("#lookup-FirstName", "Мақсат");
        await page.FillAsync("#lookup-BirthDate", "1988-09-10");
        await page.ClickAsync("#lookup-form button[type=submit]");
        var answer = page.Locator("#lookup-answer");
        await Expect(answer).ToContainTextAsync(Text.Of(culture, "held"));
        await Expect(answer).ToContainTextAsync(app.Facility.Name);
        await Expect(answer).Not.ToContainTextAsync(detention.Number);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await Shots.SaveAsync(page, $"lookup-{culture}");

        await page.FillAsync("#lookup-BirthDate", "1988-09-11");
        await page.ClickAsync("#lookup-form button[type=submit]");
        await Expect(page.Locator("#lookup-answer")).ToContainTextAsync(Text.Of(culture, "notHeld"));
    }
}

/// <summary>The lookup page goes through the API's rate limiter and says so in the reader's language.</summary>
public sealed class LookupLimitTests(LimitedLookupHost app) : IClassFixture<LimitedLookupHost>
{
    [Fact]
    public async Task Past_the_limit_the_lookup_answers_429_with_a_localized_message()
    {
        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        IResponse? last = null;
        for (var i = 0; i < 3; i++)
        {
            await page.GotoAsync("/lookup");
            await page.FillAsync("#lookup-LastName", "Иванов");
            await page.FillAsync("#lookup-FirstName", "Иван");
            await page.FillAsync("#lookup-BirthDate", "1980-01-01");
            last = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#lookup-form button[type=submit]"), r => r.Url.EndsWith("/lookup/answer", StringComparison.Ordinal));
        }

        Assert.Equal(429, last!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of("kk", "tooMany"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "kk");
    }
}
