using System.Text;
using Aigaq.Access;
using Aigaq.Visits;
using Deque.AxeCore.Commons;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The list of visits reloaded with no connection on a phone (issue 17, item 9; ADR 0030, "The visit page without a
/// connection"): /visits opens from the list's shell kept by the visits' service worker, says it has no connection in the
/// page's language, and lists the visits whose pages' shells this device keeps (and only those), each linked to its page,
/// which opens from its shell. The list's shell itself holds no visit: what it lists is read on the device from the
/// visit shells, so nothing personal is kept beyond what they hold. The list offline passes axe.
/// </summary>
public sealed class VisitListOfflineTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>As AccessibilityTests: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices; no rule is turned off.</summary>
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    private const string Lead = "Айгүл Сейтқалиева";

    [Theory]
    [InlineData("kk", "Байланыс жоқ: бұл осы құрылғыда сақталған тізім", "Жүріп жатыр", "Топ бекітілген", "Байланыс жоқ: бұл беттің осы құрылғыда сақталған көшірмесі")]
    [InlineData("ru", "Нет связи: это список, сохранённый на этом устройстве", "Идёт", "Группа утверждена", "Нет связи: это копия страницы, сохранённая на этом устройстве")]
    [InlineData("en", "No connection: this is the list kept on this device", "In progress", "Team approved", "No connection: this is the copy of the page kept on this device")]
    public async Task The_visits_list_reloaded_offline_lists_the_visits_this_device_keeps_in_the_language_and_each_opens(
        string culture, string notice, string inProgress, string approved, string visitNotice)
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, $"list-planner-{culture}@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, $"list-offline-{culture}@visits.aigaq.kz");
        async Task<VisitPlanned> PlanAsync(int hours) => await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(hours), VisitKind.Regular, false,
            [new TeamMemberInput(null, Lead, TeamRole.Lead, TeamSex.Female), new TeamMemberInput(null, "Марат Оспанов", TeamRole.Doctor, TeamSex.Male)]),
            user, default));
        var going = await PlanAsync(1);
        var next = await PlanAsync(30);
        var unopened = await PlanAsync(60);
        foreach (var visit in new[] { going, next, unopened })
        {
            await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<ApproveVisitTeam>().HandleAsync(visit.Id, new ApproveVisitTeamRequest(null), user, default));
        }

        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<RecordArrival>().HandleAsync(
            going.Id, new RecordArrivalRequest(DateTimeOffset.UtcNow.AddMinutes(-10), null), user, default));

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);

        // Two visits opened on this phone with a connection: their shells are kept. The third is never opened here.
        foreach (var visit in new[] { going, next })
        {
            await page.GotoAsync($"/visits/{visit.Id}");
            await Expect(page.Locator("#visit-offline-ready")).ToBeVisibleAsync();
        }

        // The list, with a connection: all three, and it says it now opens without one.
        await page.GotoAsync("/visits");
        await Expect(page.Locator($"#visit-{unopened.Id}")).ToHaveCountAsync(1);
        await Expect(page.Locator("#visit-list")).ToHaveAttributeAsync("data-kept-state", $"list.{culture}");
        await Expect(page.Locator("#visits-offline-ready")).ToBeVisibleAsync();

        // What is kept for the list is its frame: no visit's number or id, no name, no place.
        var kept = await page.EvaluateAsync<string>("() => caches.open('aigaq-visits-v1').then(c => c.match('/visits')).then(r => r.text())");
        Assert.Contains("visits-shell", kept, StringComparison.Ordinal);
        Assert.All(
            new[] { going.Number, next.Number, unopened.Number, going.Id.ToString(), next.Id.ToString(), unopened.Id.ToString(), Lead, app.Facility.Name },
            s => Assert.DoesNotContain(s, kept, StringComparison.Ordinal));

        // No connection, reload: the list's shell, its notice in the page's language, the two visits this phone keeps
        // (newest planned first) with their status in that language, and not the one never opened here.
        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("#visits-shell")).ToContainTextAsync(notice);
        await Expect(page.Locator("#visit-list")).ToHaveAttributeAsync("data-listed", "2");
        var rows = page.Locator("#visits li");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal([$"visit-{next.Id}", $"visit-{going.Id}"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)"));
        await Expect(page.Locator($"#visit-{going.Id}")).ToContainTextAsync(going.Number);
        await Expect(page.Locator($"#visit-{going.Id}")).ToContainTextAsync(app.Facility.Name);
        await Expect(page.Locator($"#visit-{going.Id} .visit-status")).ToHaveTextAsync(inProgress);
        await Expect(page.Locator($"#visit-{next.Id} .visit-status")).ToHaveTextAsync(approved);
        await Expect(page.Locator($"#visit-{unopened.Id}")).ToHaveCountAsync(0);
        await Expect(page.Locator("#no-visits")).ToBeHiddenAsync();
        await Expect(page.Locator("#plan-form")).ToHaveCountAsync(0);
        await AxeAsync(culture);

        // A visit of the list opens from its shell, still with no connection.
        await page.ClickAsync($"#visit-{going.Id} a");
        await page.WaitForURLAsync($"**/visits/{going.Id}");
        await Expect(page.Locator("#visit-shell")).ToContainTextAsync(visitNotice);
        await Expect(page.Locator("#visit-facility")).ToHaveTextAsync(app.Facility.Name);
        await Expect(page.Locator("#team li")).ToHaveCountAsync(0);
        Assert.Empty(refused);

        async Task AxeAsync(string language)
        {
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            var result = await AxeCheck.RunAsync(page, Options);
            var found = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => new StringBuilder()
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"{language} visits list offline: {v.Id} ({v.Impact}) {v.Help}")
                .AppendJoin("", v.Nodes.Select(n => $"\n    {n.Target} {n.Html}")).ToString()).ToList();
            await Shots.SaveAsync(page, $"{language}-phone-visits-list-offline");
            Assert.Empty(found);
        }
    }

    [Fact]
    public async Task The_visits_list_offline_on_a_device_that_keeps_no_visit_says_so()
    {
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "list-offline-none@visits.aigaq.kz");
        await using var context = await app.ContextAsync("en");
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync("/visits");
        await Expect(page.Locator("#visits-offline-ready")).ToBeVisibleAsync();

        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("#visits-shell")).ToBeVisibleAsync();
        await Expect(page.Locator("#visit-list")).ToHaveAttributeAsync("data-listed", "0");
        await Expect(page.Locator("#no-visits")).ToHaveTextAsync("No visit is kept on this device: open a visit's page with a connection first.");
        await Expect(page.Locator("#visits li")).ToHaveCountAsync(0);
        Assert.Empty(refused);
    }
}
