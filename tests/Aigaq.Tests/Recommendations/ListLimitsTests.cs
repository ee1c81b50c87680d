using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Recommendations;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// A recommendation's lists (themes, affected groups, addressees, related recommendations; a correction's alike) and a
/// measure's supporting institutions are kept as JSON text in a column each. Every list the rule pack allows is stored
/// whole and read back equal, even when every character of every name is one JSON escapes to six (<c>\u0022</c>); a list
/// one entry longer than the pack allows, or an entry one character longer, is a 400 naming the field and writes
/// nothing. Registration, correction, measures and the CLI import alike.
/// </summary>
public abstract class ListLimitsTests(HostFixture fixture)
{
    /// <summary>Characters the API's JSON writes as six characters each (<c>\u0022</c>, <c>\u003C</c>, ...).</summary>
    private const string Escaped = "\"<>&'+";

    private AigaqHost Host => fixture.Host;

    private RecommendationListRules Lists => Host.Services.GetRequiredService<RulePackCatalog>().At(Host.Now).Recommendations.Lists;

    private static string Document() => "CAT/C/KAZ/CO/" + Random.Shared.Next(100, 999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> distinct names of <paramref name="length"/> characters, every one a character JSON escapes to
    /// six: the longest stored form a list of that many names of that length can have. <paramref name="fill"/> tells
    /// lists apart.
    /// </summary>
    private static List<string> Worst(int count, int length, char fill = '"') =>
        [.. Enumerable.Range(0, count).Select(i => string.Concat(Escaped[i / 36 % 6], Escaped[i / 6 % 6], Escaped[i % 6]) + new string(fill, length - 3))];

    /// <summary><paramref name="count"/> distinct theme or group ids of <paramref name="length"/> characters.</summary>
    private static List<string> Tags(int count, int length, char fill = 'a') =>
        [.. Enumerable.Range(0, count).Select(i => i.ToString("D3", CultureInfo.InvariantCulture) + new string(fill, length - 3))];

    private static JsonArray Array(IEnumerable<string> items) => [.. items.Select(i => (JsonNode)i)];

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];

    private static JsonObject Recommendation(string document, IEnumerable<string>? addressees = null) => new()
    {
        ["mechanism"] = "CAT",
        ["document"] = document,
        ["paragraph"] = 21,
        ["summary"] = "Ensure that complaints of torture are investigated promptly",
        ["adoptedAt"] = "2021-12-03",
        ["followUp"] = false,
        ["addressees"] = Array(addressees ?? ["МВД"]),
    };

    private static JsonObject Measure(IEnumerable<string> supporting) => new()
    {
        ["title"] = "Set up an independent investigative body",
        ["lead"] = "Генеральная прокуратура",
        ["supporting"] = Array(supporting),
        ["status"] = "planned",
    };

    [Fact]
    public async Task Every_list_column_holds_the_longest_list_any_rule_pack_may_allow()
    {
        // The figures of every shipped pack and the highest a pack may set at all (RecommendationRules.Validate).
        var most = new RecommendationListRules
        {
            MaxEntries = RecommendationListRules.MostEntries,
            MaxNameLength = RecommendationListRules.MostNameLength,
            MaxTagLength = RecommendationListRules.MostTagLength,
        };
        var figures = Host.Services.GetRequiredService<RulePackCatalog>().All.Select(p => p.Recommendations.Lists).Append(most).ToList();
        var names = figures.Max(l => JsonSerializer.Serialize(Worst(l.MaxEntries, l.MaxNameLength), Json.Options).Length);
        var tags = figures.Max(l => JsonSerializer.Serialize(Tags(l.MaxEntries, l.MaxTagLength), Json.Options).Length);
        var related = JsonSerializer.Serialize(Enumerable.Range(0, RegisterRecommendation.MaxRelated).Select(_ => Guid.NewGuid().ToString()), Json.Options).Length;
        Assert.True(names >= 6 * RecommendationListRules.MostEntries * RecommendationListRules.MostNameLength, $"the worst case is not worst: {names}");

        var columns = new (Type Entity, string Property, int Longest)[]
        {
            (typeof(Recommendation), nameof(Aigaq.Recommendations.Recommendation.Themes), tags),
            (typeof(Recommendation), nameof(Aigaq.Recommendations.Recommendation.AffectedGroups), tags),
            (typeof(Recommendation), nameof(Aigaq.Recommendations.Recommendation.Addressees), names),
            (typeof(Recommendation), nameof(Aigaq.Recommendations.Recommendation.Related), related),
            (typeof(RecommendationCorrection), nameof(RecommendationCorrection.Themes), tags),
            (typeof(RecommendationCorrection), nameof(RecommendationCorrection.AffectedGroups), tags),
            (typeof(RecommendationCorrection), nameof(RecommendationCorrection.Addressees), names),
            (typeof(RecommendationCorrection), nameof(RecommendationCorrection.Related), related),
            (typeof(RecommendationMeasure), nameof(RecommendationMeasure.Supporting), names),
        };
        // Unbounded text (SQLite's every column of text is; PostgreSQL's "text"), or a size of at least the longest list.
        var sizes = await Host.WithDbAsync(db => Task.FromResult(columns
            .Select(c => db.Model.FindEntityType(c.Entity)!.FindProperty(c.Property)!)
            .Zip(columns, (p, c) => (c.Entity.Name, c.Property, c.Longest, Type: p.GetColumnType(), Size: p.GetMaxLength()))
            .ToList()));
        Assert.All(sizes, s => Assert.True(
            s.Type.Equals("text", StringComparison.OrdinalIgnoreCase) || s.Size >= s.Longest,
            $"{s.Name}.{s.Property}: {s.Type} for a list of {s.Longest} characters"));
        Assert.Contains(sizes, s => s.Property == nameof(RecommendationMeasure.Supporting) && s.Longest > 4000);
    }

