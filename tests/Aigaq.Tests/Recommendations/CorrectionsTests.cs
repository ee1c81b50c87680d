using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Recommendations;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// A registered recommendation is never edited (issue 18): a correction is a new entry saying who, when and why, with the
/// fields it changed, logged as its own kind; the recommendation is shown as corrected, with its corrections in order.
/// Bad input is named and writes nothing; a retry with the same key stores one correction. Every read of a
/// recommendation, through the API or its page, leaves an access-log entry naming the reader.
/// </summary>
public abstract class CorrectionsTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private static string Document() => "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(CultureInfo.InvariantCulture);

    private static async Task<Guid> RegisterAsync(TestUser analyst, string document, int paragraph, bool followUp = true) =>
        Guid.Parse((await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", new JsonObject
        {
            ["mechanism"] = "CAT",
            ["document"] = document,
            ["paragraph"] = paragraph,
            ["summary"] = "Ensure that complaints of torture are investigated",
            ["summaries"] = new JsonObject { ["ru"] = "Обеспечить расследование жалоб на пытки" },
            ["adoptedAt"] = "2021-12-03",
            ["followUp"] = followUp,
            ["followUpDueBy"] = followUp ? "2022-12-03" : null,
            ["themes"] = new JsonArray("investigation"),
            ["addressees"] = new JsonArray("Генеральная прокуратура"),
        })).ExpectAsync(HttpStatusCode.Created)).Str("id"));

    [Fact]
    public async Task A_correction_is_a_new_entry_and_the_recommendation_is_shown_as_corrected_with_its_history()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = Document();
        var id = await RegisterAsync(analyst, document, 46);
        var other = await RegisterAsync(analyst, document, 47);
        var url = $"/api/v1/recommendations/{id}";
        var correction = new JsonObject
        {
            ["reason"] = "The summary left out impartiality; the Committee names the special prosecutors",
            ["summary"] = "Ensure that complaints of torture are investigated promptly and impartially",
            ["summaries"] = new JsonObject { ["kk"] = "Азаптау туралы шағымдар жедел әрі бейтарап тергелсін", ["ru"] = "" },
            ["themes"] = new JsonArray("investigation", "impunity"),
            ["addressees"] = new JsonArray("Генеральная прокуратура", "Специальные прокуроры"),
            ["followUpDueBy"] = "2022-12-10",
            ["related"] = new JsonArray(other.ToString()),
        };

        var key = Guid.NewGuid().ToString("N");
        var first = await (await analyst.Client.PostJsonAsync(url + "/corrections", correction, key)).ExpectAsync(HttpStatusCode.Created);
        var again = await (await analyst.Client.PostJsonAsync(url + "/corrections", correction, key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Equal(1, first["revision"]!.GetValue<int>());
        Assert.Equal(
            ["addressees", "followUpDueBy", "related", "summaries.kk", "summaries.ru", "summary", "themes"],
            first["fields"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal));

        var shown = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Ensure that complaints of torture are investigated promptly and impartially", shown.Str("summary"));
        Assert.Equal("Азаптау туралы шағымдар жедел әрі бейтарап тергелсін", shown["summaries"]!.Str("kk"));
        Assert.Null(shown["summaries"]!["ru"]);
        Assert.Equal(["investigation", "impunity"], shown["themes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("2022-12-10", shown.Str("followUpDueBy"));
        Assert.Equal([other.ToString()], shown["related"]!.AsArray().Select(t => t!.GetValue<string>()));
        var history = Assert.Single(shown["corrections"]!.AsArray());
        Assert.Equal(analyst.Id.ToString(), history!.Str("recordedBy"));
        Assert.Equal(correction.Str("reason"), history.Str("reason"));

        // The registered row is as it was; the correction is one row and one log entry, the reason as a digest only.
        var registered = await Host.WithDbAsync(db => db.Set<Recommendation>().AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal("Ensure that complaints of torture are investigated", registered.Summary);
        Assert.Equal("Обеспечить расследование жалоб на пытки", registered.SummaryRu);
        var correctionId = Guid.Parse(first.Str("id"));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == RecommendationLedger.Corrected && e.RecordId == correctionId)));
        var row = await Host.WithDbAsync(db => db.Set<RecommendationCorrection>().AsNoTracking().SingleAsync(c => c.RecommendationId == id));
        var committed = RecommendationLedger.Content(row);
        Assert.Equal(64, committed.Str("reason").Length);
        Assert.DoesNotContain("impartiality", committed.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "recommendation.correct" && e.Resource == id.ToString() && e.UserId == analyst.Id)));

        // A second correction is revision 2 and names only what it changed; the list and its theme filter follow it.
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await (await analyst.Client.PostJsonAsync(url + "/corrections", new JsonObject
        {
            ["reason"] = "Theme renamed",
            ["themes"] = new JsonArray("impunity"),
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, second["revision"]!.GetValue<int>());
        Assert.Equal(["themes"], second["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        var listed = await (await analyst.Client.GetAsync("/api/v1/recommendations?theme=impunity&document=" + Uri.EscapeDataString(document))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([id.ToString()], listed["items"]!.AsArray().Select(i => i!.Str("id")));
        var old = await (await analyst.Client.GetAsync("/api/v1/recommendations?theme=investigation&document=" + Uri.EscapeDataString(document))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([other.ToString()], old["items"]!.AsArray().Select(i => i!.Str("id")));
    }

    [Fact]
    public async Task A_bad_correction_is_named_and_writes_nothing_and_other_roles_are_refused()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var document = Document();
        var id = await RegisterAsync(analyst, document, 10);
        var plain = await RegisterAsync(analyst, document, 11, followUp: false);
        var url = $"/api/v1/recommendations/{id}/corrections";
        int Count(AigaqDb db) => db.Set<RecommendationCorrection>().Count(c => c.RecommendationId == id || c.RecommendationId == plain);
        Task<int> EntriesAsync() => Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == RecommendationLedger.Corrected));
        var entries = await EntriesAsync();

        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["summary"] = "A better summary" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["summary"] = " " })).ExpectProblemAsync(HttpStatusCode.BadRequest, "summary");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["themes"] = new JsonArray("custody safeguards") }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "themes[0]");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["addressees"] = new JsonArray("МВД", "МВД") }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["followUpDueBy"] = "2020-01-01" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "followUpDueBy");
        await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{plain}/corrections", new JsonObject { ["reason"] = "Typo", ["followUpDueBy"] = "2023-01-01" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "followUpDueBy");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["related"] = new JsonArray(Guid.NewGuid().ToString()) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "related");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["related"] = new JsonArray(id.ToString()) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "related");
        // Nothing to correct, or every value as it is: refused, naming fields.
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "fields");
        await (await analyst.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["themes"] = new JsonArray("investigation") }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "fields");
        await (await analyst.Client.PostJsonAsync($"/api/v1/recommendations/{Guid.NewGuid()}/corrections", new JsonObject { ["reason"] = "Typo", ["summary"] = "Other" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);

        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-75");
        using var refused = await prosecutor.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "Typo", ["summary"] = "Other" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        Assert.Equal(0, await Host.WithDbAsync(db => Task.FromResult(Count(db))));
        Assert.Equal(entries, await EntriesAsync());
    }

    [Fact]
    public async Task Reading_a_recommendation_through_the_api_is_access_logged_naming_the_reader()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var id = await RegisterAsync(analyst, Document(), 24);
        Task<int> ReadsAsync(Guid reader) => Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .CountAsync(e => e.Action == GetRecommendation.ReadAction && e.Resource == id.ToString() && e.UserId == reader && e.Outcome == "allowed"));
        Assert.Equal(0, await ReadsAsync(monitor.Id));

        await (await monitor.Client.GetAsync($"/api/v1/recommendations/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, await ReadsAsync(analyst.Id));

        // A recommendation that does not exist is not an entry of a read.
        await (await monitor.Client.GetAsync($"/api/v1/recommendations/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == GetRecommendation.ReadAction && e.UserId == monitor.Id)));
    }

    [Fact]
    public async Task Reading_a_recommendation_through_its_page_is_access_logged_naming_the_same_reader_as_the_api()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var reader = await Host.UserAsync(Roles.Analyst, region: null);
        var id = await RegisterAsync(analyst, Document(), 28);
        Task<List<Guid?>> ReadersAsync() => Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .Where(e => e.Action == GetRecommendation.ReadAction && e.Resource == id.ToString() && e.Outcome == "allowed")
            .OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.UserId).ToListAsync());
        Assert.Empty(await ReadersAsync());

        // Signed in through the form, with its cookie, as a person reads the page.
        var page = await Host.SignedInAsync(reader, "ru");
        using (var shown = await page.GetAsync($"/recommendations/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }

        Assert.Equal([reader.Id], await ReadersAsync());

        // The same person through the API: a second entry, naming the same person.
        await (await reader.Client.GetAsync($"/api/v1/recommendations/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([reader.Id, reader.Id], await ReadersAsync());
    }
}

public sealed class CorrectionsOnSqlite(SqliteHost fixture) : CorrectionsTests(fixture), IClassFixture<SqliteHost>;

public sealed class CorrectionsOnPostgres(PostgresHost fixture) : CorrectionsTests(fixture), IClassFixture<PostgresHost>;
