using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Deque.AxeCore.Commons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The app with something on every page: detentions with alerts, a report waiting, a case referred to the special
/// prosecutor, a refusal under complaint, and a witnessed log receipt. Seeded once for the class.
/// </summary>
public sealed class AccessibilityHost : WitnessedHost
{
    private readonly SemaphoreSlim _seeding = new(1, 1);
    private Seeded? _seeded;

    public async Task<Seeded> SeededAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            return _seeded ??= await SeedAsync();
        }
        finally
        {
            _seeding.Release();
        }
    }

    /// <summary>A fresh account of a role: each sign-in of a two-step role takes an authenticator code of its own.</summary>
    public async Task<(AppUser User, string? Key)> UserAsync(string role, string tag) =>
        await CreateUserAsync(role, $"{role.ToLowerInvariant()}-{tag}-{Guid.NewGuid():N}@a11y.aigaq.kz");

    private async Task<Seeded> SeedAsync()
    {
        var (officer, _) = await CreateUserAsync(Roles.Officer, "officer@a11y.aigaq.kz");
        var (prosecutor, _) = await CreateUserAsync(Roles.Prosecutor, "prosecutor@a11y.aigaq.kz");
        var held = await RegisterAsync(officer, "Тоқтаров", "Мақсат", new DateOnly(1988, 9, 10), rightsExplained: false);
        await RecordAsync(officer, held.Id, EventTypes.ArrivedAtFacility, held.DetainedAt.AddMinutes(10));
        await RecordAsync(officer, held.Id, EventTypes.ProtocolDrawn, held.DetainedAt.AddMinutes(15), ("protocolNumber", "ПЗ-1"));
        var injured = await RegisterAsync(officer, "Омаров", "Талгат", new DateOnly(1990, 8, 12), rightsExplained: true);
        await RecordAsync(officer, injured.Id, EventTypes.MedicalExamination, DateTimeOffset.UtcNow.AddMinutes(-5), ("injuriesFound", JsonValue.Create(true)));

        Guid custodyReport;
        await using (var scope = Services.CreateAsyncScope())
        {
            custodyReport = await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<Report>()
                .Where(r => r.DetentionId == injured.Id).Select(r => r.Id).SingleAsync();
        }

        using var http = await ApiClientAsync(prosecutor);
        var waiting = await PostAsync(http, "/api/v1/reports", new
        {
            receivedAt = DateTimeOffset.UtcNow.AddDays(-2),
            source = "relative",
            narrative = "Мать задержанного сообщила об избиении в отделе полиции.",
            region = Region,
            victims = new[] { new { lastName = "Омаров", firstName = "Талгат" } },
            alleged = new[] { new { agency = "police" } },
        });
        var refused = await PostAsync(http, "/api/v1/reports", new
        {
            receivedAt = DateTimeOffset.UtcNow.AddHours(-3),
            source = "lawyer",
            narrative = "Подзащитного избили при задержании.",
            region = Region,
            alleged = new[] { new { agency = "police" } },
        });
        var refusedId = refused.GetProperty("id").GetGuid();
        await PostAsync(http, $"/api/v1/reports/{refusedId}/refuse", new { grounds = "Отсутствие события." });
        var complaint = await PostAsync(http, "/api/v1/complaints", new
        {
            kind = "refusal",
            reportId = refusedId,
            grounds = "Побои подтверждены справкой травмпункта; проверка не проводилась.",
            complainant = "victim",
        });
        var erdr = "2675" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var opened = await PostAsync(http, $"/api/v1/reports/{custodyReport}/register", new { erdrNumber = erdr, registeredAt = DateTimeOffset.UtcNow, part = 1 });
        var caseId = opened.GetProperty("caseId").GetGuid();
        await PostAsync(http, $"/api/v1/cases/{caseId}/requalify", new { part = 2, reason = "Установлена цель получения признания." });

        await IntegrateAndWitnessAsync();
        long index;
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
            await CaseScanner.ScanReportsAsync(db, DateTimeOffset.UtcNow, CancellationToken.None);
            index = await db.Set<LedgerEntry>()
                .Where(e => e.Kind == DetentionLedger.Registered && e.RecordId == held.Id).Select(e => e.Index).SingleAsync();
        }

        string receipt;
        using (var anonymous = new HttpClient { BaseAddress = new Uri(BaseUrl) })
        {
            receipt = await anonymous.GetStringAsync($"/api/v1/log/receipts/{index}");
        }

        return new Seeded(
            officer, held, injured, held.Alerts.First(a => a.Code == "RightsNotExplained").Id,
            waiting.GetProperty("id").GetGuid(), caseId, complaint.GetProperty("id").GetGuid(), receipt);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        var content = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding {url}: {(int)response.StatusCode} {content}");
        }

        return content.Length == 0 ? default : JsonDocument.Parse(content).RootElement.Clone();
    }

    public override async Task DisposeAsync()
    {
        _seeding.Dispose();
        await base.DisposeAsync();
    }
}

