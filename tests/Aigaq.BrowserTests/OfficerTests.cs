using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Detentions;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>The arresting officer on a phone: registering, then the detention page with its clocks and timeline.</summary>
public sealed class OfficerTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Officer_registers_a_detention_on_a_phone_and_lands_on_its_page(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-{culture}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, officer.Email!);

        await page.GotoAsync("/detentions/register");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Of(culture, "register"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);

        // A send with a missing first name keeps what was typed and says what is missing, in the reader's language.
        await page.FillAsync("#LastName", "Сейітов");
        await page.ClickAsync("#register-submit");
        await Expect(page.Locator("#form-errors")).ToContainTextAsync(Text.Of(culture, "notRegistered"));
        await Expect(page.Locator("#FirstName-error")).ToContainTextAsync(Text.Of(culture, "required"));
        await Expect(page.Locator("#FirstName")).ToHaveAttributeAsync("aria-describedby", "FirstName-error");
        await Expect(page.Locator("#LastName")).ToHaveValueAsync("Сейітов");
        await Shots.SaveAsync(page, $"register-errors-{culture}");

        await page.FillAsync("#FirstName", "Арман");
        await page.FillAsync("#BirthDate", "1995-06-14");
        await page.FillAsync("#PlaceAddress", "г. Алматы, ул. Сатпаева, 22");
        await page.SelectOptionAsync("#Region", BrowserApp.Region);
        await page.FillAsync("#Agency", "ДП г. Алматы");
        await page.FillAsync("#Officer1Badge", "2231");
        await page.FillAsync("#Officer1Name", "Нұрлан Әлиев");
        await page.SelectOptionAsync("#GroundsKind", nameof(GroundsKind.CaughtInAct));
        await page.CheckAsync("#RightsExplained");
        await page.SelectOptionAsync("#FacilityId", app.Facility.Id.ToString());
        await page.FillAsync("#Contact1Name", "Сейітова Гүлнар");
        await page.FillAsync("#Contact1Phone", "+77017654321");
        await page.ClickAsync("#register-submit");

        await BrowserApp.ExpectUrlAsync(page, new Regex("/detentions/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync(Text.Of(culture, "detention") + " D75-");
        await Expect(page.Locator("#person-name")).ToContainTextAsync("Сейітов Арман");
        await Expect(page.Locator("#clock-court .clock")).ToHaveTextAsync(new Regex(Text.Of(culture, "courtClock")));
        await Expect(page.Locator("#notifications-h")).ToHaveTextAsync(Text.Of(culture, "notifications"));
        await Expect(page.Locator("#notifications tbody tr")).ToHaveCountAsync(1);
        await Shots.SaveAsync(page, $"detention-new-{culture}");
        Assert.Empty(refused);
    }

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task Detention_page_shows_timeline_clocks_and_notification_status_and_takes_an_event(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"officer-page-{culture}@test.aigaq.kz");
        var detention = await app.RegisterAsync(officer, "Жақыпов", "Ерболат", new DateOnly(1990, 1, 2), rightsExplained: true);
        await app.RecordAsync(officer, detention.Id, EventTypes.ArrivedAtFacility, detention.DetainedAt.AddMinutes(10));
        await app.RecordAsync(officer, detention.Id, EventTypes.ProtocolDrawn, detention.DetainedAt.AddMinutes(15), ("protocolNumber", "ПЗ-1"));

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync($"/detentions/{detention.Id}");

        await Expect(page.Locator("#timeline-h")).ToHaveTextAsync(Text.Of(culture, "timeline"));
        await Expect(page.Locator("#timeline")).ToContainTextAsync(Text.Of(culture, "arrived"));
        await Expect(page.Locator("#timeline")).ToContainTextAsync(Text.Of(culture, "protocol"));
        await Expect(page.Locator("#clocks-h")).ToHaveTextAsync(Text.Of(culture, "clocks"));
        await Expect(page.Locator("#clock-protocol")).ToContainTextAsync(Text.Of(culture, "done"));
        await Expect(page.Locator("#clock-court .clock")).ToHaveTextAsync(new Regex(Text.Of(culture, "courtClock")));
        await Expect(page.Locator("#notifications tbody td .badge").First).ToHaveTextAsync(new Regex("^(" + Text.Of(culture, "statuses") + ")$"));
        await Shots.SaveAsync(page, $"detention-{culture}");

        await page.SelectOptionAsync("#event-type", EventTypes.MedicalExamination);
        await page.CheckAsync("#event-injuries");
        await page.ClickAsync("#event-submit");

        // Need to know: the officer sees that an entry and an alert exist, not what the doctor found.
        await Expect(page.Locator("#timeline")).ToContainTextAsync(Text.Of(culture, "withheld"));
        await Expect(page.Locator("#alerts")).ToContainTextAsync(Text.Of(culture, "withheldAlert"));
        await Expect(page.Locator("#timeline")).Not.ToContainTextAsync(Text.Of(culture, "medical"));
        await Expect(page.Locator("#alerts")).Not.ToContainTextAsync(Text.Of(culture, "injuries"));
        Assert.Empty(refused);
    }
}
