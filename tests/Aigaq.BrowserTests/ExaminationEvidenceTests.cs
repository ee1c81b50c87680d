using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Cli;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The examination's evidence in the pages (issue 16, items 5 and 9), on a phone 390 x 844: the examiner adds a photograph
/// from the page, is told in Russian what is missing, sends it again after its answer was lost and gets it once, and sees
/// its thumbnail without a reload; without consent to photographs the form is a notice. After the seal the examiner makes
/// a share, copies the link shown once and revokes it from the page; the link, opened with no account, shows the photograph
/// it may and withholds the intimate one. Both pages pass axe.
/// </summary>
public sealed class ExaminationEvidenceTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Axe = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    [Fact]
    public async Task The_examiner_adds_a_photograph_on_a_phone_and_a_send_again_after_a_lost_answer_adds_it_once()
    {
        var (expertUser, key) = await app.CreateUserAsync(Roles.ForensicExpert, $"expert-photo-{Guid.NewGuid():N}@test.aigaq.kz");
        using var expert = await app.ApiClientAsync(expertUser);
        var (url, _, findingId) = await ExaminationAsync(expert, photographs: true);
        var (refusedUrl, _, _) = await ExaminationAsync(expert, photographs: false);

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, expertUser.Email!, key);
        var pagePath = url.Replace("/api/v1", "", StringComparison.Ordinal);
        await page.GotoAsync(refusedUrl.Replace("/api/v1", "", StringComparison.Ordinal));
        await Expect(page.Locator("#photos-not-consented")).ToContainTextAsync("не дало согласия на фотосъёмку");
        await Expect(page.Locator("#photo-form")).ToHaveCountAsync(0);

        await page.GotoAsync(pagePath);
        await Expect(page.Locator("#no-photos")).ToBeVisibleAsync();
        await Expect(page.Locator("#photo-file")).ToHaveAttributeAsync("capture", "environment");

        // Without a file, the server's problem is shown in Russian beside the field.
        await page.ClickAsync("#photo-form button[type=submit]");
        await Expect(page.Locator("#photo-file-error")).ToHaveTextAsync("обязательно");
        await Expect(page.Locator("#photo-file")).ToHaveAttributeAsync("aria-invalid", "true");

        // The first send reaches the server but its answer is lost; the page says so and keeps the key for the send again.
        var lost = true;
        await page.RouteAsync("**/api/v1/examinations/*/photos", async route =>
        {
            if (route.Request.Method == "POST" && lost)
            {
                lost = false;
                await route.FetchAsync();
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        await page.SetInputFilesAsync("#photo-file", new FilePayload { Name = "chest.png", MimeType = "image/png", Buffer = DemoExaminationPhotos.Png(0) });
        await page.SelectOptionAsync("#photo-finding", findingId);
        await page.CheckAsync("#photo-scale");
        await page.CheckAsync("#photo-chart");
        await page.ClickAsync("#photo-form button[type=submit]");
        await Expect(page.Locator("#photo-errors")).ToContainTextAsync("Дважды она не добавится");
        Assert.Equal(1, await PhotoCountAsync(expert, url));

        await page.ClickAsync("#photo-form button[type=submit]");
        await Expect(page.Locator("#photo-status")).ToHaveTextAsync("Фотография добавлена.");
        var thumbnails = page.Locator("#examination-photos li img");
        await Expect(thumbnails).ToHaveCountAsync(1);
        await thumbnails.ScrollIntoViewIfNeededAsync();
        await Expect(thumbnails).ToHaveJSPropertyAsync("naturalWidth", DemoExaminationPhotos.Width);
        await Expect(page.Locator("#examination-photos li small")).ToContainTextAsync("Грудь");
        Assert.Equal(1, await PhotoCountAsync(expert, url));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page fits the phone's width");
        await CheckAxeAsync(page, "examination with photographs");
    }

    [Fact]
    public async Task The_examiner_shares_from_the_page_and_the_link_shows_the_photograph_it_may_and_withholds_the_intimate_one()
    {
        var (expertUser, key) = await app.CreateUserAsync(Roles.ForensicExpert, $"expert-evshare-{Guid.NewGuid():N}@test.aigaq.kz");
        using var expert = await app.ApiClientAsync(expertUser);
        var (url, _, findingId) = await ExaminationAsync(expert, photographs: true);
        await PhotoAsync(expert, url, DemoExaminationPhotos.Png(1), ("findingId", findingId));
        await PhotoAsync(expert, url, DemoExaminationPhotos.Png(2), ("intimate", "true"));
        await PostAsync(expert, $"{url}/seal", new { opinion = "consistent", conclusions = "Могли образоваться", recommendations = "Нет", policePresent = false });

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, expertUser.Email!, key);
        await page.GotoAsync(url.Replace("/api/v1", "", StringComparison.Ordinal));
        await Expect(page.Locator("#no-shares")).ToBeVisibleAsync();
        await page.FillAsync("#share-name", "Судья Ахметова Б. К.");
        await page.SelectOptionAsync("#share-role", "judge");
        await page.FillAsync("#share-days", "5");
        await page.ClickAsync("#share-form button[type=submit]");
        var link = page.Locator("#share-link");
        await Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/examinations/shared/[A-Za-z0-9_-]{43}$"));
        await Expect(page.Locator("#shares li.share .share-recipient")).ToHaveTextAsync("Судья Ахметова Б. К.");
        var shared = await link.InputValueAsync();

        // Opened with no account: the plain photograph shown, the intimate one withheld (the consent opens it to investigators only).
        await using (var fresh = await app.ContextAsync("ru"))
        {
            var judge = await fresh.NewPageAsync();
            await judge.GotoAsync(shared);
            await Expect(judge.Locator("#share-photos li")).ToHaveCountAsync(2);
            var shown = judge.Locator("#share-photos li[data-withheld=false] img");
            await Expect(shown).ToHaveCountAsync(1);
            await shown.ScrollIntoViewIfNeededAsync();
            await Expect(shown).ToHaveJSPropertyAsync("naturalWidth", DemoExaminationPhotos.Width);
            await Expect(judge.Locator("#share-photos li[data-withheld=true] img")).ToHaveCountAsync(0);
            await Expect(judge.Locator("#share-photos li[data-withheld=true]")).ToContainTextAsync("Скрыта");
            await CheckAxeAsync(judge, "share page with photographs");
        }

        // Revoked from the page, with a reason: the list empties and the link opens nothing.
        await page.FillAsync("#shares li.share input[name=reason]", "заседание отложено");
        await page.ClickAsync("#shares li.share button[type=submit]");
        await Expect(page.Locator("#no-shares")).ToBeVisibleAsync();
        await Expect(page.Locator("#shares li")).ToHaveCountAsync(0);
        await using var after = await app.ContextAsync("ru");
        var gone = await (await after.NewPageAsync()).GotoAsync(shared);
        Assert.Equal(404, gone!.Status);
    }

    /// <summary>An examination with its examiner, session, consent (intimate photographs for investigators only) and a finding.</summary>
    private async Task<(string Url, string Id, string FindingId)> ExaminationAsync(HttpClient expert, bool photographs)
    {
        var (investigatorUser, _) = await app.CreateUserAsync(Roles.Investigator, $"investigator-ev-{Guid.NewGuid():N}@test.aigaq.kz");
        using var investigator = await app.ApiClientAsync(investigatorUser);
        var now = DateTimeOffset.UtcNow;
        var id = (await PostAsync(investigator, "/api/v1/examinations", new
        {
            requestedAt = now.AddHours(-1),
            requestedBy = new { kind = "investigator" },
            person = new { lastName = "Оспанов", firstName = "Ерболат" },
        })).GetProperty("id").GetString()!;
        var url = $"/api/v1/examinations/{id}";
        await PostAsync(expert, $"{url}/examiner", new { name = "Каримова Салтанат", qualifications = "эксперт", employer = "forensicCentre", independenceDeclared = true });
        await PostAsync(expert, $"{url}/session", new
        {
            place = "ЦСЭ г. Алматы",
            startedAt = now.AddMinutes(-30),
            present = new[] { new { name = "Каримова С.", affiliation = "examiner" } },
            policePresent = false,
        });
        await PostAsync(expert, $"{url}/consent", new
        {
            at = now.AddMinutes(-29),
            items = new
            {
                examination = true,
                photographs,
                intimatePhotographs = photographs,
                shareWithInvestigators = true,
                shareWithCourt = true,
                shareWithDefender = true,
                intimateToInvestigators = photographs,
                intimateToDefender = false,
            },
            refusalReason = "Интимные снимки только следствию.",
        });
        var finding = await PostAsync(expert, $"{url}/findings", new
        {
            view = "front",
            bodyRegion = "chest",
            x = 0.5,
            y = 0.3,
            description = "Кровоподтёк на груди 4 x 3 см",
            consistency = "consistent",
            rationale = "Соответствует удару",
        });
        return (url, id, finding.GetProperty("id").GetString()!);
    }

    private static async Task PhotoAsync(HttpClient client, string url, byte[] png, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        form.Add(new StringContent("true"), "scaleShown");
        form.Add(new StringContent("true"), "colourChartShown");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await client.PostAsync($"{url}/photos", form);
        Assert.True(response.IsSuccessStatusCode, $"photo: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<int> PhotoCountAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("photos").GetArrayLength();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task CheckAxeAsync(IPage page, string name)
    {
        var result = await AxeCheck.RunAsync(page, Axe);
        var found = new StringBuilder();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            found.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n{name}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                found.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    {node.Target} {node.Html}");
            }
        }

        Assert.True(found.Length == 0, "serious or critical accessibility violations:" + found);
    }
}