public sealed record Seeded(
    AppUser Officer, DetentionView Held, DetentionView Injured, Guid AlertId, Guid WaitingReportId, Guid CaseId, Guid ComplaintId, string Receipt);

/// <summary>
/// Every page of the app, in Kazakh, Russian and English, checked with axe-core against WCAG 2.1 A and AA and axe's best
/// practices: no serious or critical violation. The main pages are checked at phone and at desktop size, and a screenshot
/// of each is kept when AIGAQ_SCREENSHOTS names a folder (CI keeps them under TestResults/screenshots). Pages that are
/// forms are also checked in their error state. A wide table is reached and scrolled with the keyboard alone.
/// </summary>
public sealed class AccessibilityTests(AccessibilityHost app) : IClassFixture<AccessibilityHost>
{
    /// <summary>WCAG 2.0 and 2.1, levels A and AA, and axe's best practices; no rule is turned off.</summary>
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    private enum Size
    {
        Phone,
        Desktop,
    }

    private static readonly Size[] BothSizes = [Size.Phone, Size.Desktop];

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Public_pages_have_no_serious_violation(string culture)
    {
        var seeded = await app.SeededAsync();
        var found = new List<string>();
        foreach (var size in BothSizes)
        {
            await using var context = await ContextAsync(culture, size);
            var page = await context.NewPageAsync();
            await VisitAsync(page, "/", culture, size, "home", found);
            await VisitAsync(page, "/lookup", culture, size, "lookup", found);
            await LookupAsync(page, "Тоқтаров", "Мақсат", "1988-09-10");
            await Expect(page.Locator("#lookup-answer")).ToContainTextAsync(Text.Of(culture, "held"));
            await CheckAsync(page, culture, size, "lookup-held", found);
            await VisitAsync(page, "/statistics", culture, size, "statistics", found);
            await VisitAsync(page, "/signin", culture, size, "signin", found);
            if (size == Size.Phone)
            {
                continue;
            }

            await LookupAsync(page, "Тоқтаров", "Мақсат", "1988-09-11");
            await Expect(page.Locator("#lookup-answer")).ToContainTextAsync(Text.Of(culture, "notHeld"));
            await CheckAsync(page, culture, size, "lookup-not-found", found);
            await page.GotoAsync("/lookup");
            await page.ClickAsync("#lookup-form button[type=submit]");
            await Expect(page.Locator("[aria-invalid=true]").First).ToBeVisibleAsync();
            await CheckAsync(page, culture, size, "lookup-errors", found);

            await VisitAsync(page, "/log/receipt", culture, size, "receipt", found);
            await page.ClickAsync("#receipt-form button[type=submit]");
            await Expect(page.Locator("#receipt-text-error")).ToBeVisibleAsync();
            await CheckAsync(page, culture, size, "receipt-errors", found);
            await page.FillAsync("#receipt-text", seeded.Receipt);
            await page.ClickAsync("#receipt-form button[type=submit]");
            await Expect(page.Locator("#receipt-answer")).ToContainTextAsync(Text.Of(culture, "receiptValid"));
            await CheckAsync(page, culture, size, "receipt-valid", found);
            await page.FillAsync("#receipt-text", "not a receipt");
            await page.ClickAsync("#receipt-form button[type=submit]");
            await Expect(page.Locator("#receipt-answer, #receipt-text-error").First).ToBeVisibleAsync();
            await CheckAsync(page, culture, size, "receipt-invalid", found);

            await page.GotoAsync("/signin");
            await page.FillAsync("#email", "nobody@a11y.aigaq.kz");
            await page.FillAsync("#password", "wrong-password-2026");
            await page.ClickAsync("#signin-form button[type=submit]");
            await Expect(page.Locator("#signin-error")).ToHaveTextAsync(Text.Of(culture, "wrongPassword"));
            await CheckAsync(page, culture, size, "signin-error", found);
        }

        // The second step, its refusal, and the enrolment a two-step role without an authenticator is led to.
        await using (var context = await ContextAsync(culture, Size.Desktop))
        {
            var page = await context.NewPageAsync();
            var (prosecutor, _) = await app.UserAsync(Roles.Prosecutor, culture);
            await page.GotoAsync("/signin");
            await page.FillAsync("#email", prosecutor.Email!);
            await page.FillAsync("#password", BrowserApp.Password);
            await page.ClickAsync("#signin-form button[type=submit]");
            await BrowserApp.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/signin/code"));
            await Expect(page.Locator("#code")).ToBeVisibleAsync();
            await CheckAsync(page, culture, Size.Desktop, "signin-code", found);
            await page.FillAsync("#code", "000000");
            await page.ClickAsync("#code-form button[type=submit]");
            await Expect(page.Locator("[role=alert]").First).ToBeVisibleAsync();
            await CheckAsync(page, culture, Size.Desktop, "signin-code-error", found);
        }

        await using (var context = await ContextAsync(culture, Size.Desktop))
        {
            var page = await context.NewPageAsync();
            var (unenrolled, _) = await app.CreateUserAsync(Roles.Prosecutor, $"unenrolled-{culture}-{Guid.NewGuid():N}@a11y.aigaq.kz", enrol: false);
            await BrowserApp.SignInAsync(page, unenrolled.Email!);
            await BrowserApp.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/account/two-factor"));
            await Expect(page.Locator("#authenticator-qr")).ToBeVisibleAsync();
            await CheckAsync(page, culture, Size.Desktop, "two-factor-enrol", found);
            await page.ClickAsync("#enrol-form button[type=submit]");
            await Expect(page.Locator("[role=alert]").First).ToBeVisibleAsync();
            await CheckAsync(page, culture, Size.Desktop, "two-factor-enrol-error", found);
        }

        Assert.True(found.Count == 0, Report(found));
    }

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Officer_pages_have_no_serious_violation(string culture)
    {
        var seeded = await app.SeededAsync();
        var found = new List<string>();
        foreach (var size in BothSizes)
        {
            await using var context = await ContextAsync(culture, size);
            var page = await context.NewPageAsync();
            await BrowserApp.SignInAsync(page, seeded.Officer.Email!);
            await VisitAsync(page, "/detentions/register", culture, size, "register", found);
            await page.FillAsync("#LastName", "Сейітов");
            await page.ClickAsync("#register-submit");
            await Expect(page.Locator("#form-errors")).ToContainTextAsync(Text.Of(culture, "notRegistered"));
            await CheckAsync(page, culture, size, "register-errors", found);
            await VisitAsync(page, "/detentions", culture, size, "detentions", found);
            await VisitAsync(page, $"/detentions/{seeded.Held.Id}", culture, size, "detention", found);
            if (size == Size.Desktop)
            {
                await VisitAsync(page, $"/detentions/{seeded.Injured.Id}", culture, size, "detention-restricted", found);
                await page.GotoAsync("/dashboard");
                await BrowserApp.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/denied"));
                await CheckAsync(page, culture, size, "denied", found);
                await VisitAsync(page, "/signout", culture, size, "signout", found);
            }
        }

        Assert.True(found.Count == 0, Report(found));
    }

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Prosecutor_pages_have_no_serious_violation(string culture)
    {
        var seeded = await app.SeededAsync();
        var found = new List<string>();
        foreach (var size in BothSizes)
        {
            await using var context = await ContextAsync(culture, size);
            var page = await context.NewPageAsync();
            var (prosecutor, key) = await app.UserAsync(Roles.Prosecutor, culture);
            await BrowserApp.SignInAsync(page, prosecutor.Email!, key);
            await VisitAsync(page, "/dashboard", culture, size, "dashboard", found);
            await VisitAsync(page, "/detentions", culture, size, "detentions-prosecutor", found);
            await VisitAsync(page, $"/detentions/{seeded.Injured.Id}", culture, size, "detention-prosecutor", found);
            await VisitAsync(page, "/reports", culture, size, "reports", found);
            await VisitAsync(page, $"/reports/{seeded.WaitingReportId}", culture, size, "report", found);
            await VisitAsync(page, $"/cases/{seeded.CaseId}", culture, size, "case", found);
            await VisitAsync(page, "/cases", culture, size, "cases", found);
            await VisitAsync(page, "/examinations", culture, size, "examinations", found);
            await VisitAsync(page, "/examinations/new", culture, size, "examination-new", found);
            if (size == Size.Phone)
            {
                continue;
            }

            await VisitAsync(page, "/", culture, size, "home-signed-in", found);
            await VisitAsync(page, $"/alerts/{seeded.AlertId}", culture, size, "alert", found);
            await VisitAsync(page, "/reports/new", culture, size, "report-new", found);
            await page.ClickAsync("#report-form button[type=submit]");
            await Expect(page.Locator("#Narrative-error")).ToBeVisibleAsync();
            await CheckAsync(page, culture, size, "report-new-errors", found);
            await VisitAsync(page, "/complaints", culture, size, "complaints", found);
            await VisitAsync(page, $"/complaints/{seeded.ComplaintId}", culture, size, "complaint", found);
            await VisitAsync(page, "/complaints/new", culture, size, "complaint-new", found);
            await page.ClickAsync("#complaint-form button[type=submit]");
            await Expect(page.Locator("#Grounds-error")).ToBeVisibleAsync();
            await CheckAsync(page, culture, size, "complaint-new-errors", found);
            await VisitAsync(page, "/statistics", culture, size, "statistics-prosecutor", found);
            await VisitAsync(page, "/account/two-factor", culture, size, "two-factor", found);
        }

        Assert.True(found.Count == 0, Report(found));
    }

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Special_prosecutor_reviewer_and_administrator_pages_have_no_serious_violation(string culture)
    {
        var seeded = await app.SeededAsync();
        var found = new List<string>();
        foreach (var (role, pages) in new (string, (string Url, string Name)[])[]
        {
            (Roles.SpecialProsecutor, [("/referrals", "referrals"), ($"/cases/{seeded.CaseId}", "case-special")]),
            (Roles.Reviewer, [("/complaints", "complaints-reviewer"), ($"/complaints/{seeded.ComplaintId}", "complaint-reviewer")]),
            (Roles.Administrator, [("/admin/users", "users"), ($"/admin/users/{seeded.Officer.Id}", "user"), ("/admin/facilities", "facilities")]),
        })
        {
            await using var context = await ContextAsync(culture, Size.Desktop);
            var page = await context.NewPageAsync();
            var (user, key) = await app.UserAsync(role, culture);
            await BrowserApp.SignInAsync(page, user.Email!, key);
            foreach (var (url, name) in pages)
            {
                await VisitAsync(page, url, culture, Size.Desktop, name, found);
            }
        }

        Assert.True(found.Count == 0, Report(found));
    }

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_wide_table_on_a_phone_is_reached_with_Tab_and_scrolled_with_the_arrow_keys(string culture)
    {
        await app.SeededAsync();
        await using var context = await ContextAsync(culture, Size.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/statistics");
        var region = page.Locator("#trend-table").Locator("xpath=..");
        Assert.True(await region.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "The trend table fits a phone: pick a wider one.");
        await Expect(region).ToHaveAttributeAsync("role", "region");
        await Expect(region).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex(@"\S"));

        // From the filter above the figures, Tab alone reaches the table's region: no mouse, no swipe.
        await page.Locator("#statistics-filter button[type=submit]").FocusAsync();
        var reached = false;
        for (var presses = 0; presses < 80 && !reached; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await region.EvaluateAsync<bool>("e => document.activeElement === e");
        }

        Assert.True(reached, "Tab never reached the trend table.");
        await Expect(region).ToBeFocusedAsync();
        Assert.Equal(0, await region.EvaluateAsync<int>("e => e.scrollLeft"));
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        // The browser may scroll smoothly: wait for the region to have moved, not for a set time.
        await page.WaitForFunctionAsync("e => e.scrollLeft > 0", await region.ElementHandleAsync());
    }