    [Fact]
    public async Task Lists_at_the_packs_limits_in_characters_json_escapes_are_stored_and_read_back_equal()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var lists = Lists;

        // Registration: addressees, themes and groups each at the pack's count and length.
        var addressees = Worst(lists.MaxEntries, lists.MaxNameLength);
        var themes = Tags(lists.MaxEntries, lists.MaxTagLength, 't');
        var groups = Tags(lists.MaxEntries, lists.MaxTagLength, 'g');
        var body = Recommendation(Document(), addressees);
        body["themes"] = Array(themes);
        body["affectedGroups"] = Array(groups);
        var created = await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", body)).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        var url = $"/api/v1/recommendations/{id}";
        var read = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(addressees, Strings(read["addressees"]));
        Assert.Equal(themes, Strings(read["themes"]));
        Assert.Equal(groups, Strings(read["affectedGroups"]));
        var row = await Host.WithDbAsync(db => db.Set<Recommendation>().AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(addressees, RegisterRecommendation.List(row.Addressees));
        Assert.True(row.Addressees.Length > 6 * lists.MaxEntries * lists.MaxNameLength, $"stored in {row.Addressees.Length} characters: not escaped, not the worst case");

        // A correction at the same limits, with other names: appended and shown as the current lists.
        var corrected = Worst(lists.MaxEntries, lists.MaxNameLength, '\'');
        var correctedThemes = Tags(lists.MaxEntries, lists.MaxTagLength, 'u');
        var correction = new JsonObject
        {
            ["reason"] = "The addressees were typed from the wrong paragraph",
            ["addressees"] = Array(corrected),
            ["themes"] = Array(correctedThemes),
        };
        await (await analyst.Client.PostJsonAsync(url + "/corrections", correction)).ExpectAsync(HttpStatusCode.Created);
        read = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(corrected, Strings(read["addressees"]));
        Assert.Equal(correctedThemes, Strings(read["themes"]));
        Assert.Equal(groups, Strings(read["affectedGroups"]));
        var stored = await Host.WithDbAsync(db => db.Set<RecommendationCorrection>().AsNoTracking().SingleAsync(c => c.RecommendationId == id));
        Assert.Equal(corrected, RegisterRecommendation.List(stored.Addressees));

        // A measure's supporting institutions at the limits.
        var supporting = Worst(lists.MaxEntries, lists.MaxNameLength, '&');
        await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(supporting))).ExpectAsync(HttpStatusCode.Created);
        read = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(supporting, Strings(read["measures"].Objects().Single()["supporting"]));
        var measure = await Host.WithDbAsync(db => db.Set<RecommendationMeasure>().AsNoTracking().SingleAsync(m => m.RecommendationId == id));
        Assert.Equal(supporting, RegisterRecommendation.List(measure.Supporting));
    }

    [Fact]
    public async Task One_entry_or_one_character_beyond_the_pack_is_refused_naming_the_field_and_writes_nothing()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var lists = Lists;
        var rows = await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync());

        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), Worst(lists.MaxEntries + 1, lists.MaxNameLength))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees");
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document(), Worst(2, lists.MaxNameLength + 1))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees[0]");
        var themed = Recommendation(Document());
        themed["themes"] = Array(Tags(lists.MaxEntries + 1, lists.MaxTagLength));
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", themed)).ExpectProblemAsync(HttpStatusCode.BadRequest, "themes");
        var grouped = Recommendation(Document());
        grouped["affectedGroups"] = Array(Tags(2, lists.MaxTagLength + 1));
        await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", grouped)).ExpectProblemAsync(HttpStatusCode.BadRequest, "affectedGroups[0]");
        Assert.Equal(rows, await Host.WithDbAsync(db => db.Set<Recommendation>().CountAsync()));

        var created = await (await analyst.Client.PostJsonAsync("/api/v1/recommendations", Recommendation(Document()))).ExpectAsync(HttpStatusCode.Created);
        var url = $"/api/v1/recommendations/{created.Str("id")}";

        // A correction is held to the same limits; nothing is appended.
        var corrections = await Host.WithDbAsync(db => db.Set<RecommendationCorrection>().CountAsync());
        var correction = new JsonObject { ["reason"] = "The addressees were typed from the wrong paragraph", ["addressees"] = Array(Worst(lists.MaxEntries + 1, lists.MaxNameLength)) };
        await (await analyst.Client.PostJsonAsync(url + "/corrections", correction)).ExpectProblemAsync(HttpStatusCode.BadRequest, "addressees");
        correction["addressees"] = null;
        correction["affectedGroups"] = Array(Tags(lists.MaxEntries, lists.MaxTagLength + 1));
        await (await analyst.Client.PostJsonAsync(url + "/corrections", correction)).ExpectProblemAsync(HttpStatusCode.BadRequest, "affectedGroups[0]");
        Assert.Equal(corrections, await Host.WithDbAsync(db => db.Set<RecommendationCorrection>().CountAsync()));

        // A measure's supporting institutions alike.
        var measures = await Host.WithDbAsync(db => db.Set<RecommendationMeasure>().CountAsync());
        await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(Worst(lists.MaxEntries + 1, lists.MaxNameLength))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "supporting");
        await (await analyst.Client.PostJsonAsync(url + "/measures", Measure(Worst(2, lists.MaxNameLength + 1))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "supporting[0]");
        Assert.Equal(measures, await Host.WithDbAsync(db => db.Set<RecommendationMeasure>().CountAsync()));
    }

    [Fact]
    public async Task The_import_stores_a_row_at_the_limits_and_names_a_row_beyond_them_importing_nothing()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var lists = Lists;
        var folder = Directory.CreateTempSubdirectory("aigaq-import-").FullName;
        var csv = Path.Combine(folder, "recommendations.csv");
        static string Quoted(IEnumerable<string> names) => "\"" + string.Join(';', names).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var full = Worst(lists.MaxEntries, lists.MaxNameLength);
        static string Csv(params string[] rows) => string.Join("\r\n", ["mechanism,document,paragraph,summary,adoptedAt,followUp,addressees", .. rows]) + "\r\n";

        // A row at the limits and a row one addressee beyond them: the second is named, neither is imported.
        var document = Document();
        await File.WriteAllTextAsync(csv, Csv(
            $"CAT,{document},10,Summary,2021-12-03,false,{Quoted(full)}",
            $"CAT,{document},11,Summary,2021-12-03,false,{Quoted(Worst(lists.MaxEntries + 1, lists.MaxNameLength))}"));
        var run = await AigaqProcess.RunAsync(["recommendations", "import", csv, "--by", analyst.User.Email!, .. AigaqProcess.On(Host.Database)]);
        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.True(run.ErrorLines.Count(l => l.StartsWith("row ", StringComparison.Ordinal)) == 1, run.ToString());
        Assert.Equal($"row 3: addressees: has more than {lists.MaxEntries} items", run.ErrorLines.Single(l => l.StartsWith("row ", StringComparison.Ordinal)));
        Assert.False(await Host.WithDbAsync(db => db.Set<Recommendation>().AnyAsync(r => r.Document == document)));

        // The row at the limits alone is imported whole.
        document = Document();
        await File.WriteAllTextAsync(csv, Csv($"CAT,{document},10,Summary,2021-12-03,false,{Quoted(full)}"));
        run = await AigaqProcess.RunAsync(["recommendations", "import", csv, "--by", analyst.User.Email!, .. AigaqProcess.On(Host.Database)]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var row = await Host.WithDbAsync(db => db.Set<Recommendation>().AsNoTracking().SingleAsync(r => r.Document == document));
        Assert.Equal(full, RegisterRecommendation.List(row.Addressees));
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class ListLimitsOnSqlite(SqliteHost fixture) : ListLimitsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ListLimitsOnPostgres(PostgresHost fixture) : ListLimitsTests(fixture), IClassFixture<PostgresHost>;
