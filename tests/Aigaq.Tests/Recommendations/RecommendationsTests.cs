using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Recommendations;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// UN recommendations (issue 18, items 1, 3, 4): registered once per document paragraph, from a mechanism of the rule
/// pack, with the summary in each language; listed by document and theme; assessed by several actors on the scales in
/// force (stored with the scales' version), their latest grades side by side and their disagreements named; indicators
/// computed as the statistics compute them and kept as dated snapshots that a refresh appends to.
/// </summary>
public abstract class RecommendationsTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private static string Document() => "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Recommendation(string document, int paragraph, string? sub = null, string mechanism = "CAT") => new()
    {
        ["mechanism"] = mechanism,
        ["document"] = document,
        ["paragraph"] = paragraph,
        ["subParagraph"] = sub,
        ["summary"] = "Ensure that all detainees are registered from the moment of apprehension",
        ["summaries"] = new JsonObject { ["kk"] = "Барлық ұсталғандарды ұстау сәтінен тіркеу", ["ru"] = "Регистрировать задержанных с момента задержания" },
        ["adoptedAt"] = "2021-12-03",
        ["followUp"] = true,
        ["followUpDueBy"] = "2022-12-03",
        ["themes"] = new JsonArray("custody-safeguards", "registration"),
        ["affectedGroups"] = new JsonArray("detainees"),
        ["addressees"] = new JsonArray("Генеральная прокуратура", "МВД"),
    };

    [Fact]
    public async Task A_recommendation_is_registered_once_per_paragraph_read_and_listed_and_bad_input_is_named()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = Document();
        var key = Guid.NewGuid().ToString("N");
        var body = Recommendation(document, 10, "a");

        var created = await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", body, key)).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", body, key)).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        Assert.Equal(created.Str("id"), retry.Str("id"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == RecommendationLedger.Registered && e.RecordId == id)));

        // The same paragraph again (the symbol in other case) is a conflict naming the paragraph; nothing is written.
        var again = Recommendation(document.ToLowerInvariant(), 10, "A");
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", again)).ExpectProblemAsync(HttpStatusCode.Conflict, "paragraph");
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync(r => r.Document == document)));

        // A monitor registers another paragraph that relates to the first; an administrator one of the UPR.
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var related = Recommendation(document, 11);
        related["related"] = new JsonArray(id.ToString());
        related["themes"] = new JsonArray("complaints");
        var second = await (await monitor.Client.PostJsonAsync("/api/v1/recommendations", related)).ExpectAsync(HttpStatusCode.Created);
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        await (await admin.Client.PostJsonAsync("/api/v1/recommendations", Recommendation("A/HRC/43/10", Random.Shared.Next(1, 9999), "12", "UPR")))
            .ExpectAsync(HttpStatusCode.Created);

        var read = await (await monitor.Client.GetAsync($"/api/v1/recommendations/{second.Str("id")}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((document, 11, "CAT"), (read.Str("document"), read["paragraph"]!.GetValue<int>(), read.Str("mechanism")));
        Assert.Equal([id.ToString()], read["related"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("Регистрировать задержанных с момента задержания", read["summaries"].Str("ru"));
        Assert.Equal(["Генеральная прокуратура", "МВД"], read["addressees"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("2022-12-03", read.Str("followUpDueBy"));
        Assert.Empty(read["assessments"]!["latest"]!.AsArray());

        var listed = await (await analyst.Client.GetAsync($"/api/v1/recommendations?document={Uri.EscapeDataString(document)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([10, 11], listed["items"].Objects().Select(i => i["paragraph"]!.GetValue<int>()));
        Assert.Equal("a", listed["items"].Objects().First().Str("subParagraph"));
        var themed = await (await analyst.Client.GetAsync($"/api/v1/recommendations?document={Uri.EscapeDataString(document)}&theme=complaints")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([11], themed["items"].Objects().Select(i => i["paragraph"]!.GetValue<int>()));
        await (await analyst.Client.GetAsync("/api/v1/recommendations?theme=%25")).ExpectProblemAsync(HttpStatusCode.BadRequest, "theme");

        // Bad input is named, and nothing is written.
        var count = await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync());
        var unknown = Recommendation(Document(), 1, mechanism: "XYZ");
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", unknown)).ExpectProblemAsync(HttpStatusCode.BadRequest, "mechanism");
        var dangling = Recommendation(Document(), 1);
        dangling["related"] = new JsonArray(Guid.NewGuid().ToString());
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", dangling)).ExpectProblemAsync(HttpStatusCode.BadRequest, "related");
        var future = Recommendation(Document(), 0);
        future["adoptedAt"] = "2099-01-01";
        future["themes"] = new JsonArray("has space");
        var problem = await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", future)).ExpectProblemAsync(HttpStatusCode.BadRequest, "adoptedAt");
        // The follow-up due date is now before the adoption too.
        Assert.Equal(["adoptedAt", "followUpDueBy", "paragraph", "themes[0]"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        var noFollowUp = Recommendation(Document(), 1);
        noFollowUp["followUp"] = false;
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", noFollowUp)).ExpectProblemAsync(HttpStatusCode.BadRequest, "followUpDueBy");
        Assert.Equal(count, await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync()));
        await (await analyst.Client.GetAsync($"/api/v1/recommendations/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        // Other roles neither register nor read.
        foreach (var role in new[] { Roles.Officer, Roles.Prosecutor })
        {
            var other = await Host.UserAsync(role, region: "KZ-75");
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), 5))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync("/api/v1/recommendations")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync($"/api/v1/recommendations/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task Without_an_actor_opted_in_the_public_page_shows_the_recommendations_and_no_ones_grade()
    {
        // This host names no public actor (Aigaq:Recommendations:PublicActors): an actor opts in, never by default.
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = Document();
        var id = (await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(document, 47))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        foreach (var actor in new[] { "state", "ngo", "npm", "committee" })
        {
            await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{id}/assessments", new JsonObject
            {
                ["actor"] = actor,
                ["scale"] = "hrcGrades",
                ["grade"] = "B",
                ["at"] = Requests.Instant(Host.Now.AddDays(-1)),
            })).ExpectAsync(HttpStatusCode.Created);
        }

        using var anonymous = Host.Anonymous();
        using var response = await anonymous.GetAsync("/public/recommendations?document=" + Uri.EscapeDataString(document));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = await response.Content.ReadAsStringAsync();
        Assert.Contains($"{document} ¶ 47", published, StringComparison.Ordinal);
        Assert.DoesNotContain("data-actor=", published, StringComparison.Ordinal);
        Assert.DoesNotContain("data-grade=", published, StringComparison.Ordinal);

        // The analyst's own list shows all four.
        var page = await Host.SignedInAsync(analyst, "en");
        var list = await page.GetStringAsync("/recommendations?document=" + Uri.EscapeDataString(document));
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(list, "data-actor=\"[a-z]+\" data-grade=\"B\""));
    }

    [Fact]
    public async Task Actors_assess_on_the_scales_in_force_and_their_latest_grades_are_shown_side_by_side_with_disagreements()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var id = (await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), 46))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var url = $"/api/v1/recommendations/{id}/assessments";
        JsonObject Assessment(string actor, string scale, string grade, string? rationale = null, int daysAgo = 10) => new()
        {
            ["actor"] = actor,
            ["scale"] = scale,
            ["grade"] = grade,
            ["rationale"] = rationale,
            ["at"] = Requests.Instant(Host.Now.AddDays(-daysAgo)),
        };

        var key = Guid.NewGuid().ToString("N");
        var first = await (await analyst.Client.PostJsonAsync(url, Assessment("committee", "catFollowUp", "initialSteps", daysAgo: 30), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.Str("id"), (await (await analyst.Client.PostJsonAsync(url, Assessment("committee", "catFollowUp", "initialSteps", daysAgo: 30), key)).ExpectAsync(HttpStatusCode.Created)).Str("id"));
        Assert.Equal(("assessment-scales-kz", 1), (first.Str("scales"), first["scalesVersion"]!.GetValue<int>()));
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        await (await monitor.Client.PostJsonAsync(url, Assessment("state", "catFollowUp", "implemented", "Закон принят"))).ExpectAsync(HttpStatusCode.Created);

        // The committee and the state disagree on one ranked scale.
        var read = await (await analyst.Client.GetAsync($"/api/v1/recommendations/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["state", "committee"], read["assessments"]!["latest"].Objects().Select(a => a.Str("actor")));
        Assert.Equal([4, 2], read["assessments"]!["latest"].Objects().Select(a => a["rank"]!.GetValue<int>()));
        var disagreement = Assert.Single(read["assessments"]!["disagreements"].Objects());
        Assert.Equal(("gradesDiffer", "catFollowUp"), (disagreement.Str("kind"), disagreement.Str("scale")));

        // The committee's later view agrees; the coalition grades on its own scale ("n/a" needs a reason): both are shown.
        await (await analyst.Client.PostJsonAsync(url, Assessment("committee", "catFollowUp", "implemented", daysAgo: 2))).ExpectAsync(HttpStatusCode.Created);
        await (await analyst.Client.PostJsonAsync(url, Assessment("ngo", "coalition", "na"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "rationale");
        await (await analyst.Client.PostJsonAsync(url, Assessment("ngo", "coalition", "na", "Нет данных о применении"))).ExpectAsync(HttpStatusCode.Created);
        read = await (await analyst.Client.GetAsync($"/api/v1/recommendations/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["state:implemented", "ngo:na", "committee:implemented"],
            read["assessments"]!["latest"].Objects().Select(a => a.Str("actor") + ":" + a.Str("grade")));
        disagreement = Assert.Single(read["assessments"]!["disagreements"].Objects());
        Assert.Equal("differentScales", disagreement.Str("kind"));
        Assert.Equal(4, read["assessments"]!["history"]!.AsArray().Count);

        // Bad input named; nothing written.
        await (await analyst.Client.PostJsonAsync(url, Assessment("ngo", "stars", "5"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "scale");
        await (await analyst.Client.PostJsonAsync(url, Assessment("ngo", "hrcGrades", "F"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "grade");
        await (await analyst.Client.PostJsonAsync(url, Assessment("ngo", "hrcGrades", "A", daysAgo: -30))).ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await analyst.Client.PostJsonAsync(url, Assessment("press", "hrcGrades", "A"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "actor");
        await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{Guid.NewGuid()}/assessments", Assessment("ngo", "hrcGrades", "A")))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(4, await Host.WithDbAsync(db => db.Set<RecommendationAssessment>().CountAsync(a => a.RecommendationId == Guid.Parse(id))));
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-75");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync(url, Assessment("state", "hrcGrades", "A"))).StatusCode);
    }

    [Fact]
    public async Task An_indicator_is_the_statistics_figure_for_the_region_and_year_and_its_snapshots_are_appended()
    {
        const string Region = "KZ-61";
        var facility = await Host.FacilityAsync(Region, name: "ИВС " + Guid.NewGuid().ToString("N")[..4]);
        var officer = await Host.UserAsync(Roles.Officer, region: Region);
        await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-5));
        await Host.RegisterAsync(officer, facility.Id, new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.FromHours(5)));

        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var id = (await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), 10))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var url = $"/api/v1/recommendations/{id}/indicators";
        var body = new JsonObject { ["metric"] = "lateRegistrationShare", ["region"] = Region, ["from"] = 2025, ["to"] = 2026 };
        var tracked = await (await analyst.Client.PostJsonAsync(url, body)).ExpectAsync(HttpStatusCode.Created);
        var indicatorId = tracked.Str("id");
        var detentions = (await (await analyst.Client.GetAsync($"/api/v1/statistics/detentions?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK))["total"]!;
        var value2026 = tracked["values"].Objects().Single(v => v["year"]!.GetValue<int>() == 2026);
        Assert.Equal(detentions["registeredLate"]!.GetValue<int>(), value2026["part"]!.GetValue<int>());
        Assert.Equal(detentions["detentions"]!.GetValue<int>(), value2026["whole"]!.GetValue<int>());
        Assert.Equal((1, 2, 0.5m), (value2026["part"]!.GetValue<int>(), value2026["whole"]!.GetValue<int>(), value2026["value"]!.GetValue<decimal>()));
        Assert.Null(tracked["values"].Objects().Single(v => v["year"]!.GetValue<int>() == 2025)["value"]);

        // A third detention, on time; the refresh appends a snapshot per year, and the first stay as they were.
        await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-3));
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var refreshed = await (await analyst.Client.PostJsonAsync($"{url}/{indicatorId}/refresh", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(0.3333m, refreshed["values"].Objects().Single(v => v["year"]!.GetValue<int>() == 2026)["value"]!.GetValue<decimal>());
        // The same metric and region posted again is the same indicator, with more snapshots.
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(indicatorId, (await (await analyst.Client.PostJsonAsync(url, body)).ExpectAsync(HttpStatusCode.Created)).Str("id"));

        // A manual indicator where the register holds no data.
        var manual = new JsonObject
        {
            ["metric"] = "manual",
            ["label"] = "Жалобы в омбудсмен",
            ["unit"] = "count",
            ["from"] = 2024,
            ["to"] = 2025,
            ["values"] = new JsonArray(new JsonObject { ["year"] = 2024, ["value"] = 17 }, new JsonObject { ["year"] = 2025, ["value"] = 23 }),
        };
        await (await analyst.Client.PostJsonAsync(url, manual)).ExpectAsync(HttpStatusCode.Created);

        var read = await (await analyst.Client.GetAsync($"/api/v1/recommendations/{id}")).ExpectAsync(HttpStatusCode.OK);
        var indicators = read["indicators"].Objects().ToList();
        Assert.Equal(["lateRegistrationShare", "manual"], indicators.Select(i => i.Str("metric")));
        Assert.Equal(6, indicators[0]["snapshots"]!.AsArray().Count);
        Assert.Equal([0.5m, 0.3333m, 0.3333m], indicators[0]["snapshots"].Objects().Where(s => s["year"]!.GetValue<int>() == 2026).Select(s => s["value"]!.GetValue<decimal>()));
        Assert.Equal([17m, 23m], indicators[1]["values"].Objects().Select(s => s["value"]!.GetValue<decimal>()));
        Assert.Equal(8, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == RecommendationLedger.IndicatorSnapshotTaken
            && db.Set<IndicatorSnapshot>().Any(s => s.Id == e.RecordId && db.Set<RecommendationIndicator>().Any(i => i.Id == s.IndicatorId && i.RecommendationId == Guid.Parse(id))))));

        // Bad input named.
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["metric"] = "happinessIndex", ["from"] = 2025, ["to"] = 2026 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "metric");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["metric"] = "courtShare", ["from"] = 2026, ["to"] = 2025 })).ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["metric"] = "courtShare", ["region"] = "KZ-00", ["from"] = 2025, ["to"] = 2099 }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "region");
        manual["values"] = new JsonArray(new JsonObject { ["year"] = 2030, ["value"] = 1 });
        await (await analyst.Client.PostJsonAsync(url, manual)).ExpectProblemAsync(HttpStatusCode.BadRequest, "values[0].year");
        var manualId = indicators[1].Str("id");
        await (await analyst.Client.PostJsonAsync($"{url}/{manualId}/refresh", new JsonObject())).ExpectProblemAsync(HttpStatusCode.Conflict, "metric");
        var officer2 = await Host.UserAsync(Roles.Officer, region: Region);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer2.Client.PostJsonAsync(url, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer2.Client.PostJsonAsync($"{url}/{indicatorId}/refresh", new JsonObject())).StatusCode);
    }
}

public sealed class RecommendationsOnSqlite(SqliteHost fixture) : RecommendationsTests(fixture), IClassFixture<SqliteHost>;

public sealed class RecommendationsOnPostgres(PostgresHost fixture) : RecommendationsTests(fixture), IClassFixture<PostgresHost>;
