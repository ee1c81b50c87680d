using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Dashboard;
using Aigaq.Facilities;
using Aigaq.Notifications;
using Aigaq.Recommendations;
using Aigaq.TransparencyLog;
using Aigaq.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Visits;

/// <summary>An app host whose e-mail goes to a real SMTP server, on either provider.</summary>
public abstract class VisitMailHost(DatabaseProvider provider) : HostFixture(provider)
{
    public SmtpSink Smtp { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:Smtp:Host"] = "127.0.0.1",
        ["Aigaq:Smtp:Tls"] = "None",
        ["Aigaq:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aigaq:Smtp:From"] = "aigaq@test.aigaq.kz",
    };

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class VisitMailSqlite() : VisitMailHost(DatabaseProvider.Sqlite);

public sealed class VisitMailPostgres() : VisitMailHost(DatabaseProvider.Postgres);

/// <summary>
/// Monitoring visits (issue 17, items 1-4): a visit to a facility of the monitor's region with a team that has one lead,
/// checked for gender balance (a warning) and conflicts (a refusal naming the member), approved by another monitor; the
/// arrival, areas and registers as facts; an access denial raising AccessDenied, mailed at once to the region's
/// supervisory prosecutor and the Commissioner's office (the region's monitors); a facility closed to monitoring and
/// reopened as appended facts; the checklists by kind of place. Read by monitors of the region only.
/// </summary>
public abstract class VisitsTests(VisitMailHost fixture)
{
    private AigaqHost Host => fixture.Host;

    private static JsonObject Member(string name, string role, string? sex = null, string? email = null) => new()
    {
        ["name"] = name,
        ["role"] = role,
        ["sex"] = sex,
        ["email"] = email,
    };

    private JsonObject Visit(Guid facilityId, params JsonObject[] team) => new()
    {
        ["facilityId"] = facilityId.ToString(),
        ["plannedFor"] = Requests.Instant(Host.Now.AddHours(-2)),
        ["kind"] = "regular",
        ["announced"] = true,
        ["noticeGivenAt"] = Requests.Instant(Host.Now.AddDays(-3)),
        ["team"] = new JsonArray([.. team]),
    };

    [Fact]
    public async Task A_visit_is_planned_once_approved_by_another_monitor_and_read_by_monitors_of_its_region_only()
    {
        var facility = await Host.FacilityAsync(region: "KZ-75");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var key = Guid.NewGuid().ToString("N");
        var body = Visit(facility.Id, Member("Айгүл Сейтқалиева", "lead", "female"), Member("Дина Ахметова", "doctor", "female"));

        var created = await (await monitor.Client.PostJsonAsync("/api/v1/visits", body, key)).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await monitor.Client.PostJsonAsync("/api/v1/visits", body, key)).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        Assert.Equal(created.Str("id"), retry.Str("id"));
        Assert.StartsWith("V-", created.Str("number"), StringComparison.Ordinal);
        // Two women: a warning, not a refusal.
        Assert.Equal([PlanVisit.GenderUnbalanced], created["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<Visit>().CountAsync(v => v.FacilityId == facility.Id)));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == VisitLedger.VisitPlanned && e.RecordId == id)));

        var read = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("planned", read.Str("status"));
        Assert.Equal("policeHoldingCell", read["checklist"].Str("kind"));
        Assert.Equal(["lead", "doctor"], read["team"].Objects().Select(m => m.Str("role")));
        Assert.True(read["announced"]!.GetValue<bool>());
        Assert.NotNull(read["noticeGivenAt"]);

        // The planner does not approve their own team; another monitor of the region does, once.
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectProblemAsync(HttpStatusCode.Conflict);
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject { ["comment"] = "состав утверждён" })).ExpectAsync(HttpStatusCode.Created);
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectProblemAsync(HttpStatusCode.Conflict);

