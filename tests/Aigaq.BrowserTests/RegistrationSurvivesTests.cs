using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// The registration form on a phone with a bad connection (issue 14, item 4): made with no connection it waits on the
/// device and is sent once when the connection returns; a page closed mid-send loses nothing and sends nothing twice;
/// a lapsed session keeps the form; every error is named at once.
/// </summary>
public sealed class RegistrationSurvivesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("kk", true)]
    [InlineData("ru", false)]
    [InlineData("en", true)]
    public async Task A_registration_made_offline_waits_on_the_device_and_is_sent_once_when_the_connection_returns(string culture, bool phone)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"offline-{culture}-{phone}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        var refused = Chromium.PolicyRefusals(page);
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/detentions/register");
        // The form's worker keeps the page for use with no connection.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

        await context.SetOfflineAsync(true);
        var (entered, instant) = Moment(TimeSpan.FromMinutes(50));
        await FillAsync(page, "Оффлайнов", entered);
        await page.ClickAsync("#register-submit");
        await Expect(page.Locator("#outbox-list li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#outbox-list li")).ToContainTextAsync("Оффлайнов");
        await Expect(page.Locator("#register-status")).Not.ToBeEmptyAsync();
        // The form is empty again for the next person, under a new key.
        await Expect(page.Locator("#LastName")).ToHaveValueAsync("");
        Assert.Equal(0, await CountAsync(officer.Id));

        // Opened again with no connection, the page comes from the device and still lists what waits.
        await page.ReloadAsync();
        await Expect(page.Locator("#register-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#outbox-list li")).ToHaveCountAsync(1);
        await Shots.SaveAsync(page, $"register-offline-{culture}-{(phone ? "phone" : "desktop")}");

        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#outbox-list a.sent")).ToContainTextAsync(" D75-");
        Assert.Equal(1, await CountAsync(officer.Id));
        var detention = await LastAsync(officer.Id);
        Assert.Equal("Оффлайнов", detention.LastName);
        // The claimed moment is the one entered, not the moment of sending.
        Assert.Equal(instant, detention.DetainedAt);

        // Nothing is left to send: a reload sends nothing again.
        await page.ReloadAsync();
        await Expect(page.Locator("#outbox")).ToBeHiddenAsync();
        Assert.Equal(1, await CountAsync(officer.Id));
        Assert.Empty(refused);
    }

    [Fact]
    public async Task A_page_closed_mid_send_keeps_the_draft_and_the_next_visit_sends_it_without_a_second_record()
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "closed-mid-send@test.aigaq.kz");
        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/detentions/register");

        await context.SetOfflineAsync(true);
        await FillAsync(page, "Закрытов", Moment(TimeSpan.FromMinutes(40)).Entered);
        await page.ClickAsync("#register-submit");
        await Expect(page.Locator("#outbox-list li")).ToHaveCountAsync(1);

        // The send reaches the server, which registers the person, but the page is closed before the answer comes.
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/detentions/register", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            await route.FetchAsync();
            reached.TrySetResult();
        });
        await context.SetOfflineAsync(false);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await page.CloseAsync();
        Assert.Equal(1, await CountAsync(officer.Id));

        // The next visit finds the draft still waiting, sends it with its own key, and the server answers with the
        // record the first send made.
        var again = await context.NewPageAsync();
        await again.GotoAsync("/detentions/register");
        await Expect(again.Locator("#outbox-list a.sent")).ToContainTextAsync(" D75-");
        await Expect(again.Locator("#outbox-list li:not(:has(a.sent))")).ToHaveCountAsync(0);
        Assert.Equal(1, await CountAsync(officer.Id));
    }

    [Fact]
    public async Task A_used_form_key_sent_with_other_details_is_not_answered_with_the_first_record()
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "stale-key@test.aigaq.kz");
        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/detentions/register");
        var key = await page.InputValueAsync("input[name='Form.FormKey']");
        await FillAsync(page, "Біріншіев", Moment(TimeSpan.FromMinutes(20)).Entered);
        await page.ClickAsync("#register-submit");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/detentions/[0-9a-f-]{36}$"));

        // A draft restored on the device keeps its key; changed to another person, it must not be taken for the first.
        await page.GotoAsync("/detentions/register");
        await FillAsync(page, "Екіншіев", Moment(TimeSpan.FromMinutes(10)).Entered);
        await page.EvaluateAsync("k => document.querySelector(\"input[name='Form.FormKey']\").value = k", key);
        await page.ClickAsync("#register-submit");
        await Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#LastName")).ToHaveValueAsync("Екіншіев");
        Assert.Equal(1, await CountAsync(officer.Id));

        await page.ClickAsync("#register-submit");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/detentions/[0-9a-f-]{36}$"));
        Assert.Equal(2, await CountAsync(officer.Id));
        Assert.Equal("Екіншіев", (await LastAsync(officer.Id)).LastName);
    }

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_lapsed_session_keeps_the_form_and_returns_to_it_after_signing_in(string culture)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"lapsed-{culture}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/detentions/register");
        var entered = Moment(TimeSpan.FromMinutes(30)).Entered;
        await FillAsync(page, "Сессиялы", entered);

        await context.ClearCookiesAsync(new() { Name = "aigaq" });
        await page.ClickAsync("#register-submit");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/signin"));
        await Expect(page.Locator("#signin-continue")).ToBeVisibleAsync();

        await page.FillAsync("#email", officer.Email!);
        await page.FillAsync("#password", BrowserApp.Password);
        await page.ClickAsync("#signin-form button[type=submit]");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/detentions/register$"));
        await Expect(page.Locator("#LastName")).ToHaveValueAsync("Сессиялы");
        await Expect(page.Locator("#DetainedAt")).ToHaveValueAsync(entered);
        await Expect(page.Locator("#register-status")).Not.ToBeEmptyAsync();
        Assert.Equal(0, await CountAsync(officer.Id));

        await page.ClickAsync("#register-submit");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/detentions/[0-9a-f-]{36}$"));
        Assert.Equal(1, await CountAsync(officer.Id));
    }

    [Theory]
    [InlineData("kk", true)]
    [InlineData("ru", true)]
    [InlineData("en", false)]
    public async Task Every_error_is_named_at_once_with_what_was_typed_kept_and_the_summary_links_to_the_fields(string culture, bool phone)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"all-errors-{culture}-{phone}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/detentions/register");

        // A garbled birth date used to hide the other errors until the next send, and was erased.
        await page.EvaluateAsync("() => { const b = document.getElementById('BirthDate'); b.type = 'text'; b.value = '14.06.95'; }");
        await page.FillAsync("#LastName", "Қателер");
        await page.FillAsync("#Iin", "123");
        await page.FillAsync("#Contact1Name", "Қателер Гүлнар");
        await page.FillAsync("#Contact1Phone", "8 701 abc");
        await page.FillAsync("#Contact1Email", "not-an-address");
        await page.ClickAsync("#register-submit");

        await Expect(page.Locator("#form-errors")).ToBeFocusedAsync();
        foreach (var field in new[] { "BirthDate", "FirstName", "Iin", "Contact1Phone", "Contact1Email" })
        {
            await Expect(page.Locator($"#{field}-error")).ToBeVisibleAsync();
            await Expect(page.Locator($"#form-errors a[href='#{field}']")).ToHaveCountAsync(1);
        }

        await Expect(page.Locator("#BirthDate")).ToHaveValueAsync("14.06.95");
        await Expect(page.Locator("#Contact1Phone")).ToHaveValueAsync("8 701 abc");
        await page.ClickAsync("#form-errors a[href='#Iin']");
        await Expect(page.Locator("#Iin")).ToBeFocusedAsync();
        await Shots.SaveAsync(page, $"register-all-errors-{culture}-{(phone ? "phone" : "desktop")}");

        // A number written the way people say it is read as +7, and the officer's details came from the account.
        await page.FillAsync("#FirstName", "Арман");
        await page.FillAsync("#BirthDate", "1995-06-14");
        await page.FillAsync("#Iin", "");
        await page.FillAsync("#Contact1Phone", "8 (701) 765-43-21");
        await page.FillAsync("#Contact1Email", "");
        await FillRestAsync(page);
        await page.ClickAsync("#register-submit");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/detentions/[0-9a-f-]{36}$"));
        var detention = await LastAsync(officer.Id);
        Assert.Equal("+77017654321", Assert.Single(detention.Contacts).Phone);
        Assert.Equal("Test Officer", detention.Officers[0].Name);

        // The next form has the officer's badge and unit from this registration.
        await page.GotoAsync("/detentions/register");
        await Expect(page.Locator("#Officer1Name")).ToHaveValueAsync("Test Officer");
        await Expect(page.Locator("#Officer1Badge")).ToHaveValueAsync("2231");
        await Expect(page.Locator("#Agency")).ToHaveValueAsync("ДП г. Алматы");
    }

    [Fact]
    public async Task A_queued_registration_whose_anti_forgery_token_went_stale_is_sent_with_a_fresh_one()
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, "stale-token@test.aigaq.kz");
        await using var context = await app.ContextAsync("en");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/detentions/register");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

        await context.SetOfflineAsync(true);
        await FillAsync(page, "Ескіжетон", Moment(TimeSpan.FromMinutes(30)).Entered);
        await page.ClickAsync("#register-submit");
        await Expect(page.Locator("#outbox-list li")).ToHaveCountAsync(1);

        // The page's token no longer matches anything the server gave (its cookie is gone, as after a browser restart).
        var antiforgery = (await context.CookiesAsync()).Where(c => c.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(antiforgery);
        foreach (var cookie in antiforgery)
        {
            await context.ClearCookiesAsync(new() { Name = cookie.Name });
        }

        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#outbox-list a.sent")).ToContainTextAsync(" D75-");
        Assert.Equal(1, await CountAsync(officer.Id));
        Assert.Equal("Ескіжетон", (await LastAsync(officer.Id)).LastName);
    }

    [Theory]
    [InlineData("ru", true)]
    [InlineData("kk", false)]
    public async Task Optional_parts_of_the_form_are_folded_until_they_hold_something(string culture, bool phone)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"folded-{culture}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, officer.Email!);
        await page.GotoAsync("/detentions/register");

        string[] parts = ["more-person", "more-place", "more-officer", "more-route", "more-contact"];
        foreach (var part in parts)
        {
            Assert.False(await page.Locator($"#{part}").EvaluateAsync<bool>("d => d.open"), part);
        }

        // The form was 37 fields long on a phone; the officer now sees what a registration needs.
        var shown = await page.Locator("#register-form").EvaluateAsync<int>(
            "f => [...f.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.checkVisibility()).length");
        Assert.InRange(shown, 15, 26);
        await Shots.SaveAsync(page, $"register-folded-{culture}-{(phone ? "phone" : "desktop")}");

        // A part opened and filled comes back open with the draft.
        await page.ClickAsync("#more-officer > summary");
        await page.FillAsync("#Officer2Name", "Серікбаев Н.");
        await page.ReloadAsync();
        await Expect(page.Locator("#Officer2Name")).ToHaveValueAsync("Серікбаев Н.");
        Assert.True(await page.Locator("#more-officer").EvaluateAsync<bool>("d => d.open"));
        Assert.False(await page.Locator("#more-contact").EvaluateAsync<bool>("d => d.open"));

        // A bad value in a folded part is named, and its part is open so that the summary's link reaches it.
        await page.ClickAsync("#more-contact > summary");
        await page.FillAsync("#Contact2Name", "Серікбаева Ә.");
        await page.FillAsync("#Contact2Phone", "8 701 abc");
        await page.ClickAsync("#more-officer > summary");
        await FillAsync(page, "Бүктелген", Moment(TimeSpan.FromMinutes(20)).Entered);
        await page.ClickAsync("#register-submit");
        await Expect(page.Locator("#form-errors")).ToBeFocusedAsync();
        Assert.True(await page.Locator("#more-contact").EvaluateAsync<bool>("d => d.open"));
        Assert.True(await page.Locator("#more-officer").EvaluateAsync<bool>("d => d.open"));
        Assert.False(await page.Locator("#more-route").EvaluateAsync<bool>("d => d.open"));
        await page.ClickAsync("#form-errors a[href='#Contact2Phone']");
        await Expect(page.Locator("#Contact2Phone")).ToBeFocusedAsync();
        await Expect(page.Locator("#Contact2Phone")).ToHaveValueAsync("8 701 abc");
    }

    /// <summary>A moment some time ago as the officer types it (local time in Almaty) and as the instant it is.</summary>
    private static (string Entered, DateTimeOffset Instant) Moment(TimeSpan ago)
    {
        var now = DateTimeOffset.UtcNow - ago;
        var instant = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty"));
        return (local.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    private async Task FillAsync(IPage page, string lastName, string detainedAt)
    {
        await page.FillAsync("#LastName", lastName);
        await page.FillAsync("#FirstName", "Арман");
        await page.FillAsync("#BirthDate", "1995-06-14");
        await page.FillAsync("#DetainedAt", detainedAt);
        await page.FillAsync("#Contact1Name", "Гүлнар");
        await page.FillAsync("#Contact1Phone", "+77017654321");
        await FillRestAsync(page);
    }

    private async Task FillRestAsync(IPage page)
    {
        await page.FillAsync("#PlaceAddress", "г. Алматы, ул. Сатпаева, 22");
        await page.SelectOptionAsync("#Region", BrowserApp.Region);
        await page.FillAsync("#Agency", "ДП г. Алматы");
        await page.FillAsync("#Officer1Badge", "2231");
        await page.SelectOptionAsync("#GroundsKind", nameof(GroundsKind.CaughtInAct));
        await page.SelectOptionAsync("#FacilityId", app.Facility.Id.ToString());
    }

    private async Task<int> CountAsync(Guid officer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<Detention>().CountAsync(d => d.RecordedBy == officer);
    }

    private async Task<Detention> LastAsync(Guid officer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AigaqDb>().Set<Detention>().AsNoTracking()
            .Include(d => d.Contacts).Where(d => d.RecordedBy == officer).OrderByDescending(d => d.Seq).FirstAsync();
    }
}
