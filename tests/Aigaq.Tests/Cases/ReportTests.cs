using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Cases;

/// <summary>Intake, the registration deadline, registration and refusal of reports (issue 4, items 1-2).</summary>
public abstract class ReportTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_received_report_gets_a_number_and_a_registration_deadline_from_the_rule_pack()
    {
        var defender = await Host.UserAsync(Roles.Defender, region: null);
        var receivedAt = Host.Now.AddHours(-3);

        var created = await defender.ReceiveAsync(CaseScenario.Report(receivedAt));

        Assert.StartsWith("R75-", created.Str("number"), StringComparison.Ordinal);
        Assert.Equal("received", created.Str("status"));
        // kz-2024-03-01: reports.registrationWithinHours = 24.
        Assert.Equal(receivedAt.AddHours(24), DateTimeOffset.Parse(created.Str("registrationDueBy"), System.Globalization.CultureInfo.InvariantCulture));
        var read = await defender.GetReportAsync(created.Id());
        Assert.Equal("police", read["alleged"].Objects().Single().Str("agency"));
        Assert.Equal("Серикбаев", read["victims"].Objects().Single().Str("lastName"));
        var logged = await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.RecordId == created.Id() && e.Kind == CaseLedger.ReportReceived));
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task An_anonymous_report_is_marked_so()
    {
        var monitor = await Host.UserAsync(Roles.Monitor);
        var body = CaseScenario.Report(Host.Now.AddHours(-1));
        body["source"] = "anonymous";
        body.Remove("victims");

        var created = await monitor.ReceiveAsync(body);

        Assert.True(created["anonymous"]!.GetValue<bool>());
        Assert.Empty(created["victims"].Objects());
    }

    [Theory]
    [InlineData("receivedAt", null, "receivedAt")]
    [InlineData("source", "rumour", null)]
    [InlineData("narrative", "", "narrative")]
    [InlineData("region", "KZ-99", "region")]
    [InlineData("alleged", "[{\"unit\":\"ОП\"}]", "alleged[0].agency")]
    [InlineData("victims", "[{\"iin\":\"123\"}]", "victims[0].iin")]
    [InlineData("facilityId", "0195a000-0000-7000-8000-000000000000", "facilityId")]
    public async Task A_bad_report_is_refused_naming_the_field_and_nothing_is_written(string field, string? value, string? named)
    {
        var defender = await Host.UserAsync(Roles.Defender, region: null);
        var body = CaseScenario.Report(Host.Now.AddHours(-1));
        if (value is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = value.StartsWith('[') ? JsonNode.Parse(value) : value;
        }

        var before = await Host.CountAsync<Report>();

        var response = await defender.Client.PostJsonAsync(CaseScenario.Reports, body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, named);
        Assert.Equal(before, await Host.CountAsync<Report>());
    }

    [Fact]
    public async Task A_report_in_the_future_is_refused()
    {
        var defender = await Host.UserAsync(Roles.Defender, region: null);

        var response = await defender.Client.PostJsonAsync(CaseScenario.Reports, CaseScenario.Report(Host.Now.AddHours(2)));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "receivedAt");
    }

    [Fact]
    public async Task Injuries_found_in_custody_and_a_complaint_become_reports_linked_to_the_detention_by_themselves()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, facility: facility.Id);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var detention = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-2));
        var url = $"{Scenario.Detentions}/{detention.Id()}/events";

        await (await custody.Client.PostJsonAsync(url, Requests.Event("medicalExamination", Host.Now.AddMinutes(-30), ("injuriesFound", false)))).ExpectAsync(HttpStatusCode.Created);
        await (await custody.Client.PostJsonAsync(url, Requests.Event("medicalExamination", Host.Now.AddMinutes(-20), ("injuriesFound", true), ("note", "ссадины запястий")))).ExpectAsync(HttpStatusCode.Created);
        await (await custody.Client.PostJsonAsync(url, Requests.Event("illTreatmentComplaint", Host.Now.AddMinutes(-10), ("by", "задержанный")))).ExpectAsync(HttpStatusCode.Created);

        var list = await (await prosecutor.Client.GetAsync($"{CaseScenario.Reports}?detentionId={detention.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var sources = list["items"].Objects().Select(r => r.Str("source")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["detaineeComplaint", "medical"], sources);
        var medical = await prosecutor.GetReportAsync(Guid.Parse(list["items"].Objects().Single(r => r.Str("source") == "medical").Str("id")));
        Assert.Equal("ссадины запястий", medical.Str("injuries"));
        // The narrative the report was made with is in Kazakh and Russian, with the detention's number and the note.
        var number = detention.Str("number");
        Assert.Equal(
            $"Қамауда медициналық куәландыру кезінде дене жарақаттары анықталды (ұстау {number}). "
                + $"При медицинском освидетельствовании под стражей выявлены телесные повреждения (задержание {number}). ссадины запястий",
            medical.Str("narrative"));
        Assert.Equal("Ахметов", medical["victims"].Objects().Single().Str("lastName"));
        // The holding cell is a police facility: police are alleged, which matters for routing.
        Assert.Contains("police", medical["alleged"].Objects().Select(a => a.Str("agency")));
    }

    [Fact]
    public async Task A_report_not_decided_by_its_deadline_raises_RegistrationOverdue_to_the_region_once()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var decided = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-30)));
        await prosecutor.RegisterReportAsync(decided.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now.AddHours(-1), 1));
        var waiting = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-25)));
        var fresh = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));

        await Host.CaseScanAsync();
        await Host.CaseScanAsync();

        Assert.Equal([AlertCodes.RegistrationOverdue], (await prosecutor.GetReportAsync(waiting.Id()))["alerts"].Codes());
        Assert.Empty((await prosecutor.GetReportAsync(decided.Id()))["alerts"].Codes());
        Assert.Empty((await prosecutor.GetReportAsync(fresh.Id()))["alerts"].Codes());
        var alerts = await (await prosecutor.Client.GetAsync("/api/v1/alerts?status=open")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(alerts["items"].Objects(), a => a.Str("code") == AlertCodes.RegistrationOverdue && a.Str("reportId") == waiting.Str("id"));
    }

    [Fact]
    public async Task Registering_opens_a_case_and_a_second_registration_is_refused()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3)));
        var erdr = CaseScenario.Erdr();

        var registered = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(erdr, Host.Now.AddHours(-1), 2));
        var again = await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/register", CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 2));
        var refusal = await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/refuse", new JsonObject { ["grounds"] = "нет состава" });

        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
        await refusal.ExpectProblemAsync(HttpStatusCode.Conflict);
        var read = await prosecutor.GetReportAsync(report.Id());
        Assert.Equal("registered", read.Str("status"));
        Assert.Equal(registered.Str("caseId"), read.Str("caseId"));
        Assert.Single(read["decisions"].Objects());
        var c = await prosecutor.GetCaseAsync(Guid.Parse(registered.Str("caseId")));
        Assert.Equal(erdr, c.Str("erdrNumber"));
        Assert.Equal(2, c["part"]!.GetValue<int>());
        Assert.Equal("specialProsecutor", c["responsibleBody"].Str("kind"));
    }

    [Theory]
    [InlineData("part", 5, "part")]
    [InlineData("part", 0, "part")]
    [InlineData("erdrNumber", "", "erdrNumber")]
    [InlineData("registeredAt", null, "registeredAt")]
    public async Task A_bad_registration_is_refused_naming_the_field_and_the_report_still_waits(string field, object? value, string named)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3)));
        var body = CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1);
        body[field] = value switch { null => null, int i => i, _ => value.ToString() };
        var cases = await Host.CountAsync<Case>();

        var response = await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/register", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, named);
        Assert.Equal("received", (await prosecutor.GetReportAsync(report.Id())).Str("status"));
        Assert.Equal(cases, await Host.CountAsync<Case>());
    }

    [Fact]
    public async Task The_same_ERDR_number_cannot_open_two_cases()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var first = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3)));
        var second = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3)));
        var erdr = CaseScenario.Erdr();
        await prosecutor.RegisterReportAsync(first.Id(), CaseScenario.Registration(erdr, Host.Now, 1));

        var response = await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{second.Id()}/register", CaseScenario.Registration(erdr, Host.Now, 1));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "erdrNumber");
    }

    [Fact]
    public async Task A_refusal_needs_grounds_and_is_kept_with_them()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3)));

        var without = await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/refuse", new JsonObject());
        await without.ExpectProblemAsync(HttpStatusCode.BadRequest, "grounds");
        await (await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/refuse", new JsonObject { ["grounds"] = "событие не подтвердилось" }))
            .ExpectAsync(HttpStatusCode.Created);

        var read = await prosecutor.GetReportAsync(report.Id());
        Assert.Equal("refused", read.Str("status"));
        Assert.Equal("событие не подтвердилось", read["decisions"].Objects().Single().Str("reason"));
    }

    [Fact]
    public async Task The_aid_suggestion_is_recorded_and_a_different_part_needs_a_reason()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-3)));
        var body = CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1);
        body["qualification"] = new JsonObject { ["officialCapacity"] = true, ["purposes"] = new JsonArray("confession"), ["aggravating"] = new JsonArray() };

        var withoutReason = await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/register", body);
        await withoutReason.ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");

        body["part"] = 2;
        var registered = await prosecutor.RegisterReportAsync(report.Id(), body);

        Assert.Equal(2, registered["suggestion"]!["part"]!.GetValue<int>());
        var c = await prosecutor.GetCaseAsync(Guid.Parse(registered.Str("caseId")));
        var qualified = c["history"].Objects().Single(e => e.Str("type") == "qualified");
        Assert.Equal(2, qualified["fields"]!["suggestion"]!["part"]!.GetValue<int>());
    }
}

public sealed class ReportsOnSqlite(SqliteHost fixture) : ReportTests(fixture), IClassFixture<SqliteHost>;

public sealed class ReportsOnPostgres(PostgresHost fixture) : ReportTests(fixture), IClassFixture<PostgresHost>;
