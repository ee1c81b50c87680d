using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The visit page's shell is fetched only when needed and is not a second access entry (issue 17; ADR 0030, addendum):
/// one opening of the page is one <c>visit.read</c> naming its reader, the shell's fetch is logged as <c>visit.shell</c>;
/// an answer stored changes nothing the shell shows and fetches no shell; a change of the visit's state (the headcount
/// recorded) fetches one. Each shell the server answers is one <c>visit.shell</c> entry, so the entries count the
/// worker's requests for it.
/// </summary>
public sealed class VisitShellTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task One_opening_is_one_visit_read_an_answer_fetches_no_shell_and_a_change_of_state_fetches_one()
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "shell-planner@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "shell-reader@visits.aigaq.kz");
        var id = (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(1), VisitKind.Regular, false,
            [new TeamMemberInput(null, "Айгүл Сейтқалиева", TeamRole.Lead, TeamSex.Female), new TeamMemberInput(null, "Марат Оспанов", TeamRole.Doctor, TeamSex.Male)]),
            user, default))).Id;
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<ApproveVisitTeam>().HandleAsync(id, new ApproveVisitTeamRequest(null), user, default));
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<RecordArrival>().HandleAsync(
            id, new RecordArrivalRequest(DateTimeOffset.UtcNow.AddMinutes(-10), null), user, default));

        await using var context = await app.ContextAsync("en");
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        var record = page.Locator("#visit-record");

        // Opened once: the shell is kept for the state shown, one visit read names the reader, the shell's read is marked.
        await Expect(record).ToHaveAttributeAsync("data-kept-state", "inProgress.uncounted.en");
        await Expect(page.Locator("#visit-offline-ready")).ToBeVisibleAsync();
        var reads = await EntriesAsync("visit.read");
        Assert.Equal(monitor.Id, Assert.Single(reads));
        Assert.Equal([monitor.Id], await EntriesAsync("visit.shell"));

        // Opened again with nothing changed: a read of the page, and the shell kept is the one shown: not fetched again.
        await page.ReloadAsync();
        await Expect(record).ToHaveAttributeAsync("data-kept-state", "inProgress.uncounted.en");
        Assert.Equal(2, (await EntriesAsync("visit.read")).Count);
        Assert.Single(await EntriesAsync("visit.shell"));

        // An answer stored: the page shows it, the state is the same, no shell is fetched.
        await page.ClickAsync("details[data-theme=safeguards] summary");
        await page.SelectOptionAsync("[id='answers-safeguards-answers.familyNotified']", "no");
        await page.ClickAsync("#answers-safeguards-form > button[type=submit]");
        await Expect(page.Locator("#answer-familyNotified")).ToContainTextAsync("Answered: No");
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();

        // The headcount recorded changes the state: the shell is fetched once more, for the new state.
        await page.FillAsync("#headcount-people-0-lastName", "Кенжебаев");
        await page.FillAsync("#headcount-people-0-firstName", "Ардак");
        await page.ClickAsync("#headcount-form button[type=submit]");
        await Expect(page.Locator("#headcount-entries li")).ToHaveCountAsync(1);
        await Expect(record).ToHaveAttributeAsync("data-kept-state", "inProgress.counted.en");
        Assert.Equal([monitor.Id, monitor.Id], await EntriesAsync("visit.shell"));
        Assert.Empty(refused);

        async Task<List<Guid?>> EntriesAsync(string action)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var resource = id.ToString();
            return await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<AccessLogEntry>()
                .Where(e => e.Action == action && e.Resource == resource).Select(e => e.UserId).ToListAsync();
        }
    }
}
