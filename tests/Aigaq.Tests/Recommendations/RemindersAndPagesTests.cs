using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Dashboard;
using Aigaq.Notifications;
using Aigaq.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Recommendations;

/// <summary>A host of its own (these tests move its clock) where the NGO coalition opted in to the public page, the state did not.</summary>
public sealed class RecommendationPagesHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Aigaq:Recommendations:PublicActors:0"] = "ngo" };
}

public sealed class PostgresRecommendationPagesHost() : HostFixture(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Aigaq:Recommendations:PublicActors:0"] = "ngo" };
}

/// <summary>
/// Issue 18, items 6 and 7: reminders before a follow-up is due and when a measure passes its target date, each raised
/// once, national, and sent to every analyst and monitor (not to prosecutors); the pages for analysts and monitors,
/// refused to other roles; the public page, without sign-in, showing only the actors that opted in and nothing personal.
/// </summary>
public abstract class RemindersAndPagesTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Host.Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty")).DateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Document() => "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(CultureInfo.InvariantCulture);

    private async Task<Guid> RecommendationAsync(TestUser analyst, string document, int paragraph, DateOnly? followUpDueBy) =>
        Guid.Parse((await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", new JsonObject
        {
            ["mechanism"] = "CAT",
            ["document"] = document,
            ["paragraph"] = paragraph,
            ["summary"] = "Ensure that all complaints of torture are investigated promptly and impartially",
            ["summaries"] = new JsonObject { ["kk"] = "Азаптау туралы барлық шағымдар жедел тергелсін" },
            ["adoptedAt"] = "2021-12-03",
            ["followUp"] = followUpDueBy is not null,
            ["followUpDueBy"] = followUpDueBy is { } d ? Day(d) : null,
            ["themes"] = new JsonArray("investigation"),
        })).ExpectAsync(HttpStatusCode.Created)).Str("id"));

    private static async Task<Guid> MeasureAsync(TestUser user, Guid recommendation, string title, DateOnly target, string status) =>
        Guid.Parse((await (await user.Client.PostJsonAsync($"/api/v1/recommendations/{recommendation}/measures", new JsonObject
        {
            ["title"] = title,
            ["lead"] = "Генеральная прокуратура",
            ["targetDate"] = Day(target),
            ["status"] = status,
        })).ExpectAsync(HttpStatusCode.Created)).Str("id"));

    private Task<List<Alert>> AlertsAsync(params Guid[] ids)
    {
        var keys = ids.SelectMany(id => new[] { $"{AlertCodes.RecommendationFollowUpDue}:{id}", $"{AlertCodes.MeasureOverdue}:{id}" }).ToList();
        return Host.WithDbAsync(db => db.Set<Alert>().AsNoTracking().Where(a => keys.Contains(a.Key)).ToListAsync());
    }

    private Task<int> ScanAsync() => ScanRecommendationReminders.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), Host.Now, CancellationToken.None);

    [Fact]
    public async Task Reminders_are_raised_once_before_a_follow_up_is_due_and_when_a_measure_passes_its_target_and_reach_analysts_and_monitors()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null, language: "en");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-61", language: "kk");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-75");
        var document = Document();
        // Due in 90 days: outside the pack's 60 until a month passes. Due yesterday: past, never announced now.
        var soon = await RecommendationAsync(analyst, document, 10, Today.AddDays(90));
        var past = await RecommendationAsync(analyst, document, 11, Today.AddDays(-1));
        var late = await MeasureAsync(analyst, soon, "Проект закона о пытках (Иванов И. И.)", Today.AddDays(10), "inProgress");
        var done = await MeasureAsync(analyst, soon, "Приказ выполнен", Today.AddDays(10), "completed");
        var later = await MeasureAsync(analyst, past, "Учебный курс", Today.AddDays(60), "planned");

        await ScanAsync();
        Assert.Empty(await AlertsAsync(soon, past, late, done, later));

        Host.Clock.Advance(TimeSpan.FromDays(31));
        await ScanAsync();
        await ScanAsync();
        var raised = await AlertsAsync(soon, past, late, done, later);
        Assert.Equal(
            [($"{AlertCodes.MeasureOverdue}:{late}", $"{document} ¶ 10"), ($"{AlertCodes.RecommendationFollowUpDue}:{soon}", $"{document} ¶ 10")],
            raised.Select(a => (a.Key, a.Detail!)).Order());
        Assert.All(raised, a => Assert.Equal("KZ", a.Region));
        // The detail is the paragraph's reference, never the measure's title (which names a person).
        Assert.DoesNotContain(raised, a => a.Detail!.Contains("Иванов", StringComparison.Ordinal));

        // Every analyst and monitor hears of them, of any region or none, in their language; not a prosecutor.
        await Host.Services.GetRequiredService<AlertMessages>().RunOnceAsync(CancellationToken.None);
        var ids = raised.Select(a => a.Id).ToList();
        var sent = await Host.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.AlertId != null && ids.Contains(n.AlertId.Value)).ToListAsync());
        Assert.Equal(4, sent.Count(n => n.Address == analyst.User.Email || n.Address == monitor.User.Email));
        Assert.DoesNotContain(sent, n => n.Address == prosecutor.User.Email);
        Assert.Contains(sent, n => n.Address == monitor.User.Email && n.Subject.Contains("ұсыным", StringComparison.Ordinal));
        Assert.Contains(sent, n => n.Address == analyst.User.Email && n.Subject.Contains("recommendation " + document, StringComparison.Ordinal));

        // The list shows the open reminders; a measure completed after its reminder raises nothing more.
        var page = await Host.SignedInAsync(analyst, "en");
        var list = await page.GetStringAsync("/recommendations?document=" + Uri.EscapeDataString(document));
        Assert.Contains($"data-code=\"{AlertCodes.MeasureOverdue}\"", list, StringComparison.Ordinal);
        Assert.Contains($"id=\"rec-{soon}\" data-status=\"overdue\"", list, StringComparison.Ordinal);
        Assert.Contains($"id=\"rec-{past}\" data-status=\"active\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_show_assessments_side_by_side_to_analysts_only_and_the_public_page_only_the_opted_in_actors_and_nothing_personal()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = Document();
        var id = await RecommendationAsync(analyst, document, 24, null);
        await MeasureAsync(analyst, id, "Закон подготовил Петров П. П.", Today.AddDays(200), "planned");
        foreach (var (actor, grade, rationale) in new[] { ("state", "A", "Закон принят"), ("ngo", "C", "Жалобу Сидорова С. С. не расследовали") })
        {
            await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{id}/assessments", new JsonObject
            {
                ["actor"] = actor,
                ["scale"] = "hrcGrades",
                ["grade"] = grade,
                ["rationale"] = rationale,
                ["at"] = Requests.Instant(Host.Now.AddMinutes(-5)),
            })).ExpectAsync(HttpStatusCode.Created);
        }

        // The analyst's list: both actors side by side, their disagreement marked; filtered by status and mechanism.
        var page = await Host.SignedInAsync(analyst, "kk");
        var filtered = "/recommendations?document=" + Uri.EscapeDataString(document);
        var list = await page.GetStringAsync(filtered);
        Assert.Contains("Азаптау туралы барлық шағымдар жедел тергелсін", list, StringComparison.Ordinal);
        Assert.Contains("data-actor=\"state\" data-grade=\"A\"", list, StringComparison.Ordinal);
        Assert.Contains("data-actor=\"ngo\" data-grade=\"C\"", list, StringComparison.Ordinal);
        Assert.Contains("disagreement", list, StringComparison.Ordinal);
        Assert.Contains($"id=\"rec-{id}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"rec-{id}\"", await page.GetStringAsync(filtered + "&status=done"), StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"rec-{id}\"", await page.GetStringAsync(filtered + "&mechanism=HRC"), StringComparison.Ordinal);

        // The recommendation's page: the measure, the assessments, the forms and the report's links in each language.
        var show = await page.GetStringAsync($"/recommendations/{id}");
        Assert.Contains("Закон подготовил Петров П. П.", show, StringComparison.Ordinal);
        Assert.Contains("id=\"assess\"", show, StringComparison.Ordinal);
        foreach (var lang in new[] { "kk", "ru", "en" })
        {
            Assert.Contains($"actor=ngo&amp;lang={lang}&amp;format=pdf", show, StringComparison.Ordinal);
        }

        // Another role is sent to the denied page; an unknown id is not found.
        var officer = await Host.SignedInAsync(await Host.UserAsync(Roles.Officer), "ru");
        foreach (var path in new[] { "/recommendations", $"/recommendations/{id}" })
        {
            using var denied = await officer.GetAsync(path);
            Assert.Equal("/denied", denied.RequestMessage!.RequestUri!.AbsolutePath);
        }

        using (var missing = await page.GetAsync($"/recommendations/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // Without sign-in: the recommendation and the coalition's grade, not the state's (it did not opt in), no
        // rationale, no measure, no one who recorded.
        using var anonymous = Host.Anonymous();
        using var response = await anonymous.GetAsync("/public/recommendations?document=" + Uri.EscapeDataString(document));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = await response.Content.ReadAsStringAsync();
        Assert.Contains($"{document} ¶ 24", published, StringComparison.Ordinal);
        Assert.Contains("data-actor=\"ngo\" data-grade=\"C\"", published, StringComparison.Ordinal);
        Assert.DoesNotContain("data-actor=\"state\"", published, StringComparison.Ordinal);
        Assert.DoesNotContain("Сидорова", published, StringComparison.Ordinal);
        Assert.DoesNotContain("Петров", published, StringComparison.Ordinal);
        Assert.DoesNotContain(analyst.Id.ToString(), published, StringComparison.Ordinal);
    }
}

public sealed class RemindersAndPagesOnSqlite(RecommendationPagesHost fixture) : RemindersAndPagesTests(fixture), IClassFixture<RecommendationPagesHost>;

public sealed class RemindersAndPagesOnPostgres(PostgresRecommendationPagesHost fixture) : RemindersAndPagesTests(fixture), IClassFixture<PostgresRecommendationPagesHost>;
