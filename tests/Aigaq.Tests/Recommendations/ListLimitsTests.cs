using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Recommendations;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// A recommendation's lists (themes, affected groups, addressees) and a measure's supporting institutions are kept as
/// JSON text in columns of fixed size: a list longer than the rule pack allows, an entry longer than it allows, or a list
/// whose stored form would not fit its column (names full of signs that JSON escapes) is refused with a 400 naming the
/// field, never a 500 from the database, and nothing is written; a list at the pack's limits of ordinary names is
/// stored whole. Registration, correction, measures and the CLI import alike.
/// </summary>
public abstract class ListLimitsTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private RecommendationListRules Lists => Host.Services.GetRequiredService<RulePackCatalog>().At(Host.Now).Recommendations.Lists;

    private static string Document() => "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><paramref name="count"/> distinct names of <paramref name="length"/> characters, each made of <paramref name="fill"/>.</summary>
    private static JsonArray Names(int count, int length, char fill) =>
        [.. Enumerable.Range(0, count).Select(i => (JsonNode)(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + new string(fill, length - 3)))];

    private static JsonObject Recommendation(string document, JsonArray? addressees = null) => new()
    {
        ["mechanism"] = "CAT",
        ["document"] = document,
        ["paragraph"] = 21,
        ["summary"] = "Ensure that complaints of torture are investigated promptly",
        ["adoptedAt"] = "2021-12-03",
        ["followUp"] = false,
        ["addressees"] = addressees ?? new JsonArray("МВД"),
    };

    [Fact]
    public async Task Lists_beyond_the_pack_or_the_column_are_refused_naming_the_field_and_lists_at_the_limits_are_stored()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var lists = Lists;
        var rows = await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync());

        // Each entry within the pack, but every character escaped in JSON ('"' is six characters stored): the list
        // would overflow its column on PostgreSQL, so it is refused before the database sees it.
        var escaped = Recommendation(Document(), Names(lists.MaxEntries, lists.MaxNameLength, '"'));
        var problem = await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", escaped)).ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees");
        Assert.Contains(RegisterRecommendation.TooLongTogether, problem["errors"]!["addressees"]!.AsArray().Select(e => e!.GetValue<string>()));

        // One entry more than the pack allows; one entry longer than it allows; themes alike.
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), Names(lists.MaxEntries + 1, 10, 'a'))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees");
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), Names(2, lists.MaxNameLength + 1, 'a'))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees[0]");
        var themed = Recommendation(Document());
        themed["themes"] = Names(lists.MaxEntries + 1, 5, 'x');
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", themed)).ExpectProblemAsync(HttpStatusCode.BadRequest, "themes");
        Assert.Equal(rows, await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync()));

        // At the limits, in Cyrillic: stored whole and read back.
        var full = Names(lists.MaxEntries, lists.MaxNameLength, 'Ж');
        var created = await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), full))).ExpectAsync(HttpStatusCode.Created);
        var url = $"/api/v1/recommendations/{created.Str("id")}";
        var read = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(full.Select(n => n!.GetValue<string>()), read["addressees"]!.AsArray().Select(n => n!.GetValue<string>()));

        // A correction is held to the same limits; nothing is appended.
        var corrections = await Host.WithDbAsync(db => db.Set<RecommendationCorrection>().CountAsync());
        var correction = new JsonObject { ["reason"] = "The addressees were typed with quotes", ["addressees"] = Names(lists.MaxEntries, lists.MaxNameLength, '<') };
        await (await analyst.Client.PostJsonAsync(url + "/corrections", correction)).ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees");
        correction["addressees"] = null;
        correction["affectedGroups"] = Names(lists.MaxEntries, lists.MaxTagLength + 1, 'g');
        await (await analyst.Client.PostJsonAsync(url + "/corrections", correction)).ExpectProblemAsync(HttpStatusCode.BadRequest, "affectedGroups[0]");
        Assert.Equal(corrections, await Host.WithDbAsync(db => db.Set<RecommendationCorrection>().CountAsync()));
        correction["affectedGroups"] = Names(lists.MaxEntries, lists.MaxTagLength, 'g');
        await (await analyst.Client.PostJsonAsync(url + "/corrections", correction)).ExpectAsync(HttpStatusCode.Created);

        // A measure's supporting institutions: escaped beyond their column, or one too many, refused; nothing written.
        var measures = await Host.WithDbAsync(db => db.Set<RecommendationMeasure>().CountAsync());
        JsonObject Measure(JsonArray supporting) => new()
        {
            ["title"] = "Set up an independent investigative body",
            ["lead"] = "Генеральная прокуратура",
            ["supporting"] = supporting,
            ["status"] = "planned",
        };
        await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(Names(lists.MaxEntries, lists.MaxNameLength, '&'))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "supporting");
        await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(Names(lists.MaxEntries + 1, 10, 'b'))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "supporting");
        Assert.Equal(measures, await Host.WithDbAsync(db => db.Set<RecommendationMeasure>().CountAsync()));

        // Many Cyrillic supporting institutions, stored as readable text (not \u escapes), fit and are read back.
        var many = Names(lists.MaxEntries, 150, 'Қ');
        await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(many))).ExpectAsync(HttpStatusCode.Created);
        read = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(many.Select(n => n!.GetValue<string>()), read["measures"].Objects().Single()["supporting"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task The_import_names_a_row_whose_list_would_not_fit_and_imports_nothing()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var lists = Lists;
        var document = Document();
        var folder = Directory.CreateTempSubdirectory("aigaq-import-").FullName;
        var csv = Path.Combine(folder, "recommendations.csv");
        var escaped = string.Join(';', Names(lists.MaxEntries, lists.MaxNameLength, '<').Select(n => n!.GetValue<string>()));
        await File.WriteAllTextAsync(csv, string.Join("\r\n",
            "mechanism,document,paragraph,summary,adoptedAt,followUp,addressees",
            $"CAT,{document},10,Summary,2021-12-03,false,МВД",
            $"CAT,{document},11,Summary,2021-12-03,false,{escaped}") + "\r\n");

        var run = await AigaqProcess.RunAsync(["recommendations", "import", csv, "--by", analyst.User.Email!, .. AigaqProcess.On(Host.Database)]);

        Assert.True(run.ExitCode != 0, run.ToString());
        var line = Assert.Single(run.ErrorLines, l => l.StartsWith("row ", StringComparison.Ordinal));
        Assert.Equal($"row 3: addressees: {RegisterRecommendation.TooLongTogether}", line);
        Assert.False(await Host.WithDbAsync(db => db.Set<Recommendation>().AnyAsync(r => r.Document == document)));
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class ListLimitsOnSqlite(SqliteHost fixture) : ListLimitsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ListLimitsOnPostgres(PostgresHost fixture) : ListLimitsTests(fixture), IClassFixture<PostgresHost>;
