using System.Text;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Visits;
using Deque.AxeCore.Commons;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// A visit's page reloaded with no connection (issue 17, item 9; ADR 0030, "The visit page without a connection"): the
/// visits' service worker keeps the page's shell, so the page opens again inside a facility with no connection, the entries
/// waiting on the device are still listed, one more can be made, and each is stored once when the connection returns.
/// What the worker keeps holds nothing that names or points at a person: no team name, headcount name or interview code,
/// and no API answer. The shell opened offline, with its "no connection" notice, passes axe (the rules of
/// AccessibilityTests) in Kazakh, Russian and English.
/// </summary>
public sealed class VisitOfflineTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>As AccessibilityTests: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices; no rule is turned off.</summary>
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    private const string Lead = "Айгүл Сейтқалиева";
    private const string Found = "Кенжебаев";
    private const string Code = "Q-41";

    [Fact]
    public async Task A_visit_page_reloaded_offline_shows_its_shell_keeps_what_waits_and_stores_an_answer_once_when_the_connection_returns()
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "offline-planner@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "offline-reload@visits.aigaq.kz");
        var id = (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(1), VisitKind.Regular, false,
            [new TeamMemberInput(null, Lead, TeamRole.Lead, TeamSex.Female), new TeamMemberInput(null, "Марат Оспанов", TeamRole.Doctor, TeamSex.Male)]),
            user, default))).Id;

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        // Online: the team approved, the arrival, a headcount naming a person and an interview under a code.
        await page.ClickAsync("#approve-form button[type=submit]");
        await Expect(page.Locator("#visit-status")).ToHaveTextAsync("Группа утверждена");
        await page.ClickAsync("#arrival-form button[type=submit]");
        await Expect(page.Locator("#arrival")).ToBeVisibleAsync();
        await page.FillAsync("#headcount-people-0-lastName", Found);
        await page.FillAsync("#headcount-people-0-firstName", "Ардак");
        await page.ClickAsync("#headcount-form button[type=submit]");
        await Expect(page.Locator("#headcount-entries li")).ToHaveCountAsync(1);
        await page.FillAsync("#interview-code", Code);
        await page.CheckAsync("#interview-consent");
        await page.ClickAsync("#interview-form button[type=submit]");
        await Expect(page.Locator($"#interview-list li[data-code='{Code}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#team li")).ToHaveCountAsync(2);

        // Opened again online: the page is under the worker and says it now opens with no connection.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await Expect(page.Locator("#visit-offline-ready")).ToBeVisibleAsync();

        // What the worker keeps: the shell and its scripts and styles; no API answer, and no person in the shell.
        var kept = await page.EvaluateAsync<string[]>("() => caches.open('aigaq-visits-v1').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))");
        Assert.Contains($"/visits/{id}", kept);
        Assert.Contains("/js/visits.js", kept);
        Assert.DoesNotContain(kept, k => k.StartsWith("/api/", StringComparison.Ordinal));
        var shell = await page.EvaluateAsync<string>("() => caches.open('aigaq-visits-v1').then(c => c.match(location.pathname)).then(r => r.text())");
        Assert.Contains("visit-shell", shell, StringComparison.Ordinal);
        Assert.All(new[] { Lead, Found, "Ардак", Code }, s => Assert.DoesNotContain(s, shell, StringComparison.Ordinal));

        // No connection, reload: the shell comes from the device, with its forms and without what the team recorded.
        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("#visit-shell")).ToBeVisibleAsync();
        await Expect(page.Locator("#visit-facility")).ToHaveTextAsync(app.Facility.Name);
        await Expect(page.Locator("#visit-status")).ToHaveTextAsync("Идёт");
        await Expect(page.Locator("#team li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#headcount-entries li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#interview-list li")).ToHaveCountAsync(0);
        await AxeAsync(page, "ru");

        // An answer made offline waits on the device, and still waits after another reload with no connection.
        await page.ClickAsync("details[data-theme=safeguards] summary");
        await page.SelectOptionAsync("[id='answers-safeguards-answers.familyNotified']", "no");
        await page.ClickAsync("#answers-safeguards-form > button[type=submit]");
        await Expect(page.Locator("#visit-outbox-list li.waiting")).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await Expect(page.Locator("#visit-shell")).ToBeVisibleAsync();
        await Expect(page.Locator("#visit-outbox-list li.waiting")).ToHaveCountAsync(1);
        Assert.Equal(0, await AnswersAsync(id));

        // The connection returns: the answer is sent, stored once, and the page shows the visit as recorded again.
        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();
        await Expect(page.Locator("#answer-familyNotified")).ToContainTextAsync("Ответ: Нет");
        await Expect(page.Locator("#visit-shell")).ToHaveCountAsync(0);
        await Expect(page.Locator("#team li")).ToHaveCountAsync(2);
        Assert.Equal(1, await AnswersAsync(id));

        // Nothing waits any more: a reload sends nothing again.
        await page.ReloadAsync();
        await Expect(page.Locator("#answer-familyNotified")).ToContainTextAsync("Ответ: Нет");
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();
        Assert.Equal(1, await AnswersAsync(id));
        Assert.Empty(refused);

        async Task<int> AnswersAsync(Guid visitId)
        {
            // Through the API, as an outside client reads the visit: the item's answers and how many times it was answered.
            using var api = await app.ApiClientAsync(monitor);
            var visit = JsonNode.Parse(await api.GetStringAsync($"/api/v1/visits/{visitId}"))!;
            var answer = visit["checklistAnswers"]!.AsArray().SingleOrDefault(a => a!["itemId"]!.GetValue<string>() == "familyNotified");
            if (answer is null)
            {
                return 0;
            }

            Assert.Equal("no", answer["value"]!.GetValue<string>());
            return answer["revisions"]!.GetValue<int>();
        }
    }

    [Theory]
    [InlineData("kk", "Байланыс жоқ: бұл беттің осы құрылғыда сақталған көшірмесі")]
    [InlineData("en", "No connection: this is the copy of the page kept on this device")]
    public async Task A_visit_page_reloaded_offline_shows_its_shell_and_notice_in_the_language_with_no_accessibility_violation(string culture, string notice)
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, $"offline-planner-{culture}@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, $"offline-reload-{culture}@visits.aigaq.kz");
        var id = (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(1), VisitKind.Regular, false,
            [new TeamMemberInput(null, Lead, TeamRole.Lead, TeamSex.Female), new TeamMemberInput(null, "Марат Оспанов", TeamRole.Doctor, TeamSex.Male)]),
            user, default))).Id;
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<ApproveVisitTeam>().HandleAsync(id, new ApproveVisitTeamRequest(null), user, default));
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<RecordArrival>().HandleAsync(
            id, new RecordArrivalRequest(DateTimeOffset.UtcNow.AddMinutes(-10), null), user, default));

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        await Expect(page.Locator("#visit-offline-ready")).ToBeVisibleAsync();
        await Expect(page.Locator("#team li")).ToHaveCountAsync(2);

        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("#visit-shell")).ToContainTextAsync(notice);
        await Expect(page.Locator("#visit-facility")).ToHaveTextAsync(app.Facility.Name);
        await Expect(page.Locator("#team li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#headcount-form")).ToBeVisibleAsync();
        await AxeAsync(page, culture);
        Assert.Empty(refused);
    }

    /// <summary>Axe on the page as it is (the shell, offline): no serious or critical violation; a screenshot is kept.</summary>
    private static async Task AxeAsync(IPage page, string culture)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        var result = await AxeCheck.RunAsync(page, Options);
        var found = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => new StringBuilder()
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"{culture} visit shell offline: {v.Id} ({v.Impact}) {v.Help}")
            .AppendJoin("", v.Nodes.Select(n => $"\n    {n.Target} {n.Html}")).ToString()).ToList();
        await Shots.SaveAsync(page, $"{culture}-phone-visit-shell-offline");
        Assert.Empty(found);
    }
}
