using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Visits;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Visits;

/// <summary>
/// The visit pages (issue 17): /visits lists the region's visits with their status and the plan, /visits/{id} shows the
/// visit with its team (the read in the access log), the approve form only to another monitor of the region, the
/// checklist of the kind of place and the facility's profile; a monitor of another region finds neither, and other roles
/// are refused. (The monitor's way through the pages, in three languages and offline, is in Chromium: VisitPagesTests.)
/// </summary>
public abstract class VisitPagesTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_monitor_reads_the_visits_of_the_region_another_approves_and_others_are_refused()
    {
        var facility = await Host.FacilityAsync(region: "KZ-75");
        var planner = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var created = await (await planner.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = facility.Id.ToString(),
            ["plannedFor"] = Requests.Instant(Host.Now.AddDays(3)),
            ["kind"] = "regular",
            ["announced"] = false,
            ["team"] = new JsonArray(
                new JsonObject { ["name"] = "Айгүл Сейтқалиева", ["role"] = "lead", ["sex"] = "female" },
                new JsonObject { ["name"] = "Марат Оспанов", ["role"] = "doctor", ["sex"] = "male" }),
        }, Guid.NewGuid().ToString("N"))).ExpectAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        var number = created.Str("number");

        var list = await planner.Client.GetStringAsync("/visits");
        Assert.Contains($"id=\"visit-{id}\" data-status=\"planned\"", list, StringComparison.Ordinal);
        Assert.Contains(number, list, StringComparison.Ordinal);
        Assert.Contains("id=\"plan-form\"", list, StringComparison.Ordinal);
        Assert.Contains("id=\"plan-list\"", list, StringComparison.Ordinal);

        // The planner sees the team and the arrival form, not the approve button; another monitor of the region sees it.
        var page = await planner.Client.GetStringAsync($"/visits/{id}");
        Assert.Contains("Айгүл Сейтқалиева", page, StringComparison.Ordinal);
        Assert.Contains("id=\"arrival-form\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"approval-waiting\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve-form\"", page, StringComparison.Ordinal);
        Assert.Contains("data-item=\"custodyRegisterComplete\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"profile\"", page, StringComparison.Ordinal);
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        Assert.Contains("id=\"approve-form\"", await approver.Client.GetStringAsync($"/visits/{id}"), StringComparison.Ordinal);
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit.read" && e.Resource == id)));

        // Approved, the status says so and the button is gone.
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains($"id=\"visit-{id}\" data-status=\"approved\"", await approver.Client.GetStringAsync("/visits"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve-form\"", await approver.Client.GetStringAsync($"/visits/{id}"), StringComparison.Ordinal);

        // Another region's monitor finds neither; roles without visits are refused both pages.
        var stranger = await Host.UserAsync(Roles.Monitor, region: "KZ-71");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/visits/{id}")).StatusCode);
        Assert.DoesNotContain(id, await stranger.Client.GetStringAsync("/visits"), StringComparison.Ordinal);
        foreach (var role in new[] { Roles.Officer, Roles.Prosecutor, Roles.Analyst })
        {
            var other = await Host.UserAsync(role, region: "KZ-75");
            foreach (var path in new[] { "/visits", $"/visits/{id}" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync(path)).StatusCode);
            }
        }
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void Every_status_kind_role_and_denial_the_pages_show_has_a_label(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var keys = new[] { "planned", "approved", "inProgress", "done" }.Select(s => "VisitStatus." + s)
                .Concat(Enum.GetNames<VisitKind>().Select(k => "VisitKind." + k))
                .Concat(Enum.GetNames<TeamRole>().Select(r => "TeamRole." + r))
                .Concat(Enum.GetNames<VisitCheckKind>().Select(k => "VisitCheckKind." + k))
                .Concat(Enum.GetNames<DeniedAccess>().Select(d => "DeniedAccess." + d))
                .Concat(new[] { PlanVisit.GenderUnbalanced, PlanVisit.FacilityClosed }.Select(w => "VisitWarning." + w))
                .ToList();
            Assert.Equal([], keys.Where(k => t[k].ResourceNotFound).ToArray());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

/// <summary>
/// The page's shell (<c>?shell=true</c>), which the visits' service worker keeps on a device, is not a second read of the
/// visit (issue 17): it is in the access log marked as the shell, and it holds no team name; the page itself is one
/// <c>visit.read</c> naming its reader.
/// </summary>
public abstract class VisitShellReadTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_shell_is_logged_as_the_shell_and_one_opening_of_the_page_is_one_visit_read_naming_its_reader()
    {
        var facility = await Host.FacilityAsync(region: "KZ-75");
        var planner = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var id = (await (await planner.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = facility.Id.ToString(),
            ["plannedFor"] = Requests.Instant(Host.Now.AddDays(3)),
            ["kind"] = "regular",
            ["announced"] = false,
            ["team"] = new JsonArray(
                new JsonObject { ["name"] = "Айгүл Сейтқалиева", ["role"] = "lead", ["sex"] = "female" },
                new JsonObject { ["name"] = "Марат Оспанов", ["role"] = "doctor", ["sex"] = "male" }),
        }, Guid.NewGuid().ToString("N"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var reader = await Host.UserAsync(Roles.Monitor, region: "KZ-75");

        var shell = await reader.Client.GetStringAsync($"/visits/{id}?shell=true");
        Assert.Contains("id=\"visit-shell\"", shell, StringComparison.Ordinal);
        Assert.DoesNotContain("Айгүл Сейтқалиева", shell, StringComparison.Ordinal);
        Assert.Equal((0, 1), await ReadsAsync());

        var page = await reader.Client.GetStringAsync($"/visits/{id}");
        Assert.Contains("Айгүл Сейтқалиева", page, StringComparison.Ordinal);
        Assert.Equal((1, 1), await ReadsAsync());
        var read = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().SingleAsync(e => e.Action == "visit.read" && e.Resource == id));
        Assert.Equal(reader.Id, read.UserId);
        Assert.Equal("allowed", read.Outcome);

        async Task<(int Reads, int Shells)> ReadsAsync() => (
            await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit.read" && e.Resource == id)),
            await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit.shell" && e.Resource == id && e.UserId == reader.Id)));
    }
}

/// <summary>
/// The list's shell (<c>/visits?shell=true</c>), which the visits' service worker keeps so that /visits opens with no
/// connection (issue 17, item 9): the frame and its notice only, no visit, plan, place or form, and no read of anything
/// (no <c>visits.list</c> entry); the page itself lists the visits and logs the list.
/// </summary>
public abstract class VisitListShellTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_lists_shell_holds_no_visit_plan_or_place_and_reads_nothing()
    {
        var facility = await Host.FacilityAsync(region: "KZ-75", name: "ИВС ОП Турксибского района");
        var planner = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var created = await (await planner.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = facility.Id.ToString(),
            ["plannedFor"] = Requests.Instant(Host.Now.AddDays(3)),
            ["kind"] = "regular",
            ["announced"] = false,
            ["team"] = new JsonArray(new JsonObject { ["name"] = "Айгүл Сейтқалиева", ["role"] = "lead", ["sex"] = "female" }),
        }, Guid.NewGuid().ToString("N"))).ExpectAsync(HttpStatusCode.Created);
        var reader = await Host.UserAsync(Roles.Monitor, region: "KZ-75");

        var shell = await reader.Client.GetStringAsync("/visits?shell=true");
        Assert.Contains("id=\"visits-shell\"", shell, StringComparison.Ordinal);
        Assert.Contains("id=\"visit-list\" data-state=\"list.", shell, StringComparison.Ordinal);
        Assert.All(
            new[] { created.Str("id"), created.Str("number"), facility.Name, "Айгүл Сейтқалиева", "id=\"plan-list\"", "id=\"plan-form\"" },
            s => Assert.DoesNotContain(s, shell, StringComparison.Ordinal));
        Assert.Equal(0, await ListsAsync());

        var page = await reader.Client.GetStringAsync("/visits");
        Assert.Contains(created.Str("number"), page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"visits-shell\"", page, StringComparison.Ordinal);
        Assert.Equal(1, await ListsAsync());

        Task<int> ListsAsync() => Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visits.list" && e.UserId == reader.Id));
    }
}

