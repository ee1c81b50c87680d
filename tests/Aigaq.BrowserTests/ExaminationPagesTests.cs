using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Examinations;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The examiner's pages on a phone (issue 16, "Done means"): a forensic expert opens a fresh request from the list,
/// records consent item by item, places a finding by tapping the chest on the body diagram, is told in Russian what is
/// missing, records it, sees it listed by its region in Russian, seals with a confirmation and is left with amendments
/// only; the investigator who asked, without the person's consent to share, sees that the medical content is withheld.
/// </summary>
public sealed class ExaminationPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_forensic_expert_records_consent_places_a_finding_by_tapping_the_chest_and_seals_on_a_phone()
    {
        var (expert, key) = await app.CreateUserAsync(Roles.ForensicExpert, "expert@examinations.aigaq.kz");
        var (investigator, _) = await app.CreateUserAsync(Roles.Investigator, "investigator-a@examinations.aigaq.kz");
        var id = await RequestAsync(investigator, "Серікбаев");
        await app.CommandAsync(expert, Roles.ForensicExpert, (sp, user) => sp.GetRequiredService<AssignExaminer>().HandleAsync(
            id, new AssignExaminerRequest("Әлия Серікова", "Судебно-медицинский эксперт", "forensicCentre", true), user, default));
        await app.CommandAsync(expert, Roles.ForensicExpert, (sp, user) => sp.GetRequiredService<RecordSession>().HandleAsync(id, new RecordSessionRequest(
            "ЦСЭ г. Алматы", DateTimeOffset.UtcNow.AddMinutes(-30), null, null, [new PresentInput("Әлия Серікова", "эксперт")], false), user, default));

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, expert.Email!, key);
        await page.GotoAsync("/examinations");
        await page.ClickAsync($"#examination-{id} a");
        await BrowserApp.ExpectUrlAsync(page, new Regex($"/examinations/{id}$"));

        // Consent item by item, as the form lists them; photographs refused, with the reason.
        await Expect(page.Locator("#consent-form .consent-choice")).ToHaveCountAsync(9);
        await page.CheckAsync("#consent-examination-yes");
        foreach (var item in new[] { "photographs", "intimatePhotographs", "shareWithInvestigators", "shareWithCourt", "shareWithDefender", "proxyForMinor" })
        {
            await page.CheckAsync($"#consent-{item}-no");
        }

        await page.FillAsync("#consent-RefusalReason", "Не согласен на фотосъёмку.");
        await page.ClickAsync("#consent-form button[type=submit]");
        await Expect(page.Locator("#consent [data-item=examination]")).ToContainTextAsync("Дано");

        // A tap on the chest of the front view, 30% across and 40% down, places the finding; without a description it is refused in Russian.
        var chest = page.Locator("#finding-form [data-view=front][data-region=chest]");
        var box = (await chest.BoundingBoxAsync())!;
        await chest.TapAsync(new() { Position = new() { X = box.Width * 0.3f, Y = box.Height * 0.4f } });
        await page.SelectOptionAsync("#finding-Consistency", "highlyConsistent");
        await page.FillAsync("#finding-Rationale", "Давность соответствует описанным событиям.");
        await page.ClickAsync("#finding-form button[type=submit]");
        await Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#finding-Description")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#finding-Description-error")).ToHaveTextAsync("обязательно");
        Assert.Empty(await page.Locator("#findings li").AllAsync());

        // The refused form keeps what was typed but the place: it is tapped again.
        box = (await chest.BoundingBoxAsync())!;
        await chest.TapAsync(new() { Position = new() { X = box.Width * 0.3f, Y = box.Height * 0.4f } });
        await page.FillAsync("#finding-Description", "Кровоподтёк овальной формы 6 × 4 см");
        await page.ClickAsync("#finding-form button[type=submit]");
        var finding = page.Locator("#findings li.finding");
        await Expect(finding).ToHaveCountAsync(1);
        await Expect(finding.Locator(".finding-region")).ToHaveTextAsync("Грудь (Спереди)");
        await Expect(finding.Locator(".finding-consistency")).ToHaveTextAsync("В значительной степени соответствует");
        await Expect(page.Locator("svg[data-view=front] circle.body-marker")).ToHaveCountAsync(1);

        // The seal, confirmed: without the confirmation nothing is sealed.
        await page.ClickAsync("#seal-details summary");
        await page.SelectOptionAsync("#seal-Opinion", "highlyConsistent");
        await page.FillAsync("#seal-Conclusions", "Повреждения соответствуют заявлению.");
        await page.FillAsync("#seal-Recommendations", "Консультация травматолога.");
        await page.ClickAsync("#seal-form button[type=submit]");
        await Expect(page.Locator("#Confirm-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#examination-status")).Not.ToHaveTextAsync("Запечатано");
        await page.CheckAsync("#seal-Confirm");
        await page.ClickAsync("#seal-form button[type=submit]");
        await Expect(page.Locator("#examination-status")).ToHaveTextAsync("Запечатано");
        await Expect(page.Locator("#finding-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#seal-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#amend-form")).ToBeVisibleAsync();

        // The sealed record as a PDF, in each language, from the page (the reader's own session).
        await Expect(page.Locator("#examination-report a")).ToHaveCountAsync(3);
        var href = await page.Locator("#examination-report a[data-lang=kk]").GetAttributeAsync("href");
        var pdf = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), href!).ToString());
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await Expect(page.Locator("#opinion-level")).ToHaveTextAsync("В значительной степени соответствует");
    }

    [Fact]
    public async Task The_investigator_who_asked_sees_the_medical_content_withheld_without_consent_to_share()
    {
        var (expert, _) = await app.CreateUserAsync(Roles.ForensicExpert, "expert-b@examinations.aigaq.kz");
        var (investigator, key) = await app.CreateUserAsync(Roles.Investigator, "investigator-b@examinations.aigaq.kz");
        var id = await RequestAsync(investigator, "Омаров");
        await app.CommandAsync(expert, Roles.ForensicExpert, (sp, user) => sp.GetRequiredService<AssignExaminer>().HandleAsync(
            id, new AssignExaminerRequest("Әлия Серікова", "Судебно-медицинский эксперт", "forensicCentre", true), user, default));
        await app.CommandAsync(expert, Roles.ForensicExpert, (sp, user) => sp.GetRequiredService<RecordConsent>().HandleAsync(id, new RecordConsentRequest(
            DateTimeOffset.UtcNow.AddMinutes(-5),
            new() { ["examination"] = true, ["photographs"] = true, ["intimatePhotographs"] = false, ["shareWithInvestigators"] = false, ["shareWithCourt"] = true, ["shareWithDefender"] = true },
            "Не согласен передавать следствию."), user, default));
        await app.CommandAsync(expert, Roles.ForensicExpert, (sp, user) => sp.GetRequiredService<RecordFinding>().HandleAsync(id, new RecordFindingRequest(
            "chest", "front", 0.4, 0.25, "Кровоподтёк", "consistent", "Соответствует."), user, default));

        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, investigator.Email!, key);
        await page.GotoAsync($"/examinations/{id}");
        await Expect(page.Locator("#medical-withheld")).ToBeVisibleAsync();
        await Expect(page.Locator("#findings")).ToHaveCountAsync(0);
        await Expect(page.Locator(".body-diagram")).ToHaveCountAsync(0);
        await Expect(page.Locator("#consent-form, #finding-form, #seal-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("header nav a[href='/examinations']")).ToHaveCountAsync(1);
    }

    /// <summary>An investigator's request for an examination of a person of the region, through the handler the API uses.</summary>
    private async Task<Guid> RequestAsync(AppUser investigator, string lastName) =>
        (await app.CommandAsync(investigator, Roles.Investigator, (sp, user) => sp.GetRequiredService<RequestExamination>().HandleAsync(
            new RequestExaminationRequest(
                DateTimeOffset.UtcNow.AddHours(-1), new RequesterInput("investigator", "Постановление № 75-1"),
                new Detentions.PersonInput(lastName, "Ержан", null, new DateOnly(1992, 5, 4), null, null, null, null), null, null, null),
            user, default))).Id;
}
