using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Facilities;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aigaq.BrowserTests;

/// <summary>
/// A refusal challenged and overturned: a defender's report is refused, the defender challenges the
/// refusal from the report's page, the investigating judge finds the complaint in the inbox and
/// upholds it, and the report waits for registration again. Each language in turn.
/// </summary>
public sealed class ReviewJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>What a reader sees, written out here so that a missing translation fails.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Seen = new(StringComparer.Ordinal)
    {
        ["kk"] = new(StringComparer.Ordinal)
        {
            ["file"] = "Шағым беру",
            ["required"] = "міндетті",
            ["judge"] = "Тергеу судьясы",
            ["complaints"] = "Шағымдар",
            ["overturned"] = "Бас тарту жойылды",
            ["waiting"] = "шешімді күтуде",
        },
        ["ru"] = new(StringComparer.Ordinal)
        {
            ["file"] = "Подать жалобу",
            ["required"] = "обязательн",
            ["judge"] = "Следственный судья",
            ["complaints"] = "Жалобы",
            ["overturned"] = "Отказ отменён",
            ["waiting"] = "ожидает решения",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            ["file"] = "File a complaint",
            ["required"] = "required",
            ["judge"] = "Investigating judge",
            ["complaints"] = "Complaints",
            ["overturned"] = "The refusal was overturned",
            ["waiting"] = "waiting for a decision",
        },
    };

    [Theory]
    [MemberData(nameof(Text.Cultures), MemberType = typeof(Text))]
    public async Task A_defender_challenges_a_refusal_and_the_investigating_judge_overturns_it(string culture)
    {
        var text = Seen[culture];
        var (defender, defenderKey) = await app.CreateUserAsync(Roles.Defender, $"defender-review-{culture}@test.aigaq.kz");
        var (prosecutor, _) = await app.CreateUserAsync(Roles.Prosecutor, $"prosecutor-review-{culture}@test.aigaq.kz");
        var (reviewer, reviewerKey) = await app.CreateUserAsync(Roles.Reviewer, $"reviewer-review-{culture}@test.aigaq.kz");
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var report = await app.CommandAsync(defender, Roles.Defender, (sp, user) => sp.GetRequiredService<ReceiveReport>().HandleAsync(
            new ReceiveReportRequest(
                now.AddHours(-3), ReportSource.Lawyer, $"Подзащитного избили при задержании ({culture}).", BrowserApp.Region,
                [new VictimInput("Абенов", "Ерлан", null, null, null)], [new AllegedInput(Agency.Police, "УП Бостандыкского района", null)],
                null, null, null, "гематомы", null),
            user, default));
        await app.CommandAsync(prosecutor, Roles.Prosecutor, (sp, user) =>
            sp.GetRequiredService<RefuseReport>().HandleAsync(report.Id, new RefuseReportRequest("Отсутствие события."), user, default));

        // The defender challenges the refusal from the report's page; grounds left out are named.
        await using var defenderContext = await app.ContextAsync(culture);
        var d = await defenderContext.NewPageAsync();
        await BrowserApp.SignInAsync(d, defender.Email!, defenderKey);
        await d.GotoAsync($"/reports/{report.Id}");
        await d.ClickAsync("#challenge-refusal");
        await Expect(d.Locator("h1")).ToHaveTextAsync(text["file"]);
        await Expect(d.Locator("#Kind")).ToHaveValueAsync("Refusal");
        await d.SelectOptionAsync("#Complainant", "Victim");
        await d.ClickAsync("#complaint-form button[type=submit]");
        await Expect(d.Locator("#Grounds-error")).ToContainTextAsync(text["required"]);
        await d.FillAsync("#Grounds", "Побои подтверждены справкой травмпункта; проверка не проводилась.");
        await d.ClickAsync("#complaint-form button[type=submit]");
        await Expect(d.Locator("#complaint-reviewer")).ToContainTextAsync(text["judge"]);
        var complaintUrl = d.Url;
        await Shots.SaveAsync(d, $"complaint-{culture}");

        // The investigating judge finds it in the inbox and upholds it.
        await using var reviewerContext = await app.ContextAsync(culture);
        var r = await reviewerContext.NewPageAsync();
        await BrowserApp.SignInAsync(r, reviewer.Email!, reviewerKey);
        await r.GotoAsync("/complaints");
        await Expect(r.Locator("h1")).ToHaveTextAsync(text["complaints"]);
        var complaintId = complaintUrl[(complaintUrl.LastIndexOf('/') + 1)..];
        await r.ClickAsync($"#complaint-{complaintId} a");
        await r.CheckAsync("#outcome-Upheld");
        await r.FillAsync("#Reasons", "Проверка по сообщению не проводилась; отказ немотивирован.");
        await r.ClickAsync("#decide-complaint-form button[type=submit]");
        await Expect(r.Locator("#refusal-overturned")).ToContainTextAsync(text["overturned"]);

        // The report waits for registration again.
        await d.GotoAsync($"/reports/{report.Id}");
        await Expect(d.Locator("#report-status")).ToContainTextAsync(text["waiting"]);
        await Expect(d.Locator("#report-complaints")).ToContainTextAsync("C75-");
    }
}
