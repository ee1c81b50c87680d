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
            ["title"] = "Хабарламадан үкімге дейін",
            ["year"] = "Жыл",
            ["regionLabel"] = "Өңір",
            ["summary"] = "2023 жылы келіп түскен азаптау мен қатыгездік туралы 12 хабарламаның <5 сотқа жетті (—).",
            ["csv"] = "CSV жүктеу",
        },
        ["ru"] = new(StringComparer.Ordinal)
        {
            ["region"] = "KZ-55",
            ["regionName"] = "Павлодарская область",
            ["title"] = "От сообщения до приговора",
            ["year"] = "Год",
            ["regionLabel"] = "Регион",
            ["summary"] = "Из 12 сообщений о пытках и жестоком обращении, поступивших в 2023 году, до суда дошли <5 (—).",
            ["csv"] = "Скачать CSV",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            ["region"] = "KZ-63",
            ["regionName"] = "East Kazakhstan Region",
            ["title"] = "From report to verdict",
            ["year"] = "Year",
            ["regionLabel"] = "Region",
            ["summary"] = "Of 12 reports of torture or ill-treatment received in 2023, <5 reached court (—).",
            ["csv"] = "Download as CSV",
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

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_reader_chooses_a_year_and_region_and_sees_its_funnel_chart_and_export(string culture)
    {
        var text = Seen[culture];
        var region = text["region"];
        await CohortAsync(culture, region, received: 12, registered: 7, sent: 2, convicted: 1);

        await using var context = await app.ContextAsync(culture, phone: false);
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

        // The table: 12 received, 7 registered; 2 sent to court and 1 convicted are too few to show.
        await Expect(page.Locator("#funnel-table caption")).ToContainTextAsync(text["regionName"]);
        await Expect(page.Locator("#funnel-table tbody td")).ToHaveTextAsync(["12", "7", "<5", "<5"]);
        await Expect(page.Locator("#funnel-summary")).ToHaveTextAsync(text["summary"]);
        await Expect(regions).ToHaveValueAsync(region);

        // The chart: drawn by Chart.js from the same figures, the hidden ones left out.
        await Expect(page.Locator("#funnel-chart")).ToHaveAttributeAsync("data-ready", "true");
        var drawn = await page.EvaluateAsync<JsonElement>("() => { const c = Chart.getChart('funnel-chart'); return c ? c.data.datasets[0].data : null; }");
        Assert.Equal(JsonValueKind.Array, drawn.ValueKind);
        Assert.Equal(["12", "7", "null", "null"], drawn.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "null" : v.GetRawText()).ToArray());
        Assert.True(await page.EvaluateAsync<bool>("() => { const c = document.getElementById('funnel-chart'); return c.width > 0 && c.height > 0; }"));
        await Shots.SaveAsync(page, $"statistics-{culture}");
        Assert.Empty(refused);

        // The export, as a reader downloads it from the page.
        var link = page.GetByRole(AriaRole.Link, new() { Name = text["csv"] });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = csv.Split('\n');
        Assert.Equal("year,region,agency,received,registered,sentToCourt,convicted", lines[0]);
        Assert.Contains($"2023,{region},all,12,7,<5,<5", lines);
    }

    /// <summary>
    /// Reports of 2023 in a region through the API, as a supervisory prosecutor's office system
    /// would send them: the first <paramref name="registered"/> registered, of those the first
    /// <paramref name="sent"/> sent to court and the first <paramref name="convicted"/> convicted.
    /// </summary>
    private async Task CohortAsync(string culture, string region, int received, int registered, int sent, int convicted)
    {
        var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-statistics-{culture}@test.aigaq.kz", enrol: false, region: region);
        using var http = await app.ApiClientAsync(prosecutor);
        var start = new DateTimeOffset(2023, 4, 3, 10, 0, 0, TimeSpan.FromHours(6));
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
                erdrNumber = string.Create(CultureInfo.InvariantCulture, $"23{region[3..]}0310{Array.IndexOf(["kk", "ru", "en"], culture) + 1}{i:D6}"),
                registeredAt,
                part = 2,
            });
            if (i >= sent)
            {
                continue;
            }

            var stages = $"/api/v1/cases/{opened.GetProperty("caseId").GetGuid()}/stages";
            await PostAsync(http, stages, new { stage = "suspectIdentified", at = registeredAt.AddDays(30) });
            await PostAsync(http, stages, new { stage = "sentToCourt", at = registeredAt.AddDays(90) });
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
