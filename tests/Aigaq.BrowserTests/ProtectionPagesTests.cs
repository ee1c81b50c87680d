using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The app with a protection register to look at, seeded once through the API: two custodians of the region with their
/// keys, a protected person with an application and a reprisal, and an identity request the first custodian may decide.
/// </summary>
public sealed class ProtectionPagesHost : BrowserApp
{
    public const string Passphrase = "хранитель тайны личности";

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private ProtectionWorld? _world;

    public async Task<ProtectionWorld> WorldAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            return _world ??= await SeedAsync();
        }
        finally
        {
            _seeding.Release();
        }
    }

    private async Task<ProtectionWorld> SeedAsync()
    {
        var (a, _) = await CreateUserAsync(Roles.ProtectionOfficer, "custodian-a@protection.aigaq.kz");
        var (b, _) = await CreateUserAsync(Roles.ProtectionOfficer, "custodian-b@protection.aigaq.kz");
        using var ha = await ApiClientAsync(a);
        using var hb = await ApiClientAsync(b);
        await PostAsync(ha, "/api/v1/custodian-keys", new { passphrase = Passphrase });
        await PostAsync(hb, "/api/v1/custodian-keys", new { passphrase = Passphrase });
        var person = (await PostAsync(ha, "/api/v1/protected-persons", new
        {
            identity = new { person = new { lastName = "Сейітов", firstName = "Нұрлан", birthDate = "1990-07-01" }, phone = "+77015550022" },
            role = "complainant",
            disclosure = "confidential",
            risk = "high",
        })).GetProperty("id").GetGuid();
        await PostAsync(ha, $"/api/v1/protected-persons/{person}/applications", new
        {
            receivedAt = DateTimeOffset.UtcNow.AddHours(-2),
            measures = new[] { "personalGuard" },
            decidingBody = new { kind = "prosecutor", name = "Прокуратура г. Алматы" },
        });
        await PostAsync(ha, "/api/v1/reprisals", new
        {
            protectedPersonId = person,
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            type = "threat",
            perpetrator = new { agency = "police" },
            description = "Угрозы по телефону",
            source = "person",
            reliability = "credible",
        });
        var request = (await PostAsync(hb, $"/api/v1/protected-persons/{person}/identity-requests", new { reason = "Вызов на допрос свидетеля" }))
            .GetProperty("id").GetGuid();
        return new ProtectionWorld(person, request);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        var content = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding {url}: {(int)response.StatusCode} {content}");
        }

        return JsonDocument.Parse(content).RootElement.Clone();
    }

    public override async Task DisposeAsync()
    {
        _seeding.Dispose();
        await base.DisposeAsync();
    }
}

public sealed record ProtectionWorld(Guid Person, Guid Request);