    private Task<IBrowserContext> ContextAsync(string culture, Size size) => app.ContextAsync(culture, phone: size == Size.Phone);

    private static async Task LookupAsync(IPage page, string last, string first, string born)
    {
        await page.GotoAsync("/lookup");
        await page.FillAsync("#lookup-LastName", last);
        await page.FillAsync("#lookup-FirstName", first);
        await page.FillAsync("#lookup-BirthDate", born);
        await page.ClickAsync("#lookup-form button[type=submit]");
    }

    private static async Task VisitAsync(IPage page, string url, string culture, Size size, string name, List<string> found)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}");
        await CheckAsync(page, culture, size, name, found);
    }

    /// <summary>Runs axe on the page as it is, notes each serious or critical violation, and keeps a screenshot.</summary>
    private static async Task CheckAsync(IPage page, string culture, Size size, string name, List<string> found)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        var result = await AxeCheck.RunAsync(page, Options);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var text = new StringBuilder()
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"{culture} {size} {name} {page.Url}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    {node.Target} {node.Html}");
            }

            found.Add(text.ToString());
        }

        await Shots.SaveAsync(page, $"{culture}-{size.ToString().ToLowerInvariant()}-{name}");
    }

    private static string Report(List<string> found) =>
        $"{found.Count} serious or critical accessibility violation(s):\n" + string.Join("\n", found);
}
