using System.Net.Http.Json;
using Aigaq.Access;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// Find and act (issue 14, item 6) in Chromium: each role lands on its own start page after signing in; the lists of
/// detentions, reports, alerts and accounts are searched from their forms at phone and desktop sizes; and no table on
/// those pages is cut off on a phone: it fits, or scrolls inside a labelled region the keyboard reaches.
/// </summary>
public sealed class FindTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>Every table of the page in view or in a keyboard-reachable, named scroll region, and no cell's text cut.</summary>
    private const string Clipped = """
        () => {
          const width = document.documentElement.clientWidth;
          const faults = [];
          for (const box of document.querySelectorAll('.scroll')) {
            if (box.getAttribute('tabindex') !== '0' || box.getAttribute('role') !== 'region' ||
                !(box.getAttribute('aria-label') || (box.getAttribute('aria-labelledby') && document.getElementById(box.getAttribute('aria-labelledby'))?.textContent.trim()))) {
              faults.push('a scroll region without tabindex, role or name: ' + (box.querySelector('table')?.id || '?'));
            }
          }
          for (const table of document.querySelectorAll('main table')) {
            const name = table.id || table.closest('[id]')?.id || 'table';
            const edge = table.getBoundingClientRect().right;
            const box = table.closest('.scroll');
            if (edge > width + 1 && (!box || box.getBoundingClientRect().right > width + 1 || box.scrollWidth <= box.clientWidth)) {
              faults.push(name + ' reaches ' + Math.round(edge) + ' px of ' + width);
            }
            for (const cell of table.querySelectorAll('th, td')) {
              if (cell.scrollWidth > cell.clientWidth + 1) faults.push(name + ': "' + cell.textContent.trim().slice(0, 40) + '" is cut');
            }
          }
          if (document.documentElement.scrollWidth > width + 1) faults.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
          return faults;
        }
        """;

    private static readonly Dictionary<string, (string NoReports, string NoAccounts, string Reports, string Cases, string NoCases)> Words =
        new(StringComparer.Ordinal)
        {
            ["kk"] = ("Іздеуге сәйкес хабарламалар жоқ.", "Іздеуге сәйкес есептік жазбалар жоқ.", "Хабарламалар", "Қылмыстық істер", "Іздеуге сәйкес істер жоқ."),
            ["ru"] = ("Сообщений, подходящих под поиск, нет.", "Учётных записей, подходящих под поиск, нет.", "Сообщения", "Уголовные дела", "Дел, подходящих под поиск, нет."),
            ["en"] = ("No reports match the search.", "No accounts match the search.", "Reports", "Cases", "No cases match the search."),
        };

    [Theory]
    [InlineData(Roles.Prosecutor, "/dashboard", "kk")]
    [InlineData(Roles.Administrator, "/admin/users", "ru")]
    [InlineData(Roles.Analyst, "/statistics", "en")]
    [InlineData(Roles.Officer, "/detentions/register", "kk")]
    [InlineData(Roles.Defender, "/detentions", "ru")]
    public async Task Each_role_lands_on_its_own_start_page(string role, string start, string culture)
    {
        var (user, key) = await app.CreateUserAsync(role, $"start-{role.ToLowerInvariant()}-{culture}@test.aigaq.kz");
        await using var context = await app.ContextAsync(culture);
        var page = await context.NewPageAsync();

        await BrowserApp.SignInAsync(page, user.Email!, key);

        await BrowserApp.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(start) + "$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
    }

    [Fact]
    public async Task A_page_asked_for_before_signing_in_is_where_the_sign_in_leads()
    {
        var (prosecutor, key) = await app.CreateUserAsync(Roles.Prosecutor, "start-return@test.aigaq.kz");
        await using var context = await app.ContextAsync("ru");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/reports?status=all");
        await BrowserApp.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/signin"));
        await page.FillAsync("#email", prosecutor.Email!);
        await page.FillAsync("#password", BrowserApp.Password);
        await page.ClickAsync("#signin-form button[type=submit]");
        await BrowserApp.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/signin/code"));
        await page.FillAsync("#code", BrowserApp.Code(key!));
        await page.ClickAsync("#code-form button[type=submit]");

        await BrowserApp.ExpectUrlAsync(page, new System.Text.RegularExpressions.Regex("/reports\\?status=all$"));
    }

    [Theory]
    [InlineData("kk", true)]
    [InlineData("ru", true)]
    [InlineData("en", false)]
    public async Task The_lists_are_searched_from_their_forms_and_no_table_is_cut_off(string culture, bool phone)
    {
        var (officer, _) = await app.CreateUserAsync(Roles.Officer, $"find-officer-{culture}-{phone}@test.aigaq.kz");
        var (prosecutor, key) = await app.CreateUserAsync(Roles.Prosecutor, $"find-prosecutor-{culture}-{phone}@test.aigaq.kz");
        var (admin, adminKey) = await app.CreateUserAsync(Roles.Administrator, $"find-admin-{culture}-{phone}@test.aigaq.kz");
        var wanted = await app.RegisterAsync(officer, "Іздеуова", "Сара", new DateOnly(1990, 1, 2), rightsExplained: false);
        var erdr = "26" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var other = await app.RegisterAsync(officer, "Басқаев", "Олжас", new DateOnly(1991, 2, 3), rightsExplained: false);
        using (var http = await app.ApiClientAsync(prosecutor))
        {
            var created = await http.PostAsJsonAsync("/api/v1/reports", new
            {
                receivedAt = DateTimeOffset.UtcNow.AddHours(-1),
                source = "lawyer",
                narrative = "Подзащитного избивали в ИВС.",
                region = BrowserApp.Region,
                victims = new[] { new { lastName = "Іздеуова", firstName = "Сара" } },
                alleged = new[] { new { agency = "police" } },
                facilityId = app.Facility.Id,
                detentionId = wanted.Id,
            });
            created.EnsureSuccessStatusCode();
            var reportId = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
            (await http.PostAsJsonAsync($"/api/v1/reports/{reportId}/register", new { erdrNumber = erdr, registeredAt = DateTimeOffset.UtcNow, part = 1 }))
                .EnsureSuccessStatusCode();
        }

        await using var context = await app.ContextAsync(culture, phone);
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, prosecutor.Email!, key);

        // Detentions: by number as typed.
        await page.GotoAsync("/detentions");
        await page.FillAsync("#q", wanted.Number.ToLowerInvariant());
        await page.ClickAsync("#detentions-filter button[type=submit]");
        await Expect(page.Locator("main")).ToContainTextAsync(wanted.Number);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(other.Number);
        Assert.Empty(await page.EvaluateAsync<string[]>(Clipped));

        // Reports: by the detention's number, any status; then a search that finds nothing says so.
        await page.GotoAsync("/reports");
        await page.FillAsync("#q", wanted.Number);
        await page.SelectOptionAsync("#status", "all");
        await page.ClickAsync("#reports-filter button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Words[culture].Reports);
        await Expect(page.Locator("#waiting-reports tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#q")).ToHaveValueAsync(wanted.Number);
        Assert.Empty(await page.EvaluateAsync<string[]>(Clipped));
        await Shots.SaveAsync(page, $"find-reports-{culture}-{(phone ? "phone" : "desktop")}");
        await page.FillAsync("#q", other.Number);
        await page.ClickAsync("#reports-filter button[type=submit]");
        await Expect(page.Locator("#no-waiting")).ToHaveTextAsync(Words[culture].NoReports);

        // Cases: by ERDR number, narrowed by agency and stage from the menu's page; a filter that excludes it says so.
        await page.GotoAsync("/cases");
        await Expect(page.Locator("header nav a[href='/cases']")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1")).ToHaveTextAsync(Words[culture].Cases);
        await page.FillAsync("#q", erdr);
        await page.SelectOptionAsync("#agency", "police");
        await page.SelectOptionAsync("#stage", "none");
        await page.ClickAsync("#cases-filter button[type=submit]");
        await Expect(page.Locator("#cases tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#cases tbody tr")).ToContainTextAsync(erdr);
        await Expect(page.Locator("#agency")).ToHaveValueAsync("police");
        Assert.Empty(await page.EvaluateAsync<string[]>(Clipped));
        await Shots.SaveAsync(page, $"find-cases-{culture}-{(phone ? "phone" : "desktop")}");
        await page.Locator("#cases").EvaluateAsync("t => t.closest('.scroll').focus()");
        await Expect(page.Locator(".scroll:focus")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#agency", "military");
        await page.ClickAsync("#cases-filter button[type=submit]");
        await Expect(page.Locator("#no-cases")).ToHaveTextAsync(Words[culture].NoCases);
        await page.ClickAsync("#filter-clear");
        await Expect(page.Locator($"#cases a:text-is('{erdr}')")).ToBeVisibleAsync();

        // Alerts: the dashboard by detention number.
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#q", wanted.Number);
        await page.ClickAsync("#alert-filter button[type=submit]");
        await Expect(page.Locator("#open-alerts .alert-item").First).ToContainTextAsync(wanted.Number);
        await Expect(page.Locator("#open-alerts")).Not.ToContainTextAsync(other.Number);
        Assert.Empty(await page.EvaluateAsync<string[]>(Clipped));

        // The detention's notifications: every status reads in full.
        await page.GotoAsync($"/detentions/{wanted.Id}");
        await Expect(page.Locator("#notification-table")).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>(Clipped));
        await Shots.SaveAsync(page, $"find-notifications-{culture}-{(phone ? "phone" : "desktop")}");

        await page.GotoAsync("/statistics");
        Assert.Empty(await page.EvaluateAsync<string[]>(Clipped));

        // Accounts, as the administrator.
        await using var adminContext = await app.ContextAsync(culture, phone);
        var adminPage = await adminContext.NewPageAsync();
        await BrowserApp.SignInAsync(adminPage, admin.Email!, adminKey);
        await adminPage.FillAsync("#q", officer.Email!.ToUpperInvariant());
        await adminPage.SelectOptionAsync("#role", Roles.Officer);
        await adminPage.ClickAsync("#users-filter button[type=submit]");
        await Expect(adminPage.Locator("#users tbody tr")).ToHaveCountAsync(1);
        await Expect(adminPage.Locator($"#user-{officer.Id}")).ToBeVisibleAsync();
        Assert.Empty(await adminPage.EvaluateAsync<string[]>(Clipped));
        await adminPage.SelectOptionAsync("#state", "deactivated");
        await adminPage.ClickAsync("#users-filter button[type=submit]");
        await Expect(adminPage.Locator("#users-none")).ToHaveTextAsync(Words[culture].NoAccounts);
        await adminPage.GotoAsync("/admin/facilities");
        Assert.Empty(await adminPage.EvaluateAsync<string[]>(Clipped));

        // The scroll regions are reached with the keyboard.
        await adminPage.GotoAsync("/admin/users");
        await adminPage.Locator("#users").EvaluateAsync("t => t.closest('.scroll').focus()");
        await Expect(adminPage.Locator(".scroll:focus")).ToHaveCountAsync(1);
    }
}
