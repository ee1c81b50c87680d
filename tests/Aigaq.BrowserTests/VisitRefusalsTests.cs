using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The headcount's refusals in the reader's language (issue 17): an IIN with a wrong check digit, an IIN that does not
/// match the birth date given, and an IIN naming a person already counted are each shown beside the line that caused
/// them, in Kazakh, Russian and English; refused after waiting on the device, the entry's line in the outbox names the
/// line as the form counts it (from 1, an empty line kept in the count) and the field by its label, never the API's
/// <c>people[2].iin</c> or its English.
/// </summary>
public sealed class VisitRefusalsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("kk", "бақылау саны қате", "туған күнімен сәйкес емес", "бұрын саналған адамды көрсетеді", "Табылған адам 4 · ЖСН")]
    [InlineData("ru", "неверная контрольная цифра", "не совпадает с датой рождения", "указывает человека, который уже учтён", "Обнаруженный человек 4 · ИИН")]
    [InlineData("en", "has a wrong check digit", "does not match the birth date", "names a person already counted", "Person found 4 · IIN")]
    public async Task Each_headcount_refusal_reads_in_the_page_language_and_names_the_line_as_the_form_counts_it(
        string culture, string wrongDigit, string notBirthDate, string counted, string fourthLineIin)
    {
        var (planner, _) = await app.CreateUserAsync(Roles.Monitor, $"refusals-planner-{culture}@visits.aigaq.kz");
        var (monitor, key) = await app.CreateUserAsync(Roles.Monitor, $"refusals-{culture}@visits.aigaq.kz");
        var id = (await app.CommandAsync(planner, Roles.Monitor, (sp, user) => sp.GetRequiredService<PlanVisit>().HandleAsync(
            new PlanVisitRequest(app.Facility.Id, DateTimeOffset.UtcNow.AddHours(1), VisitKind.Regular, false,
            [new TeamMemberInput(null, "Айгүл Сейтқалиева", TeamRole.Lead, TeamSex.Female), new TeamMemberInput(null, "Марат Оспанов", TeamRole.Doctor, TeamSex.Male)]),
            user, default))).Id;
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<ApproveVisitTeam>().HandleAsync(id, new ApproveVisitTeamRequest(null), user, default));
        await app.CommandAsync(monitor, Roles.Monitor, (sp, user) => sp.GetRequiredService<RecordArrival>().HandleAsync(
            id, new RecordArrivalRequest(DateTimeOffset.UtcNow.AddMinutes(-10), null), user, default));

        var counted1979 = IinOf(new DateOnly(1979, 11, 23));
        var valid1985 = IinOf(new DateOnly(1985, 3, 2));
        var wrong = IinOf(new DateOnly(1991, 7, 9));
        wrong = wrong[..11] + (char)('0' + ((wrong[11] - '0' + 1) % 10));
        Assert.NotNull(Iin.Check(wrong).Error);

        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, monitor.Email!, key);
        await page.GotoAsync($"/visits/{id}");

        // Line 1 with a wrong check digit; line 2 counted; line 3 left empty; line 4 born on another day than its IIN
        // says; line 5 the IIN of line 2 again. The server names people[3] for line 5 (the empty line is not sent).
        await PersonAsync(0, "Кенжебаев", "Ардак", null, wrong);
        await PersonAsync(1, "Сейтов", "Ерлан", null, counted1979);
        await PersonAsync(3, "Тулегенов", "Асхат", "1990-05-17", valid1985);
        await PersonAsync(4, "Сейтова", "Айым", null, counted1979);
        await page.ClickAsync("#headcount-form button[type=submit]");
        await Expect(page.Locator("#headcount-people-0-iin-error")).ToHaveTextAsync(wrongDigit);
        await Expect(page.Locator("#headcount-people-3-iin-error")).ToHaveTextAsync(notBirthDate);
        await Expect(page.Locator("#headcount-people-4-iin-error")).ToHaveTextAsync(counted);
        await Expect(page.Locator("#headcount-people-4-iin")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#headcount-people-1-iin-error")).ToBeEmptyAsync();
        await Expect(page.Locator("#headcount-people-2-iin-error")).ToBeEmptyAsync();
        await NoInternalTextAsync();
        Assert.Equal(0, await HeadcountsAsync(id));

        // Corrected but for line 4, and sent with no connection: it waits, then is refused when the connection returns.
        // The outbox names the fourth line and its IIN as the form shows them, in the page's language.
        await page.FillAsync("#headcount-people-0-iin", "");
        foreach (var field in new[] { "lastName", "firstName", "iin" })
        {
            await page.FillAsync($"#headcount-people-4-{field}", "");
        }

        await context.SetOfflineAsync(true);
        await page.ClickAsync("#headcount-form button[type=submit]");
        await Expect(page.Locator("#visit-outbox-list li.waiting")).ToHaveCountAsync(1);
        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#visit-outbox-list li.refused")).ToContainTextAsync($"{fourthLineIin}: {notBirthDate}");
        await NoInternalTextAsync();
        Assert.Equal(0, await HeadcountsAsync(id));
        Assert.Empty(refused);

        async Task PersonAsync(int line, string last, string first, string? born, string iin)
        {
            await page.FillAsync($"#headcount-people-{line}-lastName", last);
            await page.FillAsync($"#headcount-people-{line}-firstName", first);
            if (born is not null)
            {
                await page.FillAsync($"#headcount-people-{line}-birthDate", born);
            }

            await page.FillAsync($"#headcount-people-{line}-iin", iin);
        }

        async Task NoInternalTextAsync()
        {
            var shown = await page.Locator("#headcount, #visit-outbox").AllInnerTextsAsync();
            var all = string.Join("\n", shown);
            Assert.DoesNotContain("people[", all, StringComparison.Ordinal);
            Assert.DoesNotContain(".iin", all, StringComparison.Ordinal);
            if (culture != "en")
            {
                Assert.All(new[] { "check digit", "does not match", "already counted", "birthDate" }, s => Assert.DoesNotContain(s, all, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>An IIN the app's own check accepts, of a man born on <paramref name="born"/> in the 1900s.</summary>
    private static string IinOf(DateOnly born)
    {
        for (var serial = 1; ; serial++)
        {
            var body = born.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "3" + serial.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            for (var check = '0'; check <= '9'; check++)
            {
                if (Iin.Check(body + check) is { Error: null, BirthDate: { } encoded } && encoded == born)
                {
                    return body + check;
                }
            }
        }
    }

    private async Task<int> HeadcountsAsync(Guid visitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<Aigaq.Visits.Headcounts.VisitHeadcount>().CountAsync(h => h.VisitId == visitId);
    }
}
