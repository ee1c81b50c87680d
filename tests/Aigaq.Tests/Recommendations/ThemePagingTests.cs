using System.Globalization;
using System.Net;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Recommendations;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// The list filtered by theme matches each recommendation as it stands (its latest correction's themes) before the page
/// is cut: with more matching recommendations than a page holds, some corrected into the theme, some out of it, some
/// both ways, every page but the last is full and walking the cursor gives each matching recommendation exactly once.
/// </summary>
public abstract class ThemePagingTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Every_page_of_a_theme_is_full_and_each_current_match_appears_once_after_corrections()
    {
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var run = Random.Shared.Next(100, 999_999).ToString(CultureInfo.InvariantCulture);
        var theme = "paging-" + run;
        string[] documents = ["CAT/C/KAZ/CO/" + run, "CCPR/C/KAZ/CO/" + run];
        var now = Host.Now;
        string Themes(bool with) => JsonSerializer.Serialize(with ? new[] { "custody", theme } : ["custody"]);

        // Rows written as registration and correction write them, in a number a test can afford: half match, more than a page.
        var count = ListRecommendations.PageSize * 5 / 2;
        var expected = new HashSet<Guid>();
        var recommendations = new List<Recommendation>();
        var corrections = new List<RecommendationCorrection>();
        for (var i = 0; i < count; i++)
        {
            // Registered with the theme or not; then none, one or two corrections, each putting it in or taking it out.
            var registered = i % 3 != 2;
            bool[] corrected = (i % 6) switch
            {
                0 => [],
                1 => [false],
                2 => [true],
                3 => [false, true],
                4 => [true, false],
                _ => [false],
            };
            var r = new Recommendation
            {
                Id = Guid.CreateVersion7(now),
                Mechanism = "CAT",
                Document = documents[i % 2],
                Paragraph = (i / 2) + 1,
                SubParagraph = "",
                Summary = "Paging " + i.ToString(CultureInfo.InvariantCulture),
                AdoptedAt = new DateOnly(2021, 12, 3),
                Themes = Themes(registered),
                AffectedGroups = "[]",
                Addressees = "[]",
                Related = "[]",
                Source = "api",
                RecordedAt = now,
                RecordedBy = analyst.Id,
                RulePackId = "kz-2024-03-01",
            };
            recommendations.Add(r);
            for (var revision = 0; revision < corrected.Length; revision++)
            {
                corrections.Add(new RecommendationCorrection
                {
                    Id = Guid.CreateVersion7(now),
                    RecommendationId = r.Id,
                    Revision = revision + 1,
                    Reason = "Themes reviewed",
                    Fields = "[\"themes\"]",
                    Summary = r.Summary,
                    Themes = Themes(corrected[revision]),
                    AffectedGroups = "[]",
                    Addressees = "[]",
                    Related = "[]",
                    RecordedAt = now,
                    RecordedBy = analyst.Id,
                });
            }

            if (corrected.Length == 0 ? registered : corrected[^1])
            {
                expected.Add(r.Id);
            }
        }

        await Host.WithDbAsync(async db =>
        {
            db.AddRange(recommendations);
            await db.SaveChangesAsync();
            db.AddRange(corrections);
            return await db.SaveChangesAsync();
        });
        Assert.True(expected.Count > ListRecommendations.PageSize, "more recommendations match than a page holds");
        Assert.Contains(recommendations, r => !expected.Contains(r.Id) && r.Themes.Contains(theme, StringComparison.Ordinal));
        Assert.Contains(recommendations, r => expected.Contains(r.Id) && !r.Themes.Contains(theme, StringComparison.Ordinal));

        var seen = new List<Guid>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var url = "/api/v1/recommendations?theme=" + theme + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await analyst.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
            var items = page["items"].Objects().ToList();
            cursor = page["next"]?.GetValue<string>();
            pages++;
            if (cursor is not null)
            {
                Assert.Equal(ListRecommendations.PageSize, items.Count);
            }

            Assert.All(items, item => Assert.Contains(theme, item["themes"]!.AsArray().Select(t => t!.GetValue<string>())));
            seen.AddRange(items.Select(item => Guid.Parse(item.Str("id"))));
        }
        while (cursor is not null && pages <= count);

        Assert.True(pages >= 2, "the matches took more than one page");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }
}

public sealed class ThemePagingOnSqlite(SqliteHost fixture) : ThemePagingTests(fixture), IClassFixture<SqliteHost>;

public sealed class ThemePagingOnPostgres(PostgresHost fixture) : ThemePagingTests(fixture), IClassFixture<PostgresHost>;
