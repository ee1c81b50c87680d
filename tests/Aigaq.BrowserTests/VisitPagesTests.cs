using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Visits;
using Deque.AxeCore.Commons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The monitoring-visit pages on a phone (issue 17, items 1-4 and 9): a monitor reaches /visits from the menu, reads the
/// region's visits and the plan with its reasons, and plans a visit with a team through the form; both pages pass axe in
/// Kazakh, Russian and English. Another monitor approves the team from the visit's page, then with no connection records
/// the arrival and an access denial: both wait on the device, each with its own key, and are stored once when the
/// connection returns; then a private interview and a headcount go through the same queue; then answers an item of the
/// checklist, sees it shown, and records the departure (the visit done).
/// </summary>
public sealed class VisitPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    [Fact]
    public async Task A_monitor_reads_the_visits_and_the_plan_and_plans_a_visit_in_three_languages_with_no_accessibility_violation()
    {
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-pages@visits.aigaq.kz");
        var seeded = await PlanAsync(monitor);

        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.ClickAsync("header nav a[href='/visits']");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/visits$"));

        var found = new List<string>();
        foreach (var (culture, planned) in new[] { ("kk", "Жоспарланған"), ("en", "Planned"), ("ru", "Запланирован") })
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseUrl }]);
            await page.GotoAsync("/visits");
            await Expect(page.Locator($"#visit-{seeded} .visit-status")).ToHaveTextAsync(planned);
            await Expect(page.Locator("#plan-list .plan-place")).Not.ToHaveCountAsync(0);
            await CheckAsync(page, culture, "visits", found);
            await page.GotoAsync($"/visits/{seeded}");
            await Expect(page.Locator("#visit-status")).ToHaveTextAsync(planned);
            await Expect(page.Locator("#team li")).ToHaveCountAsync(2);
            await CheckAsync(page, culture, "visit", found);
        }

        // In Russian: a team without a lead is refused beside the team; with one, the visit is planned and opened.
        await page.GotoAsync("/visits");
        await page.SelectOptionAsync("#plan-facility", app.Facility.Id.ToString());
        await page.FillAsync("#plan-when", DateTime.UtcNow.AddHours(5).AddDays(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.CheckAsync("#plan-announced");
        await page.FillAsync("#team-0-name", "Айгүл Сейтқалиева");
        await page.SelectOptionAsync("#team-0-role", "member");
        await page.SelectOptionAsync("#team-0-sex", "female");
        await page.ClickAsync("#plan-submit");
        await Expect(page.Locator("#plan-team-error")).ToHaveTextAsync("нет руководителя");
        await page.SelectOptionAsync("#team-0-role", "lead");
        await page.FillAsync("#team-1-name", "Марат Оспанов");
        await page.SelectOptionAsync("#team-1-role", "doctor");
        await page.SelectOptionAsync("#team-1-sex", "male");
        await page.ClickAsync("#plan-submit");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/visits/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#team li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#visit-status")).ToHaveTextAsync("Запланирован");
        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task Another_monitor_approves_then_records_the_arrival_and_a_denial_offline_and_each_is_stored_once()
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "monitor-planner@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-offline@visits.aigaq.kz");
        var id = await PlanAsync(planner);

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        await page.ClickAsync("#approve-form button[type=submit]");
        await Expect(page.Locator("#visit-status")).ToHaveTextAsync("Группа утверждена");
        await Expect(page.Locator("#approve-form")).ToHaveCountAsync(0);

        await context.SetOfflineAsync(true);
        await page.ClickAsync("#arrival-form button[type=submit]");
        await page.FillAsync("#denial-by", "Заместитель начальника ИВС");
        await page.SelectOptionAsync("#denial-what", "register");
        await page.ClickAsync("#denial-form button[type=submit]");
        // A recommendation to the authority too (issue 17, item 8): it waits for the arrival and follows it.
        await page.FillAsync("#recommendation-addressee", "Начальник ИВС");
        await page.FillAsync("#recommendation-text", "Обеспечить круглосуточный доступ к врачу.");
        await page.FillAsync("#recommendation-responseDueBy", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#recommendation-form button[type=submit]");
        await Expect(page.Locator("#visit-outbox-list li.waiting")).ToHaveCountAsync(3);
        await Expect(page.Locator("#visit-outbox-state")).ToContainTextAsync("Нет связи");
        Assert.Equal((0, 0), await CountAsync(id));

        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();
        await Expect(page.Locator("#arrival")).ToBeVisibleAsync();
        await Expect(page.Locator("#denials li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#visit-status")).ToHaveTextAsync("Идёт");
        await Expect(page.Locator("#recommendations-made li")).ToHaveCountAsync(1);
        Assert.Equal((1, 1), await CountAsync(id));
        var found = new List<string>();
        await CheckAsync(page, "ru", "visit-recommendations", found);
        Assert.True(found.Count == 0, string.Join("\n", found));

        // Nothing waits any more: a reload sends nothing again.
        await page.ReloadAsync();
        await Expect(page.Locator("#denials li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();
        Assert.Equal((1, 1), await CountAsync(id));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<VisitRecommendation>().CountAsync(r => r.VisitId == id));

        // A private interview and a headcount of two people through the same queue: the allegation's report is shown on the
        // interview, the two found off the register as such (issue 17, items 5 and 7).
        // A name typed as the code is refused, and the reason is shown beside the field in the page's language.
        await page.FillAsync("#interview-code", "Омаров");
        await page.CheckAsync("#interview-consent");
        await page.ClickAsync("#interview-form button[type=submit]");
        await Expect(page.Locator("#interview-code-error")).ToContainTextAsync("не именем человека");
        await page.FillAsync("#interview-code", "B-7");
        await page.CheckAsync("#interview-consent");
        await page.CheckAsync("#interview-allegation");
        await page.CheckAsync("#interview-form input[value=minor]");
        await page.ClickAsync("#interview-form button[type=submit]");
        await Expect(page.Locator("#interview-list li[data-code='B-7'] a[data-report]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#interview-list li[data-code='B-7'] .badge")).ToHaveTextAsync("Несовершеннолетний");
        await page.FillAsync("#headcount-people-0-lastName", "Кенжебаев");
        await page.FillAsync("#headcount-people-0-firstName", "Ардак");
        await page.FillAsync("#headcount-people-1-lastName", "Тулегенов");
        await page.FillAsync("#headcount-people-1-firstName", "Асхат");
        await page.ClickAsync("#headcount-form button[type=submit]");
        await Expect(page.Locator("#headcount-entries li[data-finding=unregistered]")).ToHaveCountAsync(2);
        // The checklist is a form per theme: one item answered is shown with its answer; the departure ends the visit.
        await page.ClickAsync("details[data-theme=safeguards] summary");
        await page.SelectOptionAsync("[id='answers-safeguards-answers.familyNotified']", "no");
        await page.ClickAsync("#answers-safeguards-form > button[type=submit]");
        await Expect(page.Locator("#answer-familyNotified")).ToContainTextAsync("Ответ: Нет");
        await page.ClickAsync("#departure-form button[type=submit]");
        await Expect(page.Locator("#visit-status")).ToHaveTextAsync("Завершён");
        await Expect(page.Locator("#answers-safeguards-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_headcount_refusal_is_shown_beside_the_line_that_caused_it_when_a_line_above_was_left_empty()
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "monitor-lines-planner@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-lines@visits.aigaq.kz");
        var id = await PlanAsync(planner);

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        await page.ClickAsync("#approve-form button[type=submit]");
        await Expect(page.Locator("#visit-status")).ToHaveTextAsync("Группа утверждена");
        await page.ClickAsync("#arrival-form button[type=submit]");
        await Expect(page.Locator("#arrival")).ToBeVisibleAsync();

        // The first line, then an empty one, then a person without a first name: the server names people[1], the second
        // person sent, which is the form's third line.
        await page.FillAsync("#headcount-people-0-lastName", "Кенжебаев");
        await page.FillAsync("#headcount-people-0-firstName", "Ардак");
        await page.FillAsync("#headcount-people-2-lastName", "Тулегенов");
        await page.ClickAsync("#headcount-form button[type=submit]");
        await Expect(page.Locator("#headcount-people-2-firstName-error")).ToHaveTextAsync("обязательно");
        await Expect(page.Locator("#headcount-people-2-firstName")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#headcount-people-1-firstName-error")).ToBeEmptyAsync();
        await Expect(page.Locator("#headcount-people-1-firstName")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, await HeadcountsAsync(id));

        // Corrected on that line, the count is stored with both people.
        await page.FillAsync("#headcount-people-2-firstName", "Асхат");
        await page.ClickAsync("#headcount-form button[type=submit]");
        await Expect(page.Locator("#headcount-entries li[data-finding=unregistered]")).ToHaveCountAsync(2);
        Assert.Equal(1, await HeadcountsAsync(id));
    }

    [Fact]
    public async Task The_visit_page_gives_its_full_and_public_pdf_in_each_language_and_each_opening_is_logged()
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "monitor-print-planner@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-print@visits.aigaq.kz");
        var id = await PlanAsync(planner);
        string number;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            number = (await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<Visit>().SingleAsync(v => v.Id == id)).Number;
        }

        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        await Expect(page.Locator("#print-h")).ToHaveTextAsync("Бару PDF түрінде");
        var links = page.Locator("#visit-print a");
        await Expect(links).ToHaveCountAsync(6);

        // Each link opens the visit's PDF in its version and language, as the signed-in monitor.
        foreach (var (version, lang) in new[] { "full", "public" }.SelectMany(v => new[] { "kk", "ru", "en" }.Select(l => (v, l))))
        {
            var link = page.Locator($"#visit-print li[data-version={version}] a[data-lang={lang}]");
            var href = await link.GetAttributeAsync("href");
            Assert.Equal($"/api/v1/visits/{id}/report?lang={lang}&version={version}", href);
            var served = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
            Assert.Equal(200, served.Status);
            Assert.Equal("application/pdf", served.Headers["content-type"]);
            Assert.Contains($"visit-{number}-{version}-{lang}.pdf", served.Headers["content-disposition"], StringComparison.Ordinal);
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await served.BodyAsync())[..4]), StringComparison.Ordinal);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var reads = await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<AccessLogEntry>()
                .Where(e => e.Action == GetVisitReport.AccessAction && e.Resource == id.ToString()).Select(e => new { e.UserId, e.Outcome }).ToListAsync();
            Assert.Equal(6, reads.Count);
            Assert.All(reads, r => Assert.Equal(monitor.Id, r.UserId));
            Assert.Equal(3, reads.Count(r => r.Outcome.StartsWith("allowed:full:", StringComparison.Ordinal)));
        }

        // The shell kept on the device has no link to it: the PDF is read from the server only.
        var shell = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), $"/visits/{id}?shell=true").ToString());
        Assert.DoesNotContain("visit-print", await shell.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(refused);
    }

    [Fact]
    public async Task The_visit_page_shows_the_places_capacity_and_closure_with_its_reason_and_the_shell_keeps_no_reason()
    {
        const string Reason = "Письмо ДП от 12.02 № 4/1133: доступ только с разрешения начальника";
        var place = await app.CreateFacilityAsync("ИВС ОП Медеуского района", "г. Алматы, пр. Достык, 91");
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "monitor-profile-planner@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-profile@visits.aigaq.kz");
        foreach (var request in new[] { new RecordMonitoringProfileRequest(32, null, "Паспорт учреждения"), new RecordMonitoringProfileRequest(null, true, Reason) })
        {
            await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<RecordMonitoringProfile>().HandleAsync(place.Id, request, user, default));
        }

        var id = (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(place.Id, DateTimeOffset.UtcNow.AddHours(2), VisitKind.Special, false,
            [new TeamMemberInput(null, "Айгүл Сейтқалиева", TeamRole.Lead, TeamSex.Female), new TeamMemberInput(null, "Марат Оспанов", TeamRole.Doctor, TeamSex.Male)]),
            user, default))).Id;

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        await Expect(page.Locator("#profile")).ToContainTextAsync("32");
        await Expect(page.Locator("#profile-closed")).ToContainTextAsync("Закрыто для мониторинга с");
        await Expect(page.Locator("#profile-closed")).ToContainTextAsync(Reason);
        await Expect(page.Locator("[data-warning=facilityClosedToMonitoring]")).ToHaveTextAsync(
            "Учреждение закрыто для мониторинга: если группу не пустят, запишите отказ.");

        // Offline, the shell says the place is closed, without the reason (free text that may name people).
        await Expect(page.Locator("#visit-offline-ready")).ToBeVisibleAsync();
        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("#visit-shell")).ToBeVisibleAsync();
        await Expect(page.Locator("#profile-closed")).ToContainTextAsync("Закрыто для мониторинга с");
        await Expect(page.Locator("#profile-closed")).Not.ToContainTextAsync("4/1133");
        Assert.Empty(refused);
    }

    [Fact]
    public async Task An_interview_with_a_high_reprisal_risk_recorded_on_the_page_makes_a_protected_person_shown_by_pseudonym()
    {
        // The identity custodians hold their keys (a person at risk is protected only then).
        for (var i = 0; i < 2; i++)
        {
            var (custodian, _) = await app.CreateUserAsync(Roles.ProtectionOfficer, $"custodian-{i}@visits.aigaq.kz");
            using var api = await app.ApiClientAsync(custodian);
            using var body = new StringContent("{\"passphrase\":\"хранитель тайны личности\"}", Encoding.UTF8, "application/json");
            Assert.Equal(System.Net.HttpStatusCode.Created, (await api.PostAsync("/api/v1/custodian-keys", body)).StatusCode);
        }

        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "monitor-risk-planner@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-risk@visits.aigaq.kz");
        var id = await PlanAsync(planner);
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<ApproveVisitTeam>().HandleAsync(id, new ApproveVisitTeamRequest(null), user, default));
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<RecordArrival>().HandleAsync(
            id, new RecordArrivalRequest(DateTimeOffset.UtcNow.AddMinutes(-10), null), user, default));

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");

        // Bad input is refused beside its field in the page's language, and nothing is written: an interview without
        // the person's consent, a recommendation without an addressee.
        await page.FillAsync("#interview-code", "R-12");
        await page.SelectOptionAsync("#interview-reprisalRisk", "high");
        await page.ClickAsync("#interview-form button[type=submit]");
        await Expect(page.Locator("#interview-consent-error")).ToHaveTextAsync("должно быть отмечено: беседа без согласия человека не записывается");
        await page.FillAsync("#recommendation-text", "Обеспечить конфиденциальность бесед.");
        await page.FillAsync("#recommendation-responseDueBy", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#recommendation-form button[type=submit]");
        await Expect(page.Locator("#recommendation-addressee-error")).ToHaveTextAsync("обязательно");
        await using (var before = app.Services.CreateAsyncScope())
        {
            var db = before.ServiceProvider.GetRequiredService<AigaqDb>();
            Assert.Equal(0, await db.Set<Aigaq.Visits.Interviews.VisitInterview>().CountAsync(i => i.VisitId == id));
            Assert.Equal(0, await db.Set<VisitRecommendation>().CountAsync(r => r.VisitId == id));
        }

        // With consent: recorded, and the person at risk is protected.
        await page.CheckAsync("#interview-consent");
        await page.ClickAsync("#interview-form button[type=submit]");
        var line = page.Locator("#interview-list li[data-code='R-12']");
        await Expect(line).ToContainTextAsync("Высокий");
        await Expect(line.Locator("[data-pseudonym]")).ToContainTextAsync("Под защитой:");

        // The protection area holds the person: an interviewee of the visit's region.
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var interview = await store.Set<Aigaq.Visits.Interviews.VisitInterview>().SingleAsync(i => i.VisitId == id);
        Assert.NotNull(interview.ProtectedPersonId);
        var person = await store.Set<Aigaq.Protection.ProtectedPerson>().SingleAsync(p => p.Id == interview.ProtectedPersonId);
        Assert.Equal((Aigaq.Protection.ProtectedRole.Interviewee, BrowserApp.Region), (person.Role, person.Region));
        await Expect(line.Locator("[data-pseudonym]")).ToContainTextAsync(person.Pseudonym);
        Assert.Empty(refused);
    }

    [Fact]
    public async Task Next_years_plan_ranks_the_place_with_injuries_above_a_quiet_one_and_shows_the_reason()
    {
        // The app's holding cell: three people held, injuries found at each one's examination. A quiet place beside it.
        var quiet = await app.CreateFacilityAsync("ИВС ОП Алатауского района", "г. Алматы, ул. Рыскулова, 1");
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "officer-plan@visits.aigaq.kz");
        foreach (var (last, first) in new[] { ("Серикбаев", "Данияр"), ("Омаров", "Ерлан"), ("Жумабаев", "Нурлан") })
        {
            var held = await app.RegisterAsync(officer, last, first, new DateOnly(1991, 4, 12), rightsExplained: true);
            await app.RecordAsync(officer, held.Id, EventTypes.MedicalExamination, DateTimeOffset.UtcNow.AddMinutes(-5), ("injuriesFound", JsonValue.Create(true)));
        }

        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-plan-reasons@visits.aigaq.kz");
        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync("/visits");

        // This year's plan read the register up to the year's start; next year's reads it up to now.
        var next = (DateTime.UtcNow.AddHours(5).Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.ClickAsync($"#plan-years a[data-year='{next}']");
        await Expect(page.Locator("#plan-h")).ToContainTextAsync(next);
        await Expect(page.Locator($"#plan-years a[data-year='{next}']")).ToHaveAttributeAsync("aria-current", "page");
        var ranked = await page.Locator("#plan-list .plan-place").EvaluateAllAsync<string[]>("places => places.map(p => p.dataset.facility)");
        var loudAt = Array.IndexOf(ranked, app.Facility.Id.ToString());
        var quietAt = Array.IndexOf(ranked, quiet.Id.ToString());
        Assert.True(loudAt >= 0 && quietAt > loudAt, $"the place with injuries at {loudAt}, the quiet one at {quietAt}");
        var loud = page.Locator($"#plan-list .plan-place[data-facility='{app.Facility.Id}']");
        await Expect(loud.Locator("li[data-factor=injuriesRecorded]")).ToContainTextAsync("Телесные повреждения, зафиксированные под стражей: 3");
        await Expect(page.Locator($"#plan-list .plan-place[data-facility='{quiet.Id}'] li[data-factor]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#plan-list .plan-place[data-facility='{quiet.Id}'] li[data-factor=daysSinceLastVisit]")).ToHaveCountAsync(1);
        Assert.Empty(refused);
    }

    private async Task<int> HeadcountsAsync(Guid visitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<Aigaq.Visits.Headcounts.VisitHeadcount>().CountAsync(h => h.VisitId == visitId);
    }

    /// <summary>A visit to the app's facility planned by <paramref name="planner"/>, through the handler the API uses.</summary>
    private async Task<Guid> PlanAsync(AppUser planner) =>
        (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(1), VisitKind.Regular, false,
            [new TeamMemberInput(null, "Айгүл Сейтқалиева", TeamRole.Lead, TeamSex.Female), new TeamMemberInput(null, "Марат Оспанов", TeamRole.Doctor, TeamSex.Male)]),
            user, default))).Id;

    private async Task<(int Arrivals, int Denials)> CountAsync(Guid visitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        return (await db.Set<VisitArrival>().CountAsync(a => a.VisitId == visitId), await db.Set<AccessDenial>().CountAsync(d => d.VisitId == visitId));
    }

    private static async Task CheckAsync(IPage page, string culture, string name, List<string> found)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        var result = await AxeCheck.RunAsync(page, Options);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var text = new StringBuilder().Append(System.Globalization.CultureInfo.InvariantCulture, $"{culture} {name}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    {node.Target} {node.Html}");
            }

            found.Add(text.ToString());
        }

        await Shots.SaveAsync(page, $"{culture}-phone-{name}");
    }
}