        // Nor does a monitor on the team approve it.
        var member = await Host.UserAsync(Roles.Monitor, region: "KZ-75");
        var second = await (await monitor.Client.PostJsonAsync("/api/v1/visits", Visit((await Host.FacilityAsync(region: "KZ-75")).Id,
            Member("Айгүл Сейтқалиева", "lead", "female"), Member("Марат Оспанов", "member", "male", member.User.Email)))).ExpectAsync(HttpStatusCode.Created);
        await (await member.Client.PostJsonAsync($"/api/v1/visits/{second.Str("id")}/approval", new JsonObject())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.False(await Host.WithDbAsync(db => db.Set<VisitApproval>().AnyAsync(a => a.VisitId == Guid.Parse(second.Str("id")))));
        read = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", read.Str("status"));
        Assert.Equal(approver.Id.ToString(), read["approval"].Str("approvedBy"));

        // Listed by facility and planned day; a bad day is named.
        var day = Host.Now.AddHours(-2).ToOffset(TimeSpan.FromHours(5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var listed = await (await monitor.Client.GetAsync($"/api/v1/visits?facilityId={facility.Id}&from={day}&to={day}")).ExpectAsync(HttpStatusCode.OK);
        var item = Assert.Single(listed["items"].Objects());
        Assert.True(item["approved"]!.GetValue<bool>());
        Assert.Null(listed["next"]);
        Assert.Empty((await (await monitor.Client.GetAsync($"/api/v1/visits?facilityId={facility.Id}&to=2020-01-01")).ExpectAsync(HttpStatusCode.OK))["items"].Objects());
        await (await monitor.Client.GetAsync("/api/v1/visits?from=yesterday")).ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
        // Days whose instant would not exist are named, not a 500.
        await (await monitor.Client.GetAsync("/api/v1/visits?from=0001-01-01")).ExpectProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await monitor.Client.GetAsync("/api/v1/visits?to=9999-12-31")).ExpectProblemAsync(HttpStatusCode.BadRequest, "to");
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "visit.read" && e.Resource == id.ToString())));

