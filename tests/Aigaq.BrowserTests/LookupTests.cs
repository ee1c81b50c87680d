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

    public static TheoryData<string, bool> CulturesAndSizes => new()
    {
        { "kk", true }, { "ru", true }, { "en", true }, { "kk", false }, { "ru", false }, { "en", false },
    };

    [Theory]
    [MemberData(nameof(CulturesAndSizes))]
    public async Task A_relative_finds_Bauyrzhan_typing_Baurzhan_in_Cyrillic_or_Latin_letters(string culture, bool phone)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-spelling-{culture}-{phone}@test.aigaq.kz");
        var suffix = (phone ? "бек" : "бай") + culture switch { "kk" => "қ", "ru" => "р", _ => "н" };
        var latinSuffix = (phone ? "bek" : "bai") + culture switch { "kk" => "q", "ru" => "r", _ => "n" };
        await app.RegisterAsync(officer, "Тоқтаров" + suffix, "Бауыржан", new DateOnly(1990, 4, 12), rightsExplained: true);

        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        foreach (var (last, first) in new[] { ("Токтаров" + suffix, "Бауржан"), ("Toktarov" + latinSuffix, "Baurzhan") })
        {
            await page.GotoAsync("/lookup");
            await page.FillAsync("#lookup-LastName", last);
            await page.FillAsync("#lookup-FirstName", first);
            await page.FillAsync("#lookup-BirthDate", "1990-04-12");
            await page.ClickAsync("#lookup-form button[type=submit]");

            var answer = page.Locator("#lookup-answer");
            await Expect(answer).ToContainTextAsync(Text.Of(culture, "held"));
            await Expect(answer).ToContainTextAsync(app.Facility.Name);
            await Expect(answer).ToContainTextAsync(Text.Of(culture, "detainedBy"));
            await Expect(page.Locator("#lookup-agency")).ToHaveTextAsync("ДП г. Алматы");
            await Expect(page.Locator("#lookup-phone")).ToHaveAttributeAsync("href", "tel:+77272000101");
        }

        await Shots.SaveAsync(page, $"lookup-spelling-{culture}-{(phone ? "phone" : "desktop")}");
    }

    [Theory]
    [MemberData(nameof(CulturesAndSizes))]
    public async Task A_miss_is_never_shown_as_reassurance(string culture, bool phone)
    {
        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lookup");
        await page.FillAsync("#lookup-LastName", "Жоқов");
        await page.FillAsync("#lookup-FirstName", "Бар");
        await page.FillAsync("#lookup-BirthDate", "1970-01-01");
        await page.ClickAsync("#lookup-form button[type=submit]");

        var answer = page.Locator("#lookup-answer");
        await Expect(answer).ToContainTextAsync(Text.Of(culture, "notHeld"));
        await Expect(answer).ToContainTextAsync(Text.Of(culture, "notProof"));
        await Expect(answer).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bok\b"));
        await Expect(answer.Locator("li")).ToHaveCountAsync(4);
        await Shots.SaveAsync(page, $"lookup-miss-{culture}-{(phone ? "phone" : "desktop")}");
    }
}

/// <summary>The lookup page has its own limit, says so in the reader's language and keeps what was typed.</summary>
public sealed class LookupLimitTests(LimitedLookupHost app) : IClassFixture<LimitedLookupHost>
{
    [Theory]
    [InlineData("kk", true)]
    [InlineData("en", false)]
    public async Task Past_the_limit_the_lookup_answers_429_with_a_localized_message_and_the_names_kept(string culture, bool phone)
    {
        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        IResponse? last = null;
        for (var i = 0; i < 3; i++)
        {
            await page.GotoAsync("/lookup");
            await page.FillAsync("#lookup-LastName", "Иванов" + culture);
            await page.FillAsync("#lookup-FirstName", "Иван");
            await page.FillAsync("#lookup-Patronymic", "Петрович");
            await page.FillAsync("#lookup-BirthDate", "1980-01-0" + (i + 1));
            last = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#lookup-form button[type=submit]"), r => r.Url.EndsWith("/lookup/answer", StringComparison.Ordinal));
        }

        Assert.Equal(429, last!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of(culture, "tooMany"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await Expect(page.Locator("#lookup-LastName")).ToHaveValueAsync("Иванов" + culture);
        await Expect(page.Locator("#lookup-FirstName")).ToHaveValueAsync("Иван");
        await Expect(page.Locator("#lookup-Patronymic")).ToHaveValueAsync("Петрович");
        await Expect(page.Locator("#lookup-BirthDate")).ToHaveValueAsync("1980-01-03");
        await Expect(page.Locator("#lookup-answer")).ToHaveCountAsync(0);
        await Shots.SaveAsync(page, $"lookup-limit-{culture}-{(phone ? "phone" : "desktop")}");
    }
}
