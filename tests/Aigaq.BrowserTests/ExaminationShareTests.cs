using System.Net.Http.Json;
using System.Text.Json;
using Aigaq.Access;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// A share of a sealed examination (issue 16, item 9) on a phone 390 x 844, with no account: the link shows the
/// recipient's name at the top and the finding, its PDF link answers a PDF; once the examiner revokes the share, the same
/// link shows the neutral 404 page.
/// </summary>
public sealed class ExaminationShareTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Finding = "Кровоподтёк на груди 4 x 3 см";

    [Fact]
    public async Task A_judge_opens_the_shared_record_on_a_phone_until_the_share_is_revoked()
    {
        var (investigatorUser, _) = await app.CreateUserAsync(Roles.Investigator, $"investigator-share-{Guid.NewGuid():N}@test.aigaq.kz");
        var (expertUser, _) = await app.CreateUserAsync(Roles.ForensicExpert, $"expert-share-{Guid.NewGuid():N}@test.aigaq.kz");
        using var investigator = await app.ApiClientAsync(investigatorUser);
        using var expert = await app.ApiClientAsync(expertUser);
        var now = DateTimeOffset.UtcNow;
        var id = (await PostAsync(investigator, "/api/v1/examinations", new
        {
            requestedAt = now.AddHours(-1),
            requestedBy = new { kind = "investigator" },
            person = new { lastName = "Оспанов", firstName = "Ерболат" },
        })).GetProperty("id").GetString();
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
            items = new { examination = true, photographs = true, intimatePhotographs = true, shareWithInvestigators = true, shareWithCourt = true, shareWithDefender = true },
        });
        await PostAsync(expert, $"{url}/findings", new
        {
            view = "front",
            bodyRegion = "chest",
            x = 0.5,
            y = 0.3,
            description = Finding,
            consistency = "consistent",
            rationale = "Соответствует удару",
        });
        await PostAsync(expert, $"{url}/seal", new { opinion = "consistent", conclusions = "Могли образоваться", recommendations = "Нет", policePresent = false });
        var share = await PostAsync(expert, $"{url}/shares", new { recipientName = "Судья Ахметова Б. К.", recipientRole = "judge", expiresAt = now.AddDays(5) });
        var link = share.GetProperty("url").GetString()!;

        await using var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            Locale = "ru-RU",
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.Locator("#share-recipient strong")).ToHaveTextAsync("Судья Ахметова Б. К.");
        await Expect(page.Locator("#share-findings")).ToContainTextAsync(Finding);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page fits the phone's width");
        var href = await page.Locator("#share-pdf").GetAttributeAsync("href");
        Assert.EndsWith("/report.pdf?lang=ru", href, StringComparison.Ordinal);
        var pdf = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"], StringComparison.Ordinal);

        await PostAsync(expert, $"{url}/shares/{share.GetProperty("id").GetString()}/revoke", new { reason = "заседание отложено" });
        var gone = await page.GotoAsync(link);
        Assert.Equal(404, gone!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("По этой ссылке ничего нет");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(Finding);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
