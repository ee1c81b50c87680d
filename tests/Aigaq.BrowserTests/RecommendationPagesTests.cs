using System.Text;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.Recommendations;
using Deque.AxeCore.Commons;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>The app where the NGO coalition opted in to the public page of recommendations.</summary>
public sealed class RecommendationPagesHost : BrowserApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Aigaq:Recommendations:PublicActors:0"] = "ngo" };
}

/// <summary>
/// The recommendations' pages on a phone (issue 18, items 6 and 7): an analyst reaches /recommendations from the menu;
/// the list, a recommendation's page and the public page pass axe in Kazakh, English and Russian (one load of each per
/// language); the analyst assesses, adds a measure and completes it through the forms; the coalition's grade appears
/// beside the state's and, without sign-in, alone on the public page.
/// </summary>
public sealed class RecommendationPagesTests(RecommendationPagesHost app) : IClassFixture<RecommendationPagesHost>
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    [Fact]
    public async Task An_analyst_reads_and_assesses_a_recommendation_and_the_public_page_shows_the_coalition_only_in_three_languages()
    {
        var (analyst, key) = await app.CreateUserAsync(Roles.Analyst, "analyst-pages@recommendations.aigaq.kz");
        var id = (await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<RegisterRecommendation>().HandleAsync(
            new RegisterRecommendationRequest("CAT", "CAT/C/KAZ/CO/4", 24, null, "Ensure prompt, impartial investigation of every complaint of torture",
                new DateOnly(2021, 12, 3), true, new DateOnly(2022, 12, 3), ["investigation"]), user, default))).Id;
        await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<AssessRecommendation>().HandleAsync(
            id, new AssessRecommendationRequest(AssessmentActor.State, "hrcGrades", "A", null, DateTimeOffset.UtcNow.AddHours(-1)), user, default));

        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, analyst.Email!, key);
        await page.ClickAsync("header nav a[href='/recommendations']");
        await BrowserApp.ExpectUrlAsync(page, new Regex("/recommendations$"));

        var found = new List<string>();
        foreach (var culture in new[] { "kk", "en", "ru" })
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseUrl }]);
            await page.GotoAsync("/recommendations");
            await Expect(page.Locator($"#rec-{id} tr[data-actor='state']")).ToHaveCountAsync(1);
            await CheckAsync(page, culture, "list", found);
            await page.GotoAsync($"/recommendations/{id}");
            await Expect(page.Locator(".report-link")).Not.ToHaveCountAsync(0);
            await CheckAsync(page, culture, "recommendation", found);
            await page.GotoAsync("/public/recommendations?document=CAT/C/KAZ/CO/4");
            await Expect(page.Locator("tr[data-actor='ngo']")).ToHaveCountAsync(1);
            await CheckAsync(page, culture, "public", found);
        }

        // In Russian: the coalition's grade through the form; it stands beside the state's, their disagreement marked.
        await page.GotoAsync($"/recommendations/{id}");
        await page.SelectOptionAsync("#assess-actor", "ngo");
        await page.SelectOptionAsync("#assess-grade", "hrcGrades|C");
        await page.FillAsync("#assess-rationale", "Жалобы не расследуются");
        await page.ClickAsync("#assess button[type=submit]");
        await Expect(page.Locator("tr.assessment[data-actor='ngo']")).ToHaveAttributeAsync("data-grade", "C");
        await Expect(page.Locator("tr.assessment .disagreement")).ToHaveCountAsync(2);

        // A measure through its form, then its status changed from its card: each a new fact, shown in its history.
        await page.FillAsync("#measure-title", "Поправки в УПК о подследственности пыток");
        await page.FillAsync("#measure-lead", "Генеральная прокуратура");
        await page.FillAsync("#measure-supporting", "МВД\nКНБ");
        await page.FillAsync("#measure-targetDate", "2027-06-30");
        // A real tap on the button, on a phone, after the reload that showed the assessments' table: the table scrolls in
        // its own region, so the page is no wider than the screen and the tap lands on the button, not the field above.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the page is wider than the phone's screen");
        await page.ClickAsync("#measure button[type=submit]");
        await Expect(page.Locator(".measure")).ToHaveAttributeAsync("data-status", "planned");
        await page.Locator(".measure select[name=status]").SelectOptionAsync("completed");
        await page.Locator(".measure input[name=note]").PressAsync("Enter");
        await Expect(page.Locator(".measure")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(page.Locator(".measure-history li")).ToHaveCountAsync(2);

        // Without sign-in: the coalition's grade, not the state's, and not its reasoning.
        await using var visitor = await app.ContextAsync("ru");
        var open = await visitor.NewPageAsync();
        await open.GotoAsync("/public/recommendations?document=CAT/C/KAZ/CO/4");
        await Expect(open.Locator("tr[data-actor='ngo']")).ToHaveAttributeAsync("data-grade", "C");
        await Expect(open.Locator("tr[data-actor='state']")).ToHaveCountAsync(0);
        await Expect(open.Locator("body")).Not.ToContainTextAsync("Жалобы не расследуются");
        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violation(s):\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task A_refused_form_shows_the_refusal_in_the_readers_language_never_the_internal_text()
    {
        var (analyst, key) = await app.CreateUserAsync(Roles.Analyst, "analyst-refusals@recommendations.aigaq.kz");
        var id = (await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<RegisterRecommendation>().HandleAsync(
            new RegisterRecommendationRequest("HRC", "CCPR/C/KAZ/CO/2", 28, null, "Ensure that forensic examinations follow the Istanbul Protocol",
                new DateOnly(2021, 12, 3), false), user, default))).Id;
        int Recorded() => Count(db => db.Set<RecommendationAssessment>().Count(a => a.RecommendationId == id)
            + db.Set<RecommendationCorrection>().Count(c => c.RecommendationId == id));

        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, analyst.Email!, key);
        foreach (var culture in new[] { "kk", "ru", "en" })
        {
            var (refused, notOnScale, required) = Texts(culture);
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseUrl }]);
            await page.GotoAsync($"/recommendations/{id}");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);

            // A grade not on its scale (as a page opened before the scales changed would send).
            await page.Locator("#assess-grade").EvaluateAsync("s => s.add(new Option('Z', 'hrcGrades|Z', true, true))");
            await page.ClickAsync("#assess button[type=submit]");
            await Expect(page.Locator("#assess-grade-error")).ToHaveTextAsync(notOnScale);
            await Expect(page.Locator("#assess-grade")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#assess .validation-summary-errors")).ToHaveTextAsync(refused);

            // A correction without its reason.
            await page.ClickAsync("#correct-h + details > summary");
            await page.FillAsync("#correct-summary", "Ensure that every forensic examination follows the Istanbul Protocol");
            await page.ClickAsync("#correct button[type=submit]");
            await Expect(page.Locator("#correct-reason-error")).ToHaveTextAsync(required);
            await Expect(page.Locator("#correct .validation-summary-errors")).ToHaveTextAsync(refused);

            // Never the API's own words (the English translation words them otherwise too) nor an exception's.
            await Expect(page.Locator("main")).Not.ToContainTextAsync("is not on scale");
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Exception");
            Assert.Equal(0, Recorded());
        }

        // Each opening of the page, signed in by its cookie, is a read naming the analyst (as an API read names them).
        Assert.Equal(3, (await app.AccessLogAsync(analyst.Id)).Count(e => e.Action == GetRecommendation.ReadAction && e.Resource == id.ToString()));
    }

    /// <summary>
    /// Everything on the page that reaches past the phone's screen, outside a table's scroll region (which must itself be
    /// reachable by the keyboard and named), and whether the page scrolls sideways: an empty list when it fits.
    /// </summary>
    private const string PastTheEdge = """
        () => {
          const width = document.documentElement.clientWidth;
          const faults = [];
          const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          for (const box of document.querySelectorAll('main .scroll')) {
            const label = box.getAttribute('aria-labelledby');
            if (box.getAttribute('tabindex') !== '0' || box.getAttribute('role') !== 'region' ||
                !(box.getAttribute('aria-label') || (label && document.getElementById(label)?.textContent.trim()))) {
              faults.push('a scroll region without tabindex, role or name: ' + name(box));
            }
          }
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if ((r.width === 0 && r.height === 0) || r.right <= width + 1) continue;
            const box = e.closest('.scroll');
            if (box && box !== e && box.getBoundingClientRect().right <= width + 1) continue;
            faults.push(name(e) + ' reaches ' + Math.round(r.right) + ' px: "' + (e.textContent || '').trim().slice(0, 30) + '"');
          }
          if (document.documentElement.scrollWidth > width + 1) faults.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px of ' + width);
          return faults.slice(0, 15);
        }
        """;

    [Fact]
    public async Task On_a_phone_long_names_words_and_file_names_keep_the_recommendation_pages_within_the_screen()
    {
        var (analyst, key) = await app.CreateUserAsync(Roles.Analyst, "analyst-width@recommendations.aigaq.kz");
        var lists = app.Services.GetRequiredService<Aigaq.Rules.RulePackCatalog>().At(DateTimeOffset.UtcNow).Recommendations.Lists;
        // One Kazakh word, with no space or hyphen to break at, as long as each field takes.
        const string Word = "Қылмыстықатқаружүйесікомитетініңаумақтықдепартаменттерініңбақылауынжүзегеасырушыбасқармасы";
        string Long(int length, int i = 0) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture) + string.Concat(Enumerable.Repeat(Word, (length / Word.Length) + 1)))[..length];
        var names = Enumerable.Range(0, lists.MaxEntries).Select(i => Long(lists.MaxNameLength, i)).ToList();
        var tags = Enumerable.Range(0, lists.MaxEntries).Select(i => (i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "custodysafeguardsinvestigationoftorture")[..lists.MaxTagLength]).ToList();
        const string Document = "CAT/C/KAZ/CO/3";

        var other = (await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<RegisterRecommendation>().HandleAsync(
            new RegisterRecommendationRequest("CAT", Document, 9, null, Long(300), new DateOnly(2014, 12, 12), false), user, default))).Id;
        var id = (await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<RegisterRecommendation>().HandleAsync(
            new RegisterRecommendationRequest("CAT", Document, 10, "a", Long(1000), new DateOnly(2014, 12, 12), true, new DateOnly(2015, 12, 12), tags, names, tags,
                [other], new SummariesInput(Long(1000), Long(1000), Long(1000))), user, default))).Id;
        await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<CorrectRecommendation>().HandleAsync(
            id, new CorrectRecommendationRequest(Long(CorrectRecommendation.MaxReason), Addressees: [.. Enumerable.Range(100, lists.MaxEntries).Select(i => Long(lists.MaxNameLength, i))]), user, default));
        foreach (var (actor, grade) in new[] { (AssessmentActor.State, "A"), (AssessmentActor.Ngo, "C") })
        {
            await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<AssessRecommendation>().HandleAsync(
                id, new AssessRecommendationRequest(actor, "hrcGrades", grade, Long(AssessRecommendation.MaxRationale), DateTimeOffset.UtcNow.AddHours(-2)), user, default));
        }

        var measure = (await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<AddMeasure>().HandleAsync(
            id, new AddMeasureRequest(Long(AddMeasure.MaxTitle), Long(lists.MaxNameLength, 99), names, new DateOnly(2015, 6, 30), MeasureStatus.Planned), user, default))).Id;
        await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<ChangeMeasureStatus>().HandleAsync(
            id, measure, new ChangeMeasureStatusRequest(MeasureStatus.InProgress, Long(AddMeasure.MaxNote), DateTimeOffset.UtcNow), user, default));
        var file = "%PDF-1.7\n"u8.ToArray();
        var fileName = Long(AddMeasureEvidence.MaxFileName - 4) + ".pdf";
        await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<AddMeasureEvidence>().HandleAsync(
            id, measure, new EvidenceUpload(file, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), "application/pdf", fileName), user, default));
        await app.CommandAsync(analyst, Roles.Analyst, (sp, user) => sp.GetRequiredService<TrackIndicator>().HandleAsync(
            id, new TrackIndicatorRequest("manual", null, 2014, 2015, Long(TrackIndicator.MaxLabel), IndicatorUnit.Count, [new ManualValueInput(2014, 12345678), new ManualValueInput(2015, 23456789)]), user, default));

        await using var context = await app.ContextAsync("kk");
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, analyst.Email!, key);
        await using var visitor = await app.ContextAsync("kk");
        var open = await visitor.NewPageAsync();
        foreach (var culture in new[] { "kk", "ru", "en" })
        {
            foreach (var c in new[] { context, visitor })
            {
                await c.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseUrl }]);
            }

            // The recommendation's page with every list opened: corrections, assessments, the measure's status history,
            // its evidence, the indicator, and the forms.
            await page.GotoAsync($"/recommendations/{id}");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            await Expect(page.Locator(".evidence a")).ToHaveTextAsync(fileName);
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            await Expect(page.Locator(".measure-history li")).ToHaveCountAsync(2);
            await Expect(page.Locator(".measure-history li").Last).ToBeVisibleAsync();
            Assert.Empty(await page.EvaluateAsync<string[]>(PastTheEdge));

            await page.GotoAsync("/recommendations");
            await Expect(page.Locator($"#rec-{id}")).ToHaveCountAsync(1);
            Assert.Empty(await page.EvaluateAsync<string[]>(PastTheEdge));

            await open.GotoAsync($"/public/recommendations?document={Document}");
            await Expect(open.Locator("tr[data-actor='ngo']")).Not.ToHaveCountAsync(0);
            Assert.Empty(await open.EvaluateAsync<string[]>(PastTheEdge));
        }
    }

    /// <summary>The refusal's heading and the two messages as the app words them in <paramref name="culture"/>.</summary>
    private (string Refused, string NotOnScale, string Required) Texts(string culture)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            var t = app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Aigaq.Web.SharedResource>>();
            var scale = app.Services.GetRequiredService<AssessmentScales>().At(DateTimeOffset.UtcNow).Scale("hrcGrades")!;
            return (t["Nothing was recorded. Correct the fields marked below."].Value, t["Error.GradeNotOnScale", AssessmentScales.Label(t, scale)].Value,
                t["Error: is required"].Value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    private int Count(Func<Aigaq.Data.AigaqDb, int> count)
    {
        using var scope = app.Services.CreateScope();
        return count(scope.ServiceProvider.GetRequiredService<Aigaq.Data.AigaqDb>());
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
    }
}