/// <summary>
/// Issue 15, item 10, on a phone: the protection officer registers a person, files an application, records a reprisal and
/// asks for the identity; a custodian enrols a key, finds the request and grants it with the passphrase; the requester
/// alone opens the identity, on a response no cache keeps. The pages have no serious accessibility violation in kk, ru, en.
/// </summary>
public sealed class ProtectionPagesTests(ProtectionPagesHost app) : IClassFixture<ProtectionPagesHost>
{
    private const string Passphrase = ProtectionPagesHost.Passphrase;

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    [Fact]
    public async Task An_officer_registers_and_asks_a_custodian_grants_and_the_requester_alone_sees_the_identity()
    {
        await app.WorldAsync();
        var (custodian, custodianKey) = await app.CreateUserAsync(Roles.ProtectionOfficer, "custodian-journey@protection.aigaq.kz");
        var (officer, officerKey) = await app.CreateUserAsync(Roles.ProtectionOfficer, "officer-journey@protection.aigaq.kz");

        // The custodian enrols a key first: identities are sealed for the keys that exist when a person is registered.
        await using var custodianContext = await app.ContextAsync("ru");
        var c = await PhoneAsync(custodianContext, custodian, custodianKey);
        await c.GotoAsync("/protection/keys");
        await c.FillAsync("#Passphrase", "short");
        await c.ClickAsync("#enrol-key-form button[type=submit]");
        await Expect(c.Locator("#Passphrase-error")).ToBeVisibleAsync();
        await c.FillAsync("#Passphrase", Passphrase);
        await c.ClickAsync("#enrol-key-form button[type=submit]");
        await Expect(c.Locator("#keys-message")).ToBeVisibleAsync();
        await Expect(c.Locator("#key-verified")).ToHaveTextAsync("Да");

        // The officer, who will ask, enrols a key of their own to see what is granted, then registers the person.
        await using var officerContext = await app.ContextAsync("ru");
        var o = await PhoneAsync(officerContext, officer, officerKey);
        await o.GotoAsync("/protection/keys");
        await o.FillAsync("#Passphrase", Passphrase);
        await o.ClickAsync("#enrol-key-form button[type=submit]");
        await Expect(o.Locator("#keys-message")).ToBeVisibleAsync();

        await o.GotoAsync("/protection");
        await o.ClickAsync("#register-person-form button[type=submit]");
        await Expect(o.Locator("#LastName-error")).ToBeVisibleAsync();
        await o.FillAsync("#LastName", "Жұмабаев");
        await o.FillAsync("#FirstName", "Асқар");
        await o.FillAsync("#BirthDate", "1988-04-12");
        await o.FillAsync("#Phone", "+77015550011");
        await o.SelectOptionAsync("#Role", "Witness");
        await o.SelectOptionAsync("#Risk", "High");
        await o.ClickAsync("#register-person-form button[type=submit]");
        await BrowserApp.ExpectUrlAsync(o, new Regex("/protection/[0-9a-f-]{36}$"));
        await Expect(o.Locator("#pseudonym")).ToHaveTextAsync(new Regex("^P-[0-9]{7,}$"));
        await Expect(o.Locator("body")).Not.ToContainTextAsync("Жұмабаев");
        Assert.True(await o.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The person's page scrolls sideways on a phone.");
        var personUrl = o.Url;

        await o.ClickAsync("#application-details summary");
        await o.CheckAsync("#app-measures-personalGuard");
        await o.SelectOptionAsync("#app-DecidingBodyKind", "prosecutor");
        await o.FillAsync("#app-DecidingBodyName", "Прокуратура г. Алматы");
        await o.ClickAsync("#application-form button[type=submit]");
        await Expect(o.Locator("#applications .application")).ToHaveCountAsync(1);
        await Expect(o.Locator("#applications")).ToContainTextAsync("Личная охрана");

        await o.ClickAsync("#reprisal-details summary");
        await o.SelectOptionAsync("#reprisal-Type", "threat");
        await o.SelectOptionAsync("#reprisal-Agency", "Police");
        await o.FillAsync("#reprisal-Description", "Участковый угрожал делом по ст. 419");
        await o.SelectOptionAsync("#reprisal-Source", "person");
        await o.SelectOptionAsync("#reprisal-Reliability", "Credible");
        await o.ClickAsync("#reprisal-form button[type=submit]");
        await Expect(o.Locator("#reprisals .reprisal")).ToHaveCountAsync(1);
        await Expect(o.Locator("#person-alerts")).ToContainTextAsync("Сообщение о преследовании");

        // Retention (item 9): the date the records are kept until, never shortened, extended with a reason.
        // (Years as the page shows them, in Almaty's time.)
        var almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");
        int YearThere(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, almaty).Year;
        await Expect(o.Locator("#retain-until")).ToContainTextAsync(YearThere(DateTime.UtcNow.AddYears(5)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await o.ClickAsync("#retention-details summary");
        await o.FillAsync("#retention-RetainUntil", DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await o.FillAsync("#retention-Reason", "Дело в суде");
        await o.ClickAsync("#retention-form button[type=submit]");
        await Expect(o.Locator("#retention-RetainUntil-error")).ToBeVisibleAsync();
        await Expect(o.Locator("#retention-extensions li")).ToHaveCountAsync(0);
        var later = DateTime.UtcNow.AddYears(8);
        await o.FillAsync("#retention-RetainUntil", later.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await o.ClickAsync("#retention-form button[type=submit]");
        await Expect(o.Locator("#retention-extensions li")).ToHaveCountAsync(1);
        await Expect(o.Locator("#retention-extensions")).ToContainTextAsync("Дело в суде");
        await Expect(o.Locator("#retain-until")).ToContainTextAsync(YearThere(later).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await o.ClickAsync("#identity-details summary");
        await o.ClickAsync("#identity-form button[type=submit]");
        await Expect(o.Locator("#ask-Reason-error")).ToBeVisibleAsync();
        await o.FillAsync("#ask-Reason", "Вызов свидетеля на допрос по делу о пытках");
        await o.ClickAsync("#identity-form button[type=submit]");
        await BrowserApp.ExpectUrlAsync(o, new Regex("/protection/requests/[0-9a-f-]{36}$"));
        var requestPath = new Uri(o.Url).AbsolutePath;
        await Expect(o.Locator("#request-status")).ToHaveTextAsync("Ожидает решения");
        await Expect(o.Locator("#open-identity-form")).ToHaveCountAsync(0);

        // The custodian finds it among the region's pending requests and grants it with a reason and the passphrase.
        await c.GotoAsync("/protection/requests");
        await c.ClickAsync($"#pending-requests a[href='{requestPath}']");
        await Expect(c.Locator("#request-history")).ToContainTextAsync("Вызов свидетеля на допрос по делу о пытках");
        await c.CheckAsync("#decision-Granted");
        await c.FillAsync("#Reason", "Допрос обоснован, на сутки");
        await c.ClickAsync("#decide-request-form button[type=submit]");
        await Expect(c.Locator("#Passphrase-error")).ToBeVisibleAsync();
        await c.CheckAsync("#decision-Granted");
        await c.FillAsync("#Reason", "Допрос обоснован, на сутки");
        await c.FillAsync("#Passphrase", Passphrase);
        await c.ClickAsync("#decide-request-form button[type=submit]");
        await Expect(c.Locator("#request-status")).ToHaveTextAsync("Разрешено");
        await Expect(c.Locator("#request-history .decision")).ToContainTextAsync("Допрос обоснован, на сутки");
        await Expect(c.Locator("#identity")).ToHaveCountAsync(0);

        // The requester opens it with their passphrase: shown on that response only, which no cache keeps.
        await o.GotoAsync(requestPath);
        await o.FillAsync("#Passphrase", Passphrase);
        var shown = await o.RunAndWaitForResponseAsync(
            () => o.ClickAsync("#open-identity-form button[type=submit]"), r => r.Url.Contains("handler=Open", StringComparison.Ordinal));
        Assert.Contains("no-store", (await shown.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
        await Expect(o.Locator("#identity-lastName")).ToHaveTextAsync("Жұмабаев");
        await Expect(o.Locator("#identity-phone")).ToHaveTextAsync("+77015550011");
        await Expect(o.Locator("#request-history .view")).ToHaveCountAsync(1);
        await o.GotoAsync(requestPath);
        await Expect(o.Locator("#identity")).ToHaveCountAsync(0);
        await o.GotoAsync(personUrl);
        await Expect(o.Locator("body")).Not.ToContainTextAsync("Жұмабаев");

        // Another protection officer of the region reads the history but cannot open the identity, even by posting the form.
        await using var otherContext = await app.ContextAsync("ru");
        var (otherOfficer, otherKey) = await app.CreateUserAsync(Roles.ProtectionOfficer, "officer-other@protection.aigaq.kz");
        var other = await PhoneAsync(otherContext, otherOfficer, otherKey);
        await other.GotoAsync(requestPath);
        await Expect(other.Locator("#request-history")).ToBeVisibleAsync();
        await Expect(other.Locator("#open-identity-form")).ToHaveCountAsync(0);
        var status = await other.EvaluateAsync<int>(
            """
            async (passphrase) => {
                const token = document.querySelector('input[name=__RequestVerificationToken]').value;
                const body = new URLSearchParams({ Passphrase: passphrase, __RequestVerificationToken: token });
                return (await fetch(location.pathname + '?handler=Open', { method: 'POST', body })).status;
            }
            """, Passphrase);
        Assert.Equal(404, status);
        await other.GotoAsync(requestPath);
        await Expect(other.Locator("body")).Not.ToContainTextAsync("Жұмабаев");
    }

    [Fact]
    public async Task The_protection_pages_have_no_serious_violation_on_a_phone_in_kk_ru_and_en()
    {
        var world = await app.WorldAsync();
        var found = new List<string>();

        // A custodian of the region who neither asked nor decided: the request page offers them the decision. One
        // sign-in, and the language switched as the switcher does, by its cookie, to keep the pass short.
        var (custodian, key) = await app.CreateUserAsync(Roles.ProtectionOfficer, "custodian-a11y@protection.aigaq.kz");
        await using var context = await app.ContextAsync("kk");
        var page = await PhoneAsync(context, custodian, key);
        foreach (var culture in new[] { "kk", "ru", "en" })
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseUrl }]);
            await VisitAsync(page, "/protection", culture, "protection", found);
            await page.ClickAsync("#register-person-form button[type=submit]");
            await Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
            await CheckAsync(page, culture, "protection-errors", found);
            await VisitAsync(page, $"/protection/{world.Person}", culture, "protected-person", found, openDetails: true);
            await VisitAsync(page, "/protection/keys", culture, "custodian-key", found);
            await VisitAsync(page, "/protection/requests", culture, "identity-requests", found);
            await Expect(page.Locator($"#request-{world.Request}")).ToBeVisibleAsync();
            await VisitAsync(page, $"/protection/requests/{world.Request}", culture, "identity-request", found);
        }

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n" + string.Join("\n", found));
    }

    /// <summary>A page of a signed-in user, 375 pixels wide: the narrowest phone the pages are made for.</summary>
    private static async Task<IPage> PhoneAsync(IBrowserContext context, AppUser user, string? key)
    {
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(375, 812);
        await BrowserApp.SignInAsync(page, user.Email!, key);
        return page;
    }

    private static async Task VisitAsync(IPage page, string url, string culture, string name, List<string> found, bool openDetails = false)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}");
        if (openDetails)
        {
            var closed = page.Locator("details:not([open]) > summary");
            while (await closed.CountAsync() > 0)
            {
                await closed.First.ClickAsync();
            }
        }

        await CheckAsync(page, culture, name, found);
    }

    private static async Task CheckAsync(IPage page, string culture, string name, List<string> found)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        var result = await AxeCheck.RunAsync(page, Options);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var text = new StringBuilder().Append(System.Globalization.CultureInfo.InvariantCulture, $"{culture} {name} {page.Url}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    {node.Target} {node.Html}");
            }

            found.Add(text.ToString());
        }

        await Shots.SaveAsync(page, $"{culture}-phone-{name}");
    }
}
