using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The public statistics page: a year and region chosen with labelled filters from the keyboard
/// show that region's funnel (figures the test put in through the API) in the table and the
/// chart, and the CSV export downloads with counts from 1 to 4 shown as "&lt;5". Each language in
/// turn, each in its own region so that the figures are its own.
/// </summary>
public sealed class StatisticsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>What a reader sees, written out here so that a missing translation fails.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Seen = new(StringComparer.Ordinal)
    {
        ["kk"] = new(StringComparer.Ordinal)
        {
            ["region"] = "KZ-35",
            ["regionName"] = "Қарағанды облысы",
            ["phoneRegion"] = "KZ-10",
            ["phoneRegionName"] = "Абай облысы",
            ["title"] = "Хабарламадан үкімге дейін",
            ["year"] = "Жыл",
            ["regionLabel"] = "Өңір",
            ["summary"] = "2023 жылы келіп түскен азаптау мен қатыгездік туралы 12 хабарламаның 5-тен азы сотқа жетті.",
            ["csv"] = "CSV жүктеу",
            ["csvHeader"] = "Жыл,Өңір коды,Өңір,Ведомство,Келіп түсті,Тіркелді,Сотқа жіберілді,Сотталды,Анықталған күдіктілер,Сотқа жіберілген адамдар,Сотталған адамдар,Жарияланбаған",
            ["csvNote"] = "Сотқа жіберілді: <5; Сотталды: <5; Сотталған адамдар: <5",
            ["note"] = "1-ден 4-ке дейінгі сан сызылмайды",
        },
        ["ru"] = new(StringComparer.Ordinal)
        {
            ["region"] = "KZ-55",
            ["regionName"] = "Павлодарская область",
            ["phoneRegion"] = "KZ-11",
            ["phoneRegionName"] = "Акмолинская область",
            ["title"] = "От сообщения до приговора",
            ["year"] = "Год",
            ["regionLabel"] = "Регион",
            ["summary"] = "Из 12 сообщений о пытках и жестоком обращении, поступивших в 2023 году, до суда дошло менее 5.",
            ["csv"] = "Скачать CSV",
            ["csvHeader"] = "Год,Код региона,Регион,Ведомство,Поступило,Зарегистрировано,Направлено в суд,Осуждено,Установлено подозреваемых,Лиц направлено в суд,Лиц осуждено,Не публикуется",
            ["csvNote"] = "Направлено в суд: <5; Осуждено: <5; Лиц осуждено: <5",
            ["note"] = "Число от 1 до 4 не рисуется",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            ["region"] = "KZ-63",
            ["regionName"] = "East Kazakhstan Region",
            ["phoneRegion"] = "KZ-15",
            ["phoneRegionName"] = "Aktobe Region",
            ["title"] = "From report to verdict",
            ["year"] = "Year",
            ["regionLabel"] = "Region",
            ["summary"] = "Of 12 reports of torture or ill-treatment received in 2023, fewer than 5 reached court.",
            ["csv"] = "Download as CSV",
            ["csvHeader"] = "Year,Region code,Region,Agency,Received,Registered,Sent to court,Convicted,Suspects identified,Persons sent to court,Persons convicted,Not published",
            ["csvNote"] = "Sent to court: <5; Convicted: <5; Persons convicted: <5",
            ["note"] = "A count from 1 to 4 is not drawn",
        },
    };

    [Fact]
    public async Task An_injected_inline_script_is_refused_by_the_content_security_policy()
    {
        await using var context = await app.ContextAsync("en", phone: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/statistics");

        // What an injection would add to a page: the browser refuses to run it and says why.
        var refusal = await Assert.ThrowsAsync<PlaywrightException>(() => page.AddScriptTagAsync(new() { Content = "window.injected = true;" }));

        Assert.Contains("Content Security Policy directive 'script-src 'self''", refusal.Message, StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
    }

    public static TheoryData<string, bool> CulturesAndScreens()
    {
        var data = new TheoryData<string, bool>();
        foreach (var culture in new[] { "kk", "ru", "en" })
        {
            data.Add(culture, false);
            data.Add(culture, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CulturesAndScreens))]
    public async Task A_reader_chooses_a_year_and_region_and_sees_its_charts_tables_and_export(string culture, bool phone)
    {
        var text = Seen[culture];
        var region = text[phone ? "phoneRegion" : "region"];
        await CohortAsync(culture + (phone ? "-phone" : ""), region, received: 12, registered: 7, sent: 2, convicted: 1);

        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await page.GotoAsync("/statistics");
        await Expect(page.Locator("h1")).ToHaveTextAsync(text["title"]);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);

        // The filters, found by their labels and used from the keyboard.
        var year = page.GetByLabel(text["year"], new() { Exact = true });
        var regions = page.GetByLabel(text["regionLabel"], new() { Exact = true });
        await year.FocusAsync();
        await year.SelectOptionAsync("2023");
        await page.Keyboard.PressAsync("Tab");
        await Expect(regions).ToBeFocusedAsync();
        await regions.SelectOptionAsync(region);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#statistics-filter button[type=submit]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await BrowserApp.ExpectUrlAsync(page, new Regex("year=2023.*region=" + region));

        // The table: 12 received, 7 registered; 2 sent to court and 1 convicted are too few to show, and the headline
        // says so in words.
        await Expect(page.Locator("#funnel-table caption")).ToContainTextAsync(text[phone ? "phoneRegionName" : "regionName"]);
        await Expect(page.Locator("#funnel-table tbody td")).ToHaveTextAsync(["12", "7", "<5", "<5"]);
        await Expect(page.Locator("#funnel-summary")).ToHaveTextAsync(text["summary"]);
        await Expect(regions).ToHaveValueAsync(region);

        // People: two cases of three suspects each, sent to court with three each; one person convicted (too few).
        await Expect(page.Locator("#people-table tbody td")).ToHaveTextAsync(["6", "6", "<5"]);

        // The charts: drawn by Chart.js from the same figures; a suppressed count has no bar (not even a zero one), and
        // its mark is drawn in its place; the note under the charts says why.
        foreach (var chart in new[] { "funnel-chart", "people-chart", "detention-chart" })
        {
            await Expect(page.Locator("#" + chart)).ToHaveAttributeAsync("data-ready", "true");
            Assert.True(await page.EvaluateAsync<bool>($"() => {{ const c = document.getElementById('{chart}'); return c.width > 0 && c.height > 0; }}"), chart);
            await Expect(page.Locator("#" + chart)).ToHaveAttributeAsync("role", "img");
        }

        Assert.Equal(["12", "7", "null", "null"], await DrawnAsync(page, "funnel-chart"));
        await Expect(page.Locator("#funnel-chart")).ToHaveAttributeAsync("data-marks", "[\"<5\",\"<5\"]");
        Assert.Equal(["6", "6", "null"], await DrawnAsync(page, "people-chart"));
        await Expect(page.Locator("#people-chart")).ToHaveAttributeAsync("data-marks", "[\"<5\"]");

        // A region's months are not published (the country's less the other regions' would give them away); the page
        // says so.
        await Expect(page.Locator("#region-figures-note")).ToBeVisibleAsync();
        await Expect(page.Locator("#trend-chart")).ToHaveCountAsync(0);
        await Expect(page.Locator(".chart-note").First).ToContainTextAsync(text["note"]);
        await Shots.SaveAsync(page, $"statistics-{culture}-{(phone ? "phone" : "desktop")}");
        Assert.Empty(refused);

        // The export, as a reader downloads it from the page: an attachment named for the year, headers in the reader's
        // language, numbers alone in the number columns and what is not published in the last.
        var link = page.GetByRole(AriaRole.Link, new() { Name = text["csv"], Exact = true });
        var href = await link.GetAttributeAsync("href");
        using (var answer = await new HttpClient { BaseAddress = new Uri(app.BaseUrl) }.GetAsync(href))
        {
            Assert.Equal("attachment", answer.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("aigaq-funnel-2023.csv", answer.Content.Headers.ContentDisposition?.FileNameStar ?? answer.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal("text/csv", answer.Content.Headers.ContentType?.MediaType);
        }

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("aigaq-funnel-2023.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split("\r\n");
        Assert.Equal(text["csvHeader"], lines[0]);
        Assert.Contains($"2023,{region},{text[phone ? "phoneRegionName" : "regionName"]},,12,7,,,6,6,,{text["csvNote"]}", lines);
    }

    [Fact]
    public async Task Without_script_the_tables_carry_every_figure()
    {
        // A year of its own, so that its small count withholds nothing in the other tests' year.
        await CohortAsync("noscript", "KZ-19", received: 6, registered: 1, sent: 0, convicted: 0, year: 2022);
        await using var context = await app.ContextAsync("en", phone: true);
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/*.js*", route => route.AbortAsync());

        await page.GotoAsync("/statistics?year=2022&region=KZ-19");

        await Expect(page.Locator("#funnel-table tbody td")).ToHaveTextAsync(["6", "<5", "0", "0"]);
        await Expect(page.Locator("#funnel-chart")).Not.ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("#detention-table tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("#people-table tbody td")).ToHaveTextAsync(["0", "0", "0"]);

        // The country's page, the only one with months, has the table of all twelve.
        await page.GotoAsync("/statistics?year=2022");
        await Expect(page.Locator("#trend-table tbody tr")).ToHaveCountAsync(12);
    }

    [Fact]
    public async Task The_page_shows_the_share_of_torture_cases_with_an_Istanbul_Protocol_examination()
    {
        // Five torture cases of a year and region of their own, each with an examination requested, none started.
        const string region = "KZ-43";
        var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, "prosecutor-statistics-examinations@test.aigaq.kz", enrol: false, region: region);
        using var http = await app.ApiClientAsync(prosecutor);
        // Requests are taken for the last year only, so these are of two days ago (local time), in its year.
        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5)).AddDays(-2);
        for (var i = 0; i < 5; i++)
        {
            var at = start.AddMinutes(i * 10);
            var report = await PostAsync(http, "/api/v1/reports", new { receivedAt = at, source = "lawyer", narrative = "Избит в ИВС.", region, alleged = new[] { new { agency = "police" } } });
            var opened = await PostAsync(http, $"/api/v1/reports/{report.GetProperty("id").GetGuid()}/register", new
            {
                erdrNumber = string.Create(CultureInfo.InvariantCulture, $"{start.Year % 100:D2}{region[3..]}03107{i:D6}"),
                registeredAt = at.AddHours(2),
                part = 2,
            });
            await PostAsync(http, "/api/v1/examinations", new
            {
                requestedAt = at.AddHours(3),
                requestedBy = new { kind = "prosecutor" },
                person = new { lastName = "Тулегенов", firstName = "Марат", birthDate = "1990-01-02" },
                caseId = opened.GetProperty("caseId").GetGuid(),
            });
        }

        await using var context = await app.ContextAsync("en", phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"/statistics?year={start.Year}&region={region}"));

        await Expect(page.Locator("#examination-table tbody td.share")).ToHaveTextAsync(["100%", "0%", "0%"]);
        await Expect(page.Locator("#examination-chart")).ToHaveAttributeAsync("data-ready", "true");
        Assert.Equal(["100", "0", "0"], await DrawnAsync(page, "examination-chart"));
    }

    /// <summary>The values a chart's first dataset draws, null for none.</summary>
    private static async Task<string[]> DrawnAsync(IPage page, string chart)
    {
        var drawn = await page.EvaluateAsync<JsonElement>($"() => {{ const c = Chart.getChart('{chart}'); return c ? c.data.datasets[0].data : null; }}");
        Assert.Equal(JsonValueKind.Array, drawn.ValueKind);
        return [.. drawn.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "null" : v.GetRawText())];
    }

    /// <summary>
    /// Reports of a year (2023 unless said) in a region through the API, as a supervisory prosecutor's office system
    /// would send them: the first <paramref name="registered"/> registered, of those the first
    /// <paramref name="sent"/> sent to court and the first <paramref name="convicted"/> convicted.
    /// </summary>
    private async Task CohortAsync(string culture, string region, int received, int registered, int sent, int convicted, int year = 2023)
    {
        var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-statistics-{culture}@test.aigaq.kz", enrol: false, region: region);
        using var http = await app.ApiClientAsync(prosecutor);
        var start = new DateTimeOffset(year, 4, 3, 10, 0, 0, TimeSpan.FromHours(6));
        for (var i = 0; i < received; i++)
        {
            var at = start.AddDays(i * 7);
            var report = await PostAsync(http, "/api/v1/reports", new
            {
                receivedAt = at,
                source = "lawyer",
                narrative = "Подзащитного избивали в ИВС, требуя признания.",
                region,
                alleged = new[] { new { agency = "police" } },
            });
            if (i >= registered)
            {
                continue;
            }

            var registeredAt = at.AddHours(5);
            var opened = await PostAsync(http, $"/api/v1/reports/{report.GetProperty("id").GetGuid()}/register", new
            {
                erdrNumber = string.Create(CultureInfo.InvariantCulture, $"{year % 100}{region[3..]}0310{Array.IndexOf(["kk", "ru", "en"], culture) + 1}{i:D6}"),
                registeredAt,
                part = 2,
            });
            if (i >= sent)
            {
                continue;
            }

            var stages = $"/api/v1/cases/{opened.GetProperty("caseId").GetGuid()}/stages";
            await PostAsync(http, stages, new { stage = "suspectIdentified", at = registeredAt.AddDays(30), persons = 3 });
            await PostAsync(http, stages, new { stage = "sentToCourt", at = registeredAt.AddDays(90), persons = 3 });
            if (i < convicted)
            {
                await PostAsync(http, stages, new { stage = "verdict", at = registeredAt.AddDays(150), outcome = "convicted" });
            }
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
