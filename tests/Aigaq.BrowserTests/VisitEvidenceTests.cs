using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Visits;
using Aigaq.Visits.Answers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// A photograph as evidence for a checklist answer on the visit's page (issue 17, item 6): chosen beside the answer with
/// no connection, it waits in the page's queue (the file kept on the device), is stored once when the connection
/// returns, is listed once with the answer, stays once after a reload, and opens as the image kept.
/// </summary>
public sealed class VisitEvidenceTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_photo_attached_offline_to_an_answer_is_stored_once_listed_once_and_opens()
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, "monitor-planner@evidence.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, "monitor-photo@evidence.aigaq.kz");
        var id = (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(1), VisitKind.Regular, false,
                [new TeamMemberInput(null, "Айгүл Сейтқалиева", TeamRole.Lead, TeamSex.Female)]),
            user, default))).Id;

        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");
        await page.ClickAsync("#approve-form button[type=submit]");
        await Expect(page.Locator("#approve-form")).ToHaveCountAsync(0);
        await page.ClickAsync("#arrival-form button[type=submit]");
        await Expect(page.Locator("#arrival")).ToBeVisibleAsync();
        await page.ClickAsync("details[data-theme=safeguards] summary");
        await page.SelectOptionAsync("[id='answers-safeguards-answers.familyNotified']", "no");
        await page.ClickAsync("#answers-safeguards-form > button[type=submit]");
        await Expect(page.Locator("#answer-familyNotified")).ToContainTextAsync("Ответ: Нет");

        // Without a file, the page says so beside the input and sends nothing.
        await page.ClickAsync("details[data-theme=safeguards] summary");
        await page.ClickAsync("[form='evidence-familyNotified-form'][type=submit]");
        await Expect(page.Locator("#evidence-familyNotified-file-error")).ToHaveTextAsync("Сначала выберите файл.");

        // With no connection, the photograph waits on the device.
        await context.SetOfflineAsync(true);
        await page.SetInputFilesAsync("#evidence-familyNotified-file", new FilePayload { Name = "IMG_0412.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        await page.ClickAsync("[form='evidence-familyNotified-form'][type=submit]");
        await Expect(page.Locator("#visit-outbox-list li.waiting")).ToHaveCountAsync(1);
        await Expect(page.Locator("#visit-outbox-state")).ToContainTextAsync("Нет связи");
        Assert.Equal(0, await CountAsync(id));

        // The connection returns: stored once, listed once with the answer.
        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();
        await Expect(page.Locator("#evidence-familyNotified li")).ToHaveCountAsync(1);
        Assert.Equal(1, await CountAsync(id));
        await page.ReloadAsync();
        await Expect(page.Locator("#evidence-familyNotified li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();
        Assert.Equal(1, await CountAsync(id));

        // Opened: the image kept, without what the phone wrote into it.
        await page.ClickAsync("details[data-theme=safeguards] summary");
        var link = page.Locator("#evidence-familyNotified a");
        await Expect(link).ToContainTextAsync("Фотография");
        var href = await link.GetAttributeAsync("href");
        Assert.NotNull(href);
        var served = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
        Assert.Equal(200, served.Status);
        Assert.Equal("image/jpeg", served.Headers["content-type"]);
        Assert.DoesNotContain("Exif", System.Text.Encoding.Latin1.GetString(await served.BodyAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk", "Бұл тармаққа фотосурет сұралады.", "Фотосурет сұралған, бірақ тіркелмеген", "Бұл тармаққа құжат сұралады.")]
    [InlineData("en", "This item asks for a photograph.", "Photograph asked, none attached", "This item asks for a document.")]
    public async Task An_item_that_asks_for_a_photo_prompts_for_one_with_the_camera_shows_it_missing_and_takes_it_offline(
        string culture, string asked, string missing, string document)
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, $"photo-planner-{culture}@evidence.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, $"photo-asked-{culture}@evidence.aigaq.kz");
        var id = (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(1), VisitKind.Regular, false,
                [new TeamMemberInput(null, "Айгүл Сейтқалиева", TeamRole.Lead, TeamSex.Female)]),
            user, default))).Id;
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<ApproveVisitTeam>().HandleAsync(id, new ApproveVisitTeamRequest(null), user, default));
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<RecordArrival>().HandleAsync(
            id, new RecordArrivalRequest(DateTimeOffset.UtcNow.AddMinutes(-10), null), user, default));

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");

        // The item that asks for a photograph says so in the page's language, and its input takes images from the camera;
        // a document item says it asks for a document; an item that asks for nothing says nothing.
        await page.ClickAsync("details[data-theme=treatment] summary");
        await Expect(page.Locator("#evidence-injuriesSeen-asked")).ToHaveTextAsync(asked);
        var input = page.Locator("#evidence-injuriesSeen-file");
        await Expect(input).ToHaveAttributeAsync("accept", "image/jpeg,image/png");
        await Expect(input).ToHaveAttributeAsync("capture", "environment");
        Assert.Contains("evidence-injuriesSeen-asked", await input.GetAttributeAsync("aria-describedby"), StringComparison.Ordinal);
        await Expect(page.Locator("#evidence-forceAndRestraintRecorded-asked")).ToHaveTextAsync(document);
        await Expect(page.Locator("#evidence-familyNotified-asked")).ToHaveCountAsync(0);

        // Answered without a photograph: stored, and the item says the photograph asked is not attached.
        await page.SelectOptionAsync("[id='answers-treatment-answers.injuriesSeen']", "yes");
        await page.ClickAsync("#answers-treatment-form > button[type=submit]");
        await Expect(page.Locator("#answer-injuriesSeen")).ToHaveCountAsync(1);
        await Expect(page.Locator("#evidence-injuriesSeen-missing")).ToHaveTextAsync(missing);

        // With no connection, the photograph is taken and waits on the device; back online it is stored once, and the
        // item no longer says anything is missing.
        await context.SetOfflineAsync(true);
        await page.ClickAsync("details[data-theme=treatment] summary");
        await page.SetInputFilesAsync("#evidence-injuriesSeen-file", new FilePayload { Name = "IMG_0413.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
        await page.ClickAsync("[form='evidence-injuriesSeen-form'][type=submit]");
        await Expect(page.Locator("#visit-outbox-list li.waiting")).ToHaveCountAsync(1);
        Assert.Equal(0, await CountAsync(id));
        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#visit-outbox")).ToBeHiddenAsync();
        await Expect(page.Locator("#evidence-injuriesSeen li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#evidence-injuriesSeen-missing")).ToHaveCountAsync(0);
        Assert.Equal(1, await CountAsync(id));
        await page.ReloadAsync();
        await Expect(page.Locator("#evidence-injuriesSeen li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#evidence-injuriesSeen-missing")).ToHaveCountAsync(0);
        Assert.Empty(refused);
    }

    private async Task<int> CountAsync(Guid visitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<VisitAnswerEvidence>().CountAsync(e => e.VisitId == visitId);
    }

    /// <summary>An 8x8 grey baseline JPEG with an EXIF block, as a phone writes one.</summary>
    private static byte[] Jpeg()
    {
        static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        return
        [
            0xFF, 0xD8,
            .. Segment(0xE1, [.. "Exif\0\0"u8, .. "MM\0*\0\0\0\b\0\0"u8]),
            .. Segment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]),
            .. Segment(0xC0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
            .. Segment(0xC4, [0x00, 1, .. new byte[15], 0x00]),
            .. Segment(0xC4, [0x10, 1, .. new byte[15], 0x00]),
            .. Segment(0xDA, [1, 1, 0x00, 0, 63, 0]),
            0x3F, 0xFF, 0xD9,
        ];
    }
}