        // A monitor of another region, or of none, neither reads nor lists it; other roles may not ask.
        foreach (var stranger in new[] { await Host.UserAsync(Roles.Monitor, region: "KZ-71"), await Host.UserAsync(Roles.Monitor, region: null) })
        {
            await (await stranger.Client.GetAsync($"/api/v1/visits/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
            Assert.Empty((await (await stranger.Client.GetAsync("/api/v1/visits")).ExpectAsync(HttpStatusCode.OK))["items"].Objects());
            await (await stranger.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectProblemAsync(HttpStatusCode.NotFound);
        }

        foreach (var role in new[] { Roles.Officer, Roles.Prosecutor, Roles.Analyst })
        {
            var other = await Host.UserAsync(role, region: "KZ-75");
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PostJsonAsync("/api/v1/visits", body)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync($"/api/v1/visits/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync("/api/v1/visits")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).StatusCode);
        }
    }

    [Fact]
    public async Task Bad_input_and_a_member_from_the_agency_running_the_place_are_refused_naming_the_field_and_nothing_is_written()
    {
        var facility = await Host.FacilityAsync(region: "KZ-35", type: FacilityType.PretrialDetention, agency: Agency.Penitentiary);
        var policeCell = await Host.FacilityAsync(region: "KZ-35");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-35");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-35");
        var custody = await Host.UserAsync(Roles.CustodyOfficer, region: "KZ-35", facility: policeCell.Id);
        var defender = await Host.UserAsync(Roles.Defender, region: "KZ-35");
        JsonObject Lead() => Member("Айгүл Сейтқалиева", "lead", "female");

        async Task RefusedAsync(JsonObject body, string field, string url = "/api/v1/visits") =>
            await (await monitor.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        await RefusedAsync(Visit(Guid.NewGuid(), Lead()), "facilityId");
        await RefusedAsync(Visit((await Host.FacilityAsync(region: "KZ-71")).Id, Lead()), "facilityId");
        await RefusedAsync(Visit(facility.Id, Member("Бауыржан Оспанов", "doctor", "male")), "team");
        await RefusedAsync(Visit(facility.Id, Lead(), Member("Ержан Байжанов", "lead", "male")), "team");
        await RefusedAsync(Visit(facility.Id), "team");
        await RefusedAsync(Visit(facility.Id, Lead(), Member("", "member")), "team[1].name");
        await RefusedAsync(Visit(facility.Id, Lead()).With("announced", false), "noticeGivenAt");
        await RefusedAsync(Visit(facility.Id, Lead()).Without("plannedFor"), "plannedFor");
        // A plan is recorded before the visit, or at most a day after (visitTeams.planBackdateHours); and not years ahead.
        await RefusedAsync(Visit(facility.Id, Lead()).With("plannedFor", Requests.Instant(Host.Now.AddHours(-25))), "plannedFor");
        await RefusedAsync(Visit(facility.Id, Lead()).With("plannedFor", Requests.Instant(Host.Now.AddDays(401))), "plannedFor");

        // A police officer, and a custody officer of a police cell, on a team visiting a penitentiary remand centre: both
        // internal affairs. Each is named; a defender with an account is not in conflict.
        var conflicted = await (await monitor.Client.PostJsonAsync("/api/v1/visits", Visit(
                facility.Id, Lead(), Member("Серік Омаров", "member", "male", officer.User.Email), Member("Defender", "lawyer", "male", defender.User.Email),
                Member("Нұрлан Қасымов", "member", "male", custody.User.Email!.ToUpperInvariant()))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "team[1].email");
        var errors = conflicted["errors"]!.AsObject();
        Assert.Contains("team[3].email", errors.Select(e => e.Key));
        Assert.DoesNotContain("team[2].email", errors.Select(e => e.Key));
        Assert.Contains("Серік Омаров", errors["team[1].email"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var visit = await (await monitor.Client.PostJsonAsync("/api/v1/visits", Visit(facility.Id, Lead(), Member("Defender", "lawyer", "male", defender.User.Email))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Empty(visit["warnings"]!.AsArray());
        var id = visit.Str("id");
        var arrival = $"/api/v1/visits/{id}/arrival";
        // No arrival nor check before another monitor approves the team (visitTeams.unannouncedWithoutApproval is off).
        var now = new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddMinutes(-5)) };
        await (await monitor.Client.PostJsonAsync(arrival, now)).ExpectProblemAsync(HttpStatusCode.Conflict, "approval");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject { ["kind"] = "area", ["name"] = "ШИЗО", ["at"] = Requests.Instant(Host.Now) }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "approval");
        await (await (await Host.UserAsync(Roles.Monitor, region: "KZ-35")).Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        await RefusedAsync([], "arrivedAt", arrival);
        await RefusedAsync(new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddHours(-25)) }, "arrivedAt", arrival);
        await RefusedAsync(new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddHours(2)) }, "arrivedAt", arrival);
        await RefusedAsync(new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddMinutes(-5)), ["admittedAt"] = Requests.Instant(Host.Now.AddMinutes(-9)) }, "admittedAt", arrival);
        var denials = $"/api/v1/visits/{id}/access-denials";
        var denial = new JsonObject { ["at"] = Requests.Instant(Host.Now.AddMinutes(-1)), ["what"] = "register", ["by"] = "начальник смены" };
        await RefusedAsync(denial.DeepClone().AsObject().Without("what"), "what", denials);
        await RefusedAsync(denial.DeepClone().AsObject().Without("by"), "by", denials);
        await RefusedAsync(denial.DeepClone().AsObject().With("minutes", -1), "minutes", denials);
        await RefusedAsync(denial.DeepClone().AsObject().With("minutes", 10081), "minutes", denials);
        await RefusedAsync(denial.DeepClone().AsObject().With("at", Requests.Instant(Host.Now.AddHours(-25))), "at", denials);
        await RefusedAsync(new JsonObject { ["name"] = "ШИЗО", ["at"] = Requests.Instant(Host.Now) }, "kind", $"/api/v1/visits/{id}/checks");

        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<Visit>().CountAsync(v => v.Region == "KZ-35")));
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccessDenial>().CountAsync(d => d.Region == "KZ-35")));
        // One entry of the area's kinds: the visit planned; none for anything refused.
        var ids = await Host.WithDbAsync(db => db.Set<Visit>().Where(v => v.Region == "KZ-35").Select(v => v.Id).ToListAsync());
        Assert.Equal([VisitLedger.VisitPlanned], await Host.WithDbAsync(db => db.Set<LedgerEntry>()
            .Where(e => e.Kind.StartsWith("visit.") && (ids.Contains(e.RecordId) || db.Set<VisitCheck>().Any(c => c.Id == e.RecordId && ids.Contains(c.VisitId))
                || db.Set<VisitArrival>().Any(a => a.Id == e.RecordId && ids.Contains(a.VisitId)) || db.Set<AccessDenial>().Any(d => d.Id == e.RecordId && ids.Contains(d.VisitId))))
            .Select(e => e.Kind).ToListAsync()));
    }

    [Fact]
    public async Task An_access_denial_raises_AccessDenied_mailed_at_once_to_the_prosecutor_and_the_commissioners_office()
    {
        var facility = await Host.FacilityAsync(region: "KZ-63", name: "ИВС ДП ВКО");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-63", language: "ru");
        var commissioner = await Host.UserAsync(Roles.Monitor, region: "KZ-63", language: "en");
        var elsewhere = await Host.UserAsync(Roles.Prosecutor, region: "KZ-61");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-63", language: "kk");
        var visit = await (await monitor.Client.PostJsonAsync("/api/v1/visits", Visit(facility.Id, Member("Айгүл Сейтқалиева", "lead", "female"), Member("Ержан Байжанов", "lawyer", "male"))))
            .ExpectAsync(HttpStatusCode.Created);
        var id = visit.Str("id");
        await (await commissioner.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);

        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject
        {
            ["arrivedAt"] = Requests.Instant(Host.Now.AddMinutes(-50)),
            ["admittedAt"] = Requests.Instant(Host.Now.AddMinutes(-35)),
        })).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now) }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        // Nothing was seen or refused before the team arrived.
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject { ["kind"] = "area", ["name"] = "Камеры 1-6", ["at"] = Requests.Instant(Host.Now.AddMinutes(-55)) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", new JsonObject { ["at"] = Requests.Instant(Host.Now.AddMinutes(-55)), ["what"] = "facility", ["by"] = "дежурный" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject { ["kind"] = "area", ["name"] = "Камеры 1-6", ["at"] = Requests.Instant(Host.Now.AddMinutes(-30)) }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject { ["kind"] = "register", ["name"] = "Книга учёта задержанных", ["at"] = Requests.Instant(Host.Now.AddMinutes(-20)), ["note"] = "записи с исправлениями" }))
            .ExpectAsync(HttpStatusCode.Created);

        var key = Guid.NewGuid().ToString("N");
        var body = new JsonObject
        {
            ["at"] = Requests.Instant(Host.Now.AddMinutes(-10)),
            ["what"] = "privateInterview",
            ["by"] = "подполковник Жумабеков",
            ["reason"] = "нет приказа",
            ["minutes"] = 40,
        };
        var denied = await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", body, key)).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", body, key)).ExpectAsync(HttpStatusCode.Created);
        var alertId = Guid.Parse(denied.Str("alertId"));
        var alert = await Host.WithDbAsync(db => db.Set<Alert>().AsNoTracking().SingleAsync(a => a.Code == AlertCodes.AccessDenied && a.Key.EndsWith(":" + id)));
        Assert.Equal(alertId, alert.Id);
        Assert.Equal("KZ-63", alert.Region);
        Assert.DoesNotContain("Жумабеков", alert.Detail, StringComparison.Ordinal);

        var read = await (await monitor.Client.GetAsync($"/api/v1/visits/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("inProgress", read.Str("status"));
        Assert.Equal(["area", "register"], read["checks"].Objects().Select(c => c.Str("kind")));
        Assert.Equal("privateInterview", Assert.Single(read["accessDenials"].Objects()).Str("what"));
        Assert.Equal("critical", Assert.Single(read["alerts"].Objects()).Str("severity"));
        var alerts = await (await prosecutor.Client.GetAsync("/api/v1/alerts?status=open&region=KZ-63")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(alerts["items"].Objects(), a => a.Str("id") == alertId.ToString() && a.Str("code") == AlertCodes.AccessDenied);

        // At once: the alert messages queue one e-mail per recipient of the region, and the dispatcher sends them.
        Assert.True(await Host.Services.GetRequiredService<AlertMessages>().RunOnceAsync(CancellationToken.None) >= 3);
        var queued = await Host.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.AlertId == alertId).ToListAsync());
        Assert.Equal(
            [("commissioner", commissioner.User.Email!), ("commissioner", monitor.User.Email!), ("prosecutor", prosecutor.User.Email!)],
            queued.Select(n => (n.Role, n.Address)).OrderBy(n => n.Role, StringComparer.Ordinal).ThenBy(n => n.Address, StringComparer.Ordinal));
        await Host.Dispatcher.RunOnceAsync(CancellationToken.None);
        var mail = Assert.Single(fixture.Smtp.To(prosecutor.User.Email!));
        Assert.Contains("Отказ в доступе мониторинговой группе", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(visit.Str("number"), mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Жумабеков", mail.Subject + mail.TextBody, StringComparison.Ordinal);
        var english = Assert.Single(fixture.Smtp.To(commissioner.User.Email!));
        Assert.Contains("Access denied to monitors", english.Subject, StringComparison.Ordinal);
        Assert.Empty(fixture.Smtp.To(elsewhere.User.Email!));

        // The facility's profile: the last visit made and the denial.
        // Which visit it was is the region's monitors' to read; the prosecutor sees when, not which.
        var profile = await (await monitor.Client.GetAsync($"/api/v1/facilities/{facility.Id}/monitoring")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, profile["lastVisit"].Str("id"));
        Assert.Equal(1, profile["accessDenials"]!.GetValue<int>());
        var prosecutors = await (await prosecutor.Client.GetAsync($"/api/v1/facilities/{facility.Id}/monitoring")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(prosecutors["lastVisit"]!["id"]);
        Assert.Null(prosecutors["lastVisit"]!["number"]);
        Assert.Equal(profile["lastVisit"]!["arrivedAt"]!.ToJsonString(), prosecutors["lastVisit"]!["arrivedAt"]!.ToJsonString());
        Assert.Equal(1, prosecutors["accessDenials"]!.GetValue<int>());
        // Another region's prosecutor does not find it.
        await (await elsewhere.Client.GetAsync($"/api/v1/facilities/{facility.Id}/monitoring")).ExpectProblemAsync(HttpStatusCode.NotFound);

        // Not another region's monitor; never a police role.
        await (await (await Host.UserAsync(Roles.Monitor, region: "KZ-61")).Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", body))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-63");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject())).StatusCode);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessDenial>().CountAsync(d => d.VisitId == Guid.Parse(id))));

        // As indicators of UN recommendations (ADR 0031): the region's one facility visited once, one denial; none a year before.
        await using var scope = Host.Services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<IndicatorCatalogue>();
        Assert.Equal(IndicatorValue.Count(1), await catalogue.Find("accessDenials")!.OfAsync(2026, "KZ-63", CancellationToken.None));
        Assert.Equal(IndicatorValue.Rate(1, 1), await catalogue.Find("visitsPerFacility")!.OfAsync(2026, "KZ-63", CancellationToken.None));
        Assert.Equal(IndicatorValue.Count(0), await catalogue.Find("accessDenials")!.OfAsync(2025, "KZ-63", CancellationToken.None));
        Assert.Equal(0, (await catalogue.Find("visitsPerFacility")!.OfAsync(2025, "KZ-63", CancellationToken.None)).Part);
    }

    [Fact]
    public async Task Two_approvals_arrivals_or_closings_sent_at_once_store_one()
    {
        var facility = await Host.FacilityAsync(region: "KZ-47");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-47");
        var first = await Host.UserAsync(Roles.Monitor, region: "KZ-47");
        var second = await Host.UserAsync(Roles.Monitor, region: "KZ-47");
        var id = Guid.Parse((await (await monitor.Client.PostJsonAsync("/api/v1/visits", Visit(facility.Id, Member("Айгүл Сейтқалиева", "lead", "female"), Member("Ержан Байжанов", "lawyer", "male"))))
            .ExpectAsync(HttpStatusCode.Created)).Str("id"));

        // A refusal at the gate is recorded before the team is approved, and a check waits for the arrival.
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/access-denials", new JsonObject { ["at"] = Requests.Instant(Host.Now), ["what"] = "facility", ["by"] = "дежурный" }))
            .ExpectAsync(HttpStatusCode.Created);

        static async Task OneStoredAsync(HttpStatusCode refused, params Task<HttpResponseMessage>[] sent) =>
            Assert.Equal([HttpStatusCode.Created, refused], (await Task.WhenAll(sent)).Select(r => r.StatusCode).Order());

        await OneStoredAsync(
            HttpStatusCode.Conflict,
            first.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject { ["comment"] = "первый" }),
            second.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject { ["comment"] = "второй" }));
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/checks", new JsonObject { ["kind"] = "area", ["name"] = "ШИЗО", ["at"] = Requests.Instant(Host.Now) }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "arrival");
        await OneStoredAsync(
            HttpStatusCode.Conflict,
            monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddMinutes(-30)) }),
            first.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddMinutes(-20)) }));
        // Two closings at once: the second reads the first and is told the place is already closed.
        var url = $"/api/v1/facilities/{facility.Id}/monitoring";
        await OneStoredAsync(
            HttpStatusCode.BadRequest,
            monitor.Client.PostJsonAsync(url, new JsonObject { ["closedToMonitoring"] = true, ["reason"] = "ремонт" }),
            first.Client.PostJsonAsync(url, new JsonObject { ["closedToMonitoring"] = true, ["reason"] = "карантин" }));

        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<VisitApproval>().CountAsync(a => a.VisitId == id)));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<VisitArrival>().CountAsync(a => a.VisitId == id)));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<FacilityMonitoringChange>().CountAsync(c => c.FacilityId == facility.Id)));
    }

    [Fact]
    public async Task A_facility_is_closed_to_monitoring_and_reopened_by_appended_facts_and_checklists_are_given_by_kind_of_place()
    {
        var guardhouse = await Host.FacilityAsync(region: "KZ-19", type: FacilityType.MilitaryGuardhouse, agency: Agency.Military);
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-19");
        var url = $"/api/v1/facilities/{guardhouse.Id}/monitoring";
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["capacity"] = 12, ["reason"] = "по паспорту учреждения" })).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["closedToMonitoring"] = true, ["reason"] = "Министерство обороны не допускает НПМ" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["closedToMonitoring"] = true, ["reason"] = "снова" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "closedToMonitoring");
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["closedToMonitoring"] = false })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["reason"] = "ничего" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "closedToMonitoring");
        await (await monitor.Client.PostJsonAsync(url, new JsonObject { ["capacity"] = -1, ["reason"] = "ошибка" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "capacity");

        var profile = await (await monitor.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(profile["closedToMonitoring"]!.GetValue<bool>());
        Assert.Equal("Министерство обороны не допускает НПМ", profile.Str("closedReason"));
        Assert.Equal(12, profile["capacity"]!.GetValue<int>());
        Assert.Null(profile["lastVisit"]);

        // A visit planned there is told the place is closed (a warning: the team may still go and record the denial).
        var visit = await (await monitor.Client.PostJsonAsync("/api/v1/visits", Visit(guardhouse.Id, Member("Айгүл Сейтқалиева", "lead", "female"), Member("Ержан Байжанов", "member", "male"))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([PlanVisit.FacilityClosed], visit["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));

        // Reopened by a new fact; the history keeps all three, in order.
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        await (await admin.Client.PostJsonAsync(url, new JsonObject { ["closedToMonitoring"] = false, ["reason"] = "приказ о допуске НПМ" })).ExpectAsync(HttpStatusCode.Created);
        profile = await (await (await Host.UserAsync(Roles.Analyst, region: null)).Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(profile["closedToMonitoring"]!.GetValue<bool>());
        Assert.Null(profile["closedReason"]);
        Assert.Equal(3, profile["history"]!.AsArray().Count);
        // The reasons and who recorded them (free text, user ids) are the region's monitors' only.
        Assert.All(profile["history"]!.AsArray(), h => Assert.Null(h!["reason"]));
        Assert.All(profile["history"]!.AsArray(), h => Assert.Null(h!["recordedBy"]));
        var monitors = await (await monitor.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("приказ о допуске НПМ", monitors["history"]![2].Str("reason"));
        await (await (await Host.UserAsync(Roles.Monitor, region: "KZ-75")).Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var changes = await Host.WithDbAsync(db => db.Set<FacilityMonitoringChange>().Where(c => c.FacilityId == guardhouse.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal(3, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == VisitLedger.MonitoringProfile && changes.Contains(e.RecordId))));

        // A monitor of another region does not keep this profile; police roles neither keep nor read it.
        await (await (await Host.UserAsync(Roles.Monitor, region: "KZ-75")).Client.PostJsonAsync(url, new JsonObject { ["capacity"] = 1, ["reason"] = "x" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-19");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.PostJsonAsync(url, new JsonObject { ["capacity"] = 1, ["reason"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync(url)).StatusCode);
        await (await monitor.Client.GetAsync($"/api/v1/facilities/{Guid.NewGuid()}/monitoring")).ExpectProblemAsync(HttpStatusCode.NotFound);

        // The checklist of the kind of place, the version in force marked; an unknown kind is named; police may not ask.
        var lists = await (await monitor.Client.GetAsync("/api/v1/checklists?facilityType=militaryGuardhouse")).ExpectAsync(HttpStatusCode.OK);
        var checklist = Assert.Single(lists["items"].Objects(), c => c["inForce"]!.GetValue<bool>());
        Assert.Equal("militaryGuardhouse", checklist.Str("kind"));
        Assert.NotEmpty(checklist["themes"].Objects().SelectMany(t => t["items"].Objects()));
        Assert.All(lists["items"].Objects(), c => Assert.Equal("militaryGuardhouse", c.Str("kind")));
        var all = await (await admin.Client.GetAsync("/api/v1/checklists")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(all["items"].Objects(), c => c.Str("kind") == "socialCareHome");
        await (await monitor.Client.GetAsync("/api/v1/checklists?facilityType=prison")).ExpectProblemAsync(HttpStatusCode.BadRequest, "facilityType");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync("/api/v1/checklists")).StatusCode);
    }
}

public sealed class VisitsOnSqlite(VisitMailSqlite fixture) : VisitsTests(fixture), IClassFixture<VisitMailSqlite>;

public sealed class VisitsOnPostgres(VisitMailPostgres fixture) : VisitsTests(fixture), IClassFixture<VisitMailPostgres>;
