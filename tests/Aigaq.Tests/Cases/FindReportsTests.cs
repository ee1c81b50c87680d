using System.Net;
using Aigaq.Access;

namespace Aigaq.Tests.Cases;

/// <summary>
/// Finding reports (issue 14, item 6): GET /api/v1/reports and the /reports page search by a report, ERDR or detention
/// number as typed, or by a word of a facility's or agency's name (never by the names of the people in a report), and
/// filter by status, region and a passed registration deadline; the page keeps its filters.
/// </summary>
public abstract class FindReportsTests(HostFixture fixture)
{
    private const string Region = "KZ-61";

    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Reports_are_found_by_number_erdr_detention_facility_or_agency_and_filtered_by_status_region_and_deadline()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var facility = await Host.FacilityAsync(region: Region, name: "ИВС Іздеу " + suffix);
        var officer = await Host.UserAsync(Roles.Officer, region: Region);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);
        var detention = await Host.RegisterAsync(officer, facility.Id);

        // A: about the detention, alleging national security, waiting past its 24-hour deadline.
        var a = CaseScenario.Report(Host.Now.AddHours(-30), Region, "nationalSecurity");
        a["facilityId"] = facility.Id.ToString();
        a["detentionId"] = detention.Str("id");
        var first = await prosecutor.ReceiveAsync(a);

        // B: the same facility, alleging the police, registered in ERDR.
        var b = CaseScenario.Report(Host.Now.AddHours(-2), Region, "police");
        b["facilityId"] = facility.Id.ToString();
        var second = await prosecutor.ReceiveAsync(b);
        var erdr = CaseScenario.Erdr();
        await prosecutor.RegisterReportAsync(second.Id(), CaseScenario.Registration(erdr, Host.Now.AddHours(-1), 1));

        async Task<List<string>> FoundAsync(string query) =>
            [.. (await (await prosecutor.Client.GetAsync("/api/v1/reports?" + query)).ExpectAsync(HttpStatusCode.OK))["items"]
                .Objects().Select(r => r.Str("id"))];

        string Q(string text) => "q=" + Uri.EscapeDataString(text);

        Assert.Equal([second.Str("id"), first.Str("id")], await FoundAsync(Q("іздеу " + suffix.ToUpperInvariant())));
        Assert.Equal([first.Str("id")], await FoundAsync(Q(" " + first.Str("number").ToLowerInvariant() + " ")));
        // The digits without their leading zeros, and a Cyrillic Р.
        var number = first.Str("number");
        Assert.Equal([first.Str("id")], await FoundAsync(Q("Р" + number[1..4] + long.Parse(number[4..], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal([second.Str("id")], await FoundAsync(Q(erdr)));
        Assert.Equal([first.Str("id")], await FoundAsync(Q(detention.Str("number").ToLowerInvariant())));

        // An agency by its name in Russian, Kazakh or English, or its code.
        foreach (var agency in new[] { "безопасность", "Ұлттық қауіпсіздік", "national security", "nationalSecurity" })
        {
            var found = await FoundAsync($"region={Region}&" + Q(agency));
            Assert.Contains(first.Str("id"), found);
            Assert.DoesNotContain(second.Str("id"), found);
        }

        // Filters narrow the search and one another.
        Assert.Equal([second.Str("id")], await FoundAsync(Q(suffix) + "&status=registered"));
        Assert.Equal([first.Str("id")], await FoundAsync(Q(suffix) + "&status=received&overdue=true"));
        Assert.Equal([second.Str("id")], await FoundAsync(Q(suffix) + "&overdue=false"));
        Assert.Empty(await FoundAsync(Q(suffix) + "&region=KZ-75"));

        // What people in the report are called is not searched: only an opened report shows it.
        Assert.DoesNotContain(first.Str("id"), await FoundAsync($"region={Region}&" + Q("Серикбаев")));

        // The page searches the same way: waiting reports by default, any status when asked, and keeps the search.
        var waiting = await prosecutor.Client.GetStringAsync("/reports?q=" + Uri.EscapeDataString(suffix));
        Assert.Contains(first.Str("number"), waiting, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Str("number"), waiting, StringComparison.Ordinal);
        Assert.Contains("value=\"" + suffix + "\"", waiting, StringComparison.Ordinal);
        var all = await prosecutor.Client.GetStringAsync("/reports?status=all&q=" + Uri.EscapeDataString(erdr));
        Assert.Contains(second.Str("number"), all, StringComparison.Ordinal);
        Assert.Contains(erdr, all, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Str("number"), all, StringComparison.Ordinal);
        var overdue = await prosecutor.Client.GetStringAsync($"/reports?region={Region}&overdue=true&q=" + Uri.EscapeDataString(suffix));
        Assert.Contains(first.Str("number"), overdue, StringComparison.Ordinal);
        Assert.Contains("id=\"overdue\" name=\"overdue\" value=\"true\" checked", overdue, StringComparison.Ordinal);
        var none = await prosecutor.Client.GetStringAsync("/reports?status=refused&q=" + Uri.EscapeDataString(suffix));
        Assert.Contains("id=\"no-waiting\"", none, StringComparison.Ordinal);

        // The case is a link for a reader who may open cases, and only its number for one who may not.
        Assert.Matches("<a href=\"/cases/[0-9a-f-]{36}\" class=\"report-case\">", all);
        var monitor = await Host.UserAsync(Roles.Monitor, region: Region);
        var c = CaseScenario.Report(Host.Now.AddHours(-2), Region, "police");
        var third = await monitor.ReceiveAsync(c);
        var erdr3 = CaseScenario.Erdr();
        await prosecutor.RegisterReportAsync(third.Id(), CaseScenario.Registration(erdr3, Host.Now.AddHours(-1), 1));
        var monitors = await monitor.Client.GetStringAsync("/reports?status=all&q=" + Uri.EscapeDataString(erdr3));
        Assert.Contains(third.Str("number"), monitors, StringComparison.Ordinal);
        Assert.Contains("<span class=\"report-case\">", monitors, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/cases/", monitors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=asleep", "status")]
    [InlineData("status=1", "status")]
    [InlineData("region=KZ-00", "region")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("q=", "q", 101)]
    public async Task A_bad_filter_is_refused_naming_it(string query, string field, int padding = 0)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);

        await (await prosecutor.Client.GetAsync("/api/v1/reports?" + query + new string('я', padding))).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_dashboard_finds_the_alerts_of_a_detention_by_its_number_and_the_api_by_its_id()
    {
        var facility = await Host.FacilityAsync(region: Region);
        var officer = await Host.UserAsync(Roles.Officer, region: Region);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: Region);
        // Registered an hour late: each raises LateRegistration.
        var late = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1));
        var other = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1));
        var alertId = late["alerts"].Objects().First().Str("id");
        var otherAlert = other["alerts"].Objects().First().Str("id");

        var html = await prosecutor.Client.GetStringAsync("/dashboard?q=" + Uri.EscapeDataString(late.Str("number").ToLowerInvariant()));
        Assert.Contains("id=\"alert-" + alertId + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"alert-" + otherAlert + "\"", html, StringComparison.Ordinal);
        Assert.Contains("/alerts/export.csv?q=", html, StringComparison.Ordinal);
        var csv = await prosecutor.Client.GetStringAsync("/alerts/export.csv?q=" + Uri.EscapeDataString(late.Str("number")));
        Assert.Contains(late.Str("number"), csv, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Str("number"), csv, StringComparison.Ordinal);
        var nothing = await prosecutor.Client.GetStringAsync("/dashboard?q=D61-999999999");
        Assert.Contains("id=\"no-alerts\"", nothing, StringComparison.Ordinal);

        var items = (await (await prosecutor.Client.GetAsync($"/api/v1/alerts?detentionId={late.Str("id")}")).ExpectAsync(HttpStatusCode.OK))["items"]
            .Objects().Select(x => x.Str("id")).ToList();
        Assert.Contains(alertId, items);
        Assert.DoesNotContain(otherAlert, items);
        await (await prosecutor.Client.GetAsync("/api/v1/alerts?detentionId=someone")).ExpectProblemAsync(HttpStatusCode.BadRequest, "detentionId");
    }
}

public sealed class FindReportsOnSqlite(SqliteHost fixture) : FindReportsTests(fixture), IClassFixture<SqliteHost>;

public sealed class FindReportsOnPostgres(PostgresHost fixture) : FindReportsTests(fixture), IClassFixture<PostgresHost>;
