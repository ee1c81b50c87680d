using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Recommendations;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Recommendations;

/// <summary>
/// Indicators computed from the register (issue 18, item 3): the catalogue holds the metrics the areas supply, under the
/// names of CONTRACT.md; each metric's value for a region and year is the figure the statistics give for the same region
/// and year (and hand-counted here, so that two wrong figures cannot agree); a metric not in the catalogue is named.
/// </summary>
public abstract class IndicatorTests(HostFixture fixture)
{
    private const string Region = "KZ-63";

    private AigaqHost Host => fixture.Host;

    private async Task<Dictionary<string, IndicatorValue>> ValuesAsync(int year, string? region)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<IndicatorCatalogue>();
        var values = new Dictionary<string, IndicatorValue>(StringComparer.Ordinal);
        foreach (var id in catalogue.Ids)
        {
            values[id] = await catalogue.Find(id)!.OfAsync(year, region, CancellationToken.None);
        }

        return values;
    }

    [Fact]
    public async Task Each_indicator_is_the_statistics_figure_for_the_same_region_and_year()
    {
        // Three detentions (the host's clock stands at Monday 2 March 2026, 15:00 in Almaty): one on time, one of
        // 10 February registered today (late), one on time with injuries recorded (received as a report at once).
        var facility = await Host.FacilityAsync(Region, name: "ИВС " + Guid.NewGuid().ToString("N")[..4]);
        var officer = await Host.UserAsync(Roles.Officer, region: Region);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, region: Region, facility: facility.Id);
        await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-5));
        await Host.RegisterAsync(officer, facility.Id, new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.FromHours(5)));
        var injured = (await Host.RegisterAsync(officer, facility.Id, Host.Now.AddMinutes(-10))).Id();
        await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(injured), Requests.Event("medicalExamination", Host.Now.AddMinutes(-5), ("injuriesFound", true))))
            .ExpectAsync(HttpStatusCode.Created);

        // A reprisal against a protected complainant of the region, three days ago.
        for (var i = 0; i < 2; i++)
        {
            var custodian = await Host.UserAsync(Roles.ProtectionOfficer, region: Region);
            await (await custodian.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = "хранитель тайны личности" }))
                .ExpectAsync(HttpStatusCode.Created);
        }

        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);
        var person = await (await prosecutor.Client.PostJsonAsync("/api/v1/protected-persons", new JsonObject
        {
            ["identity"] = new JsonObject { ["person"] = new JsonObject { ["lastName"] = "Сейтқалиев", ["firstName"] = "Ерлан", ["birthDate"] = "1986-05-14" } },
            ["role"] = "complainant",
            ["disclosure"] = "confidential",
            ["risk"] = "high",
            ["region"] = Region,
        })).ExpectAsync(HttpStatusCode.Created);
        async Task ReprisalAsync(int daysAgo) => await (await prosecutor.Client.PostJsonAsync("/api/v1/reprisals", new JsonObject
        {
            ["protectedPersonId"] = person.Str("id"),
            ["occurredAt"] = Requests.Instant(Host.Now.AddDays(-daysAgo)),
            ["type"] = "counterCharge",
            ["perpetrator"] = new JsonObject { ["agency"] = "police", ["unit"] = "отдел полиции № 3" },
            ["description"] = "Угроза возбудить встречное дело, если жалоба не будет отозвана",
            ["source"] = "lawyer",
            ["reliability"] = "credible",
        })).ExpectAsync(HttpStatusCode.Created);
        await ReprisalAsync(3);

        var values = await ValuesAsync(2026, Region);
        // One reprisal is below the reprisal statistics' small-cell threshold: withheld, as those statistics withhold it.
        Assert.Equal(new IndicatorValue(null, Suppressed: true), values["reprisalsReported"]);
        for (var day = 4; day < 8; day++)
        {
            await ReprisalAsync(day);
        }

        Assert.Equal(IndicatorValue.Count(5), (await ValuesAsync(2026, Region))["reprisalsReported"]);

        Assert.Equal((1, 3), (values["lateRegistrationShare"].Part, values["lateRegistrationShare"].Whole));
        Assert.Equal(0.3333m, values["lateRegistrationShare"].Value);
        Assert.Equal((1, 3), (values["injuriesRecordedShare"].Part, values["injuriesRecordedShare"].Whole));
        Assert.Equal(1m, values["tortureReportsReceived"].Value);

        // The same figures as the statistics API gives an analyst for the region and year.
        var analyst = await Host.UserAsync(Roles.Analyst, region: null);
        var detentions = (await (await analyst.Client.GetAsync($"/api/v1/statistics/detentions?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK))["total"]!;
        var funnel = await (await analyst.Client.GetAsync($"/api/v1/statistics/funnel?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK);
        var exams = (await (await analyst.Client.GetAsync($"/api/v1/statistics/examinations?year=2026&region={Region}")).ExpectAsync(HttpStatusCode.OK))["total"]!;
        static int N(JsonNode node, string field) => node[field]!.GetValue<int>();
        void Same(string metric, JsonNode node, string part, string whole) =>
            Assert.Equal(IndicatorValue.Share(N(node, part), N(node, whole)), values[metric]);

        Same("lateRegistrationShare", detentions, "registeredLate", "detentions");
        Same("clocksExceededShare", detentions, "clocksExceeded", "detentions");
        Same("nightActionsShare", detentions, "nightActions", "detentions");
        Same("withoutDefenderShare", detentions, "withoutDefender", "detentions");
        Same("injuriesRecordedShare", detentions, "injuries", "detentions");
        Same("reportsRegisteredOnTime", funnel, "registeredInTime", "registered");
        Same("courtShare", funnel, "sentToCourt", "received");
        Same("examinationsInTortureCases", exams, "started", "tortureCases");
        Assert.Equal(N(funnel, "received"), (int)values["tortureReportsReceived"].Value!);

        // Another year of the region has none of them: a share of nothing has no value, a count is zero.
        var before = await ValuesAsync(2025, Region);
        Assert.Equal(new IndicatorValue(null, 0, 0), before["lateRegistrationShare"]);
        Assert.Equal(0m, before["tortureReportsReceived"].Value);
        Assert.Equal(0m, before["reprisalsReported"].Value);
        // All regions hold the region's detentions too.
        Assert.True((await ValuesAsync(2026, null))["lateRegistrationShare"].Whole >= 3);
    }

    [Fact]
    public async Task The_catalogue_has_the_contracts_metrics_and_names_one_it_does_not_have()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<IndicatorCatalogue>();
        Assert.Superset(
            new HashSet<string>(["lateRegistrationShare", "reportsRegisteredOnTime", "courtShare", "examinationsInTortureCases", "accessDenials", "visitsPerFacility", "reprisalsReported"]),
            catalogue.Ids.ToHashSet());

        var v = new Validation();
        Assert.Null(catalogue.Validate(v, "happinessIndex", "indicators[0].metric"));
        Assert.Null(catalogue.Validate(v, null));
        Assert.Equal(["indicators[0].metric", "metric"], v.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("courtShare", catalogue.Validate(new Validation(), "courtShare")!.Id);

        var twice = new ComputedIndicator("courtShare", IndicatorUnit.Share, (_, _, _) => Task.FromResult(IndicatorValue.Count(0)));
        var e = Assert.Throws<InvalidOperationException>(() => new IndicatorCatalogue([twice, twice]));
        Assert.Contains("courtShare", e.Message, StringComparison.Ordinal);
    }
}

public sealed class IndicatorsOnSqlite(SqliteHost fixture) : IndicatorTests(fixture), IClassFixture<SqliteHost>;

public sealed class IndicatorsOnPostgres(PostgresHost fixture) : IndicatorTests(fixture), IClassFixture<PostgresHost>;
