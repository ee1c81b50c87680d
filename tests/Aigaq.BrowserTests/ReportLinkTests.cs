using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The pages lead to one another: a detention lists the reports made about it, and the
/// prosecutor's dashboard links each report or case alert to its report or case.
/// </summary>
public sealed class ReportLinkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>What a reader sees, written out here so that a missing translation fails.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Seen = new(StringComparer.Ordinal)
    {
        ["kk"] = new(StringComparer.Ordinal) { ["reports"] = "Хабарламалар", ["report"] = "Хабарлама", ["case"] = "Іс", ["waiting"] = "шешімді күтуде" },
        ["ru"] = new(StringComparer.Ordinal) { ["reports"] = "Сообщения", ["report"] = "Сообщение", ["case"] = "Дело", ["waiting"] = "ожидает решения" },
        ["en"] = new(StringComparer.Ordinal) { ["reports"] = "Reports", ["report"] = "Report", ["case"] = "Case", ["waiting"] = "waiting for a decision" },
    };

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_detention_lists_its_reports_and_the_dashboard_links_report_and_case_alerts(string culture)
    {
        var text = Seen[culture];
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-links-{culture}@test.aigaq.kz");
        var (prosecutor, key) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-links-{culture}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Омаров", "Талгат", new DateOnly(1990, 8, 12), rightsExplained: true);

        // Injuries found in custody make a report by themselves, linked to the detention.
        await app.RecordAsync(officer, detention.Id, EventTypes.MedicalExamination, DateTimeOffset.UtcNow.AddMinutes(-5), ("injuriesFound", JsonValue.Create(true)));
        var linked = await WithDbAsync(db => db.Set<Report>().Where(r => r.DetentionId == detention.Id).Select(r => new { r.Id, r.Number }).SingleAsync());
        var (injuries, number) = (linked.Id, linked.Number);

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, prosecutor.Email!, key);
        await page.GotoAsync($"/detentions/{detention.Id}");
        var listed = page.Locator("#reports");
        await Expect(listed.Locator("h2")).ToHaveTextAsync(text["reports"]);
        await Expect(listed.Locator($"#report-{injuries}")).ToContainTextAsync(text["waiting"]);
        await Shots.SaveAsync(page, $"detention-reports-{culture}");
        await listed.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = $"{text["report"]} {number}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/reports/{injuries}");
        await Expect(page.Locator("#report-status")).ToContainTextAsync(text["waiting"]);

        // A report past its deadline, and a case whose body would investigate its own agency: both raise alerts.
        using var http = await app.ApiClientAsync(prosecutor);
        var late = await PostAsync(http, "/api/v1/reports", new
        {
            receivedAt = DateTimeOffset.UtcNow.AddDays(-2),
            source = "relative",
            narrative = "Мать задержанного сообщила об избиении в отделе полиции.",
            region = BrowserApp.Region,
            alleged = new[] { new { agency = "police" } },
        });
        var lateId = late.GetProperty("id").GetGuid();
        var lateNumber = late.GetProperty("number").GetString();
        var erdr = "2675" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var opened = await PostAsync(http, $"/api/v1/reports/{injuries}/register", new { erdrNumber = erdr, registeredAt = DateTimeOffset.UtcNow, part = 1 });
        var caseId = opened.GetProperty("caseId").GetGuid();
        await WithDbAsync(db => CaseScanner.ScanReportsAsync(db, DateTimeOffset.UtcNow, CancellationToken.None));

        await page.GotoAsync("/dashboard");
        var reportLink = page.Locator($"#open-alerts a[href='/reports/{lateId}']");
        await Expect(reportLink).ToHaveTextAsync($"{text["report"]} {lateNumber}");
        var caseLink = page.Locator($"#open-alerts a[href='/cases/{caseId}']");
        await Expect(caseLink).ToHaveTextAsync($"{text["case"]} {erdr}");
        await Shots.SaveAsync(page, $"dashboard-links-{culture}");
        await caseLink.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/cases/{caseId}");
        await Expect(page.Locator("h1")).ToContainTextAsync(erdr);
        await page.GoBackAsync();
        await page.Locator($"#open-alerts a[href='/reports/{lateId}']").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/reports/{lateId}");
        await Expect(page.Locator("#report-status")).ToContainTextAsync(text["waiting"]);
    }

    private async Task<T> WithDbAsync<T>(Func<AigaqDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AigaqDb>());
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {content}");
        return JsonDocument.Parse(content).RootElement.Clone();
    }
}