public sealed class VisitListShellOnSqlite(SqliteHost fixture) : VisitListShellTests(fixture), IClassFixture<SqliteHost>;

public sealed class VisitListShellOnPostgres(PostgresHost fixture) : VisitListShellTests(fixture), IClassFixture<PostgresHost>;

/// <summary>
/// The shell reads the place's open recommendations of earlier visits (issue 17, loose end of session 25): it shows each
/// by number, priority and theme, never its addressee or text, and writes no <c>visit-recommendations.list</c> entry (it
/// holds nothing personal; its read is the visit's <c>visit.shell</c>); the full page still logs the list it shows.
/// </summary>
public abstract class VisitShellRecommendationsTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_shell_shows_the_open_recommendations_by_number_and_logs_no_recommendations_list()
    {
        var facility = await Host.FacilityAsync(region: "KZ-75");
        var planner = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        async Task<string> PlanAsync(int hours) => (await (await planner.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = facility.Id.ToString(),
            ["plannedFor"] = Requests.Instant(Host.Now.AddHours(hours)),
            ["kind"] = "regular",
            ["announced"] = false,
            ["team"] = new JsonArray(new JsonObject { ["name"] = "Айгүл Сейтқалиева", ["role"] = "lead", ["sex"] = "female" }),
        }, Guid.NewGuid().ToString("N"))).ExpectAsync(HttpStatusCode.Created)).Str("id");

        // An earlier visit made a recommendation to the place; it is open (no check found it implemented).
        var earlier = await PlanAsync(-2);
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{earlier}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        await (await planner.Client.PostJsonAsync($"/api/v1/visits/{earlier}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddHours(-1)) }))
            .ExpectAsync(HttpStatusCode.Created);
        const string Addressee = "Начальник ИВС Тлеубаев";
        const string Text = "Обеспечить доступ к врачу в первые сутки";
        var made = await (await planner.Client.PostJsonAsync($"/api/v1/visits/{earlier}/recommendations", new JsonObject
        {
            ["addressee"] = Addressee,
            ["theme"] = "healthCare",
            ["text"] = Text,
            ["priority"] = "high",
            ["responseDueBy"] = Host.Now.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).ExpectAsync(HttpStatusCode.Created);
        var id = await PlanAsync(24);
        var reader = await Host.UserAsync(Roles.Monitor, region: "KZ-75");

        var shell = await reader.Client.GetStringAsync($"/visits/{id}?shell=true");
        Assert.Contains($"data-recommendation=\"{made.Str("id")}\"", shell, StringComparison.Ordinal);
        Assert.Contains(made.Str("number"), shell, StringComparison.Ordinal);
        Assert.DoesNotContain("Тлеубаев", shell, StringComparison.Ordinal);
        Assert.DoesNotContain(Text, shell, StringComparison.Ordinal);
        Assert.Equal((0, 1, 0), await EntriesAsync());

        // The page itself shows the recommendation whole, and logs the list it read.
        var page = await reader.Client.GetStringAsync($"/visits/{id}");
        Assert.Contains(Addressee, page, StringComparison.Ordinal);
        Assert.Contains(Text, page, StringComparison.Ordinal);
        var (lists, shells, reads) = await EntriesAsync();
        Assert.True(lists >= 1, $"{lists} visit-recommendations.list entries for the page");
        Assert.Equal((1, 1), (shells, reads));

        async Task<(int Lists, int Shells, int Reads)> EntriesAsync() => await Host.WithDbAsync(async db => (
            await db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit-recommendations.list" && e.UserId == reader.Id),
            await db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit.shell" && e.Resource == id && e.UserId == reader.Id),
            await db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit.read" && e.Resource == id && e.UserId == reader.Id)));
    }
}

public sealed class VisitShellRecommendationsOnSqlite(SqliteHost fixture) : VisitShellRecommendationsTests(fixture), IClassFixture<SqliteHost>;

public sealed class VisitShellRecommendationsOnPostgres(PostgresHost fixture) : VisitShellRecommendationsTests(fixture), IClassFixture<PostgresHost>;

public sealed class VisitShellReadOnSqlite(SqliteHost fixture) : VisitShellReadTests(fixture), IClassFixture<SqliteHost>;

public sealed class VisitShellReadOnPostgres(PostgresHost fixture) : VisitShellReadTests(fixture), IClassFixture<PostgresHost>;

public sealed class VisitPagesOnSqlite(SqliteHost fixture) : VisitPagesTests(fixture), IClassFixture<SqliteHost>;

public sealed class VisitPagesOnPostgres(PostgresHost fixture) : VisitPagesTests(fixture), IClassFixture<PostgresHost>;
