using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Tests.Cases;

namespace Aigaq.Tests.Access;

public sealed class MatrixHost() : HostFixture(DatabaseProvider.Sqlite)
{
    public ConcurrentDictionary<string, Lazy<Task<TestUser>>> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>The facility every row's detention is bound for.</summary>
    public Lazy<Task<Guid>> Facility => field ??= new(async () => (await Host.FacilityAsync(region: "KZ-75")).Id);
}

/// <summary>
/// An allow and a deny test for every endpoint and role. The expected table is written here by
/// hand from CONTRACT.md and DOMAIN.md, not read from Permissions.cs, so that the two can disagree.
/// </summary>
public sealed class PermissionMatrixTests(MatrixHost fixture) : IClassFixture<MatrixHost>
{
    private const string Region = "KZ-75";

    private static readonly string[] AllRoles =
    [
        "Administrator", "Officer", "CustodyOfficer", "Investigator", "Prosecutor", "SpecialProsecutor",
        "Defender", "Reviewer", "ProtectionOfficer", "ForensicExpert", "Monitor", "Analyst",
    ];

    private static readonly string[] ReportIntake = ["Investigator", "Prosecutor", "SpecialProsecutor", "Defender", "Monitor"];

    private static readonly string[] Complainants = ["Prosecutor", "Defender", "Reviewer", "Monitor"];

    private static readonly string[] ReadDetentions = ["Officer", "CustodyOfficer", "Investigator", "Prosecutor", "SpecialProsecutor", "Defender"];

    /// <summary>Endpoint to the roles allowed to call it.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        // CONTRACT.md: POST /api/v1/detentions (role Officer, CustodyOfficer).
        ["RegisterDetention"] = ["Officer", "CustodyOfficer"],
        // Custody officers, investigators, prosecutors and defenders within scope; officers their own.
        ["GetDetention"] = ReadDetentions,
        ["ListDetentions"] = ReadDetentions,
        // Arresting and custody officers record custody; investigators record investigative actions.
        ["RecordCustodyEvent"] = ["Officer", "CustodyOfficer", "Investigator"],
        // The supervisory prosecutor watches alerts; the special prosecutor sees them.
        ["ListAlerts"] = ["Prosecutor", "SpecialProsecutor"],
        ["AcknowledgeAlert"] = ["Prosecutor"],
        // The facility register is reference data for everyone signed in; only administrators change it.
        ["ListFacilities"] = AllRoles,
        ["CreateFacility"] = ["Administrator"],
        // Issue 4: reports are entered by prosecutors, investigators, defenders and monitors, and
        // read by them within scope; supervisory prosecutors register, requalify and decide
        // conflicts; the receiving body accepts referrals and the responsible body records stages.
        ["ReceiveReport"] = ReportIntake,
        // A reviewer also reads the reports and cases of complaints addressed to them.
        ["GetReport"] = [.. ReportIntake, "Reviewer"],
        ["ListReports"] = [.. ReportIntake, "Reviewer"],
        ["RegisterReport"] = ["Prosecutor"],
        ["RefuseReport"] = ["Prosecutor"],
        ["SuggestQualification"] = ["Prosecutor"],
        ["GetCase"] = ["Prosecutor", "SpecialProsecutor", "Investigator", "Reviewer"],
        ["RequalifyCase"] = ["Prosecutor"],
        ["DecideConflict"] = ["Prosecutor"],
        ["RecordCaseStage"] = ["Prosecutor", "SpecialProsecutor", "Investigator"],
        ["ReferralInbox"] = ["SpecialProsecutor", "Investigator"],
        ["AcceptReferral"] = ["SpecialProsecutor", "Investigator"],
        // Item 7: defenders (and prosecutors, monitors, the reviewer's own office) file complaints;
        // the independent reviewer decides them; motions are tracked by whoever records the stages.
        ["FileComplaint"] = Complainants,
        ["GetComplaint"] = Complainants,
        ["ListComplaints"] = Complainants,
        ["DecideComplaint"] = ["Reviewer"],
        ["FileMotion"] = ["Prosecutor", "SpecialProsecutor", "Investigator"],
        ["DecideMotion"] = ["Prosecutor", "SpecialProsecutor", "Investigator"],
        // Exact statistics for analysts and oversight; the public page and CSV hide small counts.
        ["StatisticsFunnel"] = ["Prosecutor", "SpecialProsecutor", "Reviewer", "Monitor", "Analyst"],
        ["StatisticsWorkload"] = ["Prosecutor", "SpecialProsecutor", "Reviewer", "Monitor", "Analyst"],
        ["StatisticsDetentions"] = ["Prosecutor", "SpecialProsecutor", "Reviewer", "Monitor", "Analyst"],
        ["StatisticsTrends"] = ["Prosecutor", "SpecialProsecutor", "Reviewer", "Monitor", "Analyst"],
        // ADR 0008: only administrators change an account's role, scope or activity, and read its changes.
        ["ChangeAccount"] = ["Administrator"],
        ["ListAccountChanges"] = ["Administrator"],
        // Issue 13, item 12 (ADR 0015): administrators ask for a role of power, and another one decides.
        ["RequestRoleGrant"] = ["Administrator"],
        ["ListRoleGrants"] = ["Administrator"],
    };

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (endpoint, allowed) in Allowed)
        {
            foreach (var role in AllRoles)
            {
                data.Add(endpoint, role, allowed.Contains(role));
            }
        }

        return data;
    }

    private AigaqHost Host => fixture.Host;

    private Task<TestUser> UserAsync(string role, Guid facilityId, string defenderEmail) =>
        fixture.Users.GetOrAdd(role, r => new Lazy<Task<TestUser>>(() => Host.UserAsync(
            r, region: r is "Defender" or "Administrator" or "Analyst" ? null : Region, facility: r == "CustodyOfficer" ? facilityId : null,
            email: r == "Defender" ? defenderEmail : null))).Value;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_endpoint_allows_exactly_the_roles_of_the_contract(string endpoint, string role, bool allowed)
    {
        var facility = await fixture.Facility.Value;
        const string defenderEmail = "matrix.defender@advokat.kz";
        var user = await UserAsync(role, facility, defenderEmail);
        var officer = role == "Officer" ? user : await UserAsync("Officer", facility, defenderEmail);
        // A detention the caller may see if their role may see any: registered by the officer,
        // bound for the custody officer's facility, in the prosecutors' region, naming the defender.
        var detention = await Host.RegisterAsync(officer, facility, change: b =>
        {
            b.Without("rightsExplainedAt");
            b["contacts"] = new JsonArray(Requests.Contact("defender", "Гульнара Сатпаева", email: defenderEmail));
        });
        var alertId = detention["alerts"].Objects().First().Str("id");

        var response = endpoint switch
        {
            "RegisterDetention" => await user.Client.PostJsonAsync(Scenario.Detentions, Requests.Detention(facility, Host.Now)),
            "GetDetention" => await user.Client.GetAsync($"{Scenario.Detentions}/{detention.Id()}"),
            "ListDetentions" => await user.Client.GetAsync(Scenario.Detentions),
            "RecordCustodyEvent" => await user.Client.PostJsonAsync($"{Scenario.Detentions}/{detention.Id()}/events", Requests.Event("defenderArrived", Host.Now)),
            "ListAlerts" => await user.Client.GetAsync("/api/v1/alerts?status=open"),
            "AcknowledgeAlert" => await user.Client.PostJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", new JsonObject { ["comment"] = "checked" }),
            "ListFacilities" => await user.Client.GetAsync("/api/v1/facilities"),
            "CreateFacility" => await user.Client.PostJsonAsync("/api/v1/facilities", new JsonObject
            {
                ["name"] = "Спецприёмник " + Guid.NewGuid().ToString("N")[..4],
                ["type"] = "specialReception",
                ["region"] = Region,
                ["agency"] = "police",
                ["address"] = "г. Алматы",
                ["acceptsMinors"] = false,
            }),
            "StatisticsFunnel" => await user.Client.GetAsync("/api/v1/statistics/funnel?year=2023"),
            "StatisticsWorkload" => await user.Client.GetAsync("/api/v1/statistics/workload"),
            "StatisticsDetentions" => await user.Client.GetAsync("/api/v1/statistics/detentions?year=2026"),
            "StatisticsTrends" => await user.Client.GetAsync("/api/v1/statistics/trends?year=2026"),
            "ChangeAccount" => await user.Client.PostJsonAsync(
                $"/api/v1/users/{(await Host.UserAsync("Officer")).Id}/changes", new JsonObject { ["region"] = "KZ-71", ["reason"] = "перевод" }),
            "ListAccountChanges" => await user.Client.GetAsync($"/api/v1/users/{officer.Id}/changes"),
            "RequestRoleGrant" => await user.Client.PostJsonAsync(
                $"/api/v1/users/{(await Host.UserAsync("Officer")).Id}/role-grants", new JsonObject { ["role"] = "Prosecutor", ["reason"] = "назначение" }),
            "ListRoleGrants" => await user.Client.GetAsync("/api/v1/role-grants?status=pending"),
            _ => await CaseEndpointAsync(endpoint, role, user),
        };

        if (allowed)
        {
            var expected = endpoint is "RegisterDetention" or "RecordCustodyEvent" or "CreateFacility" or "ReceiveReport" or "RegisterReport"
                or "RefuseReport" or "RequalifyCase" or "DecideConflict" or "RecordCaseStage" or "AcceptReferral"
                or "FileComplaint" or "DecideComplaint" or "FileMotion" or "DecideMotion" or "ChangeAccount" or "RequestRoleGrant"
                ? HttpStatusCode.Created
                : HttpStatusCode.OK;
            await response.ExpectAsync(expected);
        }
        else
        {
            await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    /// <summary>
    /// Calls a report or case endpoint on a record the caller may act on if their role may act on
    /// any: their own report, or a case routed to their body with what the call needs waiting.
    /// </summary>
    private async Task<HttpResponseMessage> CaseEndpointAsync(string endpoint, string role, TestUser user)
    {
        var prosecutor = role == "Prosecutor" ? user : await UserAsync("Prosecutor", Guid.Empty, "");
        var reporter = ReportIntake.Contains(role) ? user : prosecutor;
        var report = await reporter.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-2), Region, role == "Prosecutor" ? "police" : "military"));
        var reportUrl = $"{CaseScenario.Reports}/{report.Id()}";
        if (role == "Reviewer" && endpoint == "GetReport")
        {
            // A reviewer reads a report once a complaint about it is addressed to them.
            await prosecutor.Client.PostJsonAsync(CaseScenario.Reports + $"/{report.Id()}/refuse", new JsonObject { ["grounds"] = "нет события" });
            await FileAsync(prosecutor, new JsonObject { ["kind"] = "refusal", ["reportId"] = report.Id().ToString() });
        }

        if (endpoint is "ReceiveReport" or "GetReport" or "ListReports" or "RegisterReport" or "RefuseReport" or "SuggestQualification")
        {
            return endpoint switch
            {
                "ReceiveReport" => await user.Client.PostJsonAsync(CaseScenario.Reports, CaseScenario.Report(Host.Now, Region)),
                "GetReport" => await user.Client.GetAsync(reportUrl),
                "ListReports" => await user.Client.GetAsync(CaseScenario.Reports),
                "RegisterReport" => await user.Client.PostJsonAsync($"{reportUrl}/register", CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1)),
                "RefuseReport" => await user.Client.PostJsonAsync($"{reportUrl}/refuse", new JsonObject { ["grounds"] = "нет события" }),
                _ => await user.Client.PostJsonAsync("/api/v1/qualification/suggest", new JsonObject { ["officialCapacity"] = true, ["purposes"] = new JsonArray("punishment") }),
            };
        }

        // A special prosecutor's case (part 2) for the special prosecutor, else internal affairs' (part 1),
        // the other way round for a referral; a prosecutor's case has police alleged, so a conflict waits.
        var part = endpoint == "AcceptReferral" ? (role == "Investigator" ? 2 : 1) : (role == "SpecialProsecutor" ? 2 : 1);
        var registered = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, part));
        var caseUrl = $"/api/v1/cases/{registered.Str("caseId")}";
        var caseId = registered.Str("caseId");
        JsonObject Complaint() => new()
        {
            ["kind"] = "action",
            ["caseId"] = caseId,
            ["actor"] = "investigator",
            ["action"] = "отказ в назначении экспертизы",
        };
        switch (endpoint)
        {
            case "GetCase":
                if (role == "Reviewer")
                {
                    await FileAsync(prosecutor, Complaint());
                }

                return await user.Client.GetAsync(caseUrl);
            case "FileComplaint":
                return await user.Client.PostJsonAsync("/api/v1/complaints", Body(Complaint()));
            case "GetComplaint":
                var own = await FileAsync(Complainants.Contains(role) ? user : prosecutor, Complaint());
                return await user.Client.GetAsync($"/api/v1/complaints/{own.Id()}");
            case "ListComplaints":
                return await user.Client.GetAsync("/api/v1/complaints?status=open");
            case "DecideComplaint":
                var filed = await FileAsync(prosecutor, Complaint());
                return await user.Client.PostJsonAsync($"/api/v1/complaints/{filed.Id()}/decision",
                    new JsonObject { ["outcome"] = "dismissed", ["reasons"] = "действия следователя законны" });
            case "FileMotion":
                return await user.Client.PostJsonAsync($"{caseUrl}/motions", Motion());
            case "DecideMotion":
                var motion = await (await prosecutor.Client.PostJsonAsync($"{caseUrl}/motions", Motion())).ExpectAsync(HttpStatusCode.Created);
                return await user.Client.PostJsonAsync($"{caseUrl}/motions/{motion["motion"].Str("id")}/decision",
                    new JsonObject { ["outcome"] = "refused", ["decidedBy"] = "investigator" });
            case "RequalifyCase":
                return await user.Client.PostJsonAsync($"{caseUrl}/requalify", new JsonObject { ["part"] = 3, ["reason"] = "группой лиц" });
            case "DecideConflict":
                return await user.Client.PostJsonAsync($"{caseUrl}/conflict", new JsonObject { ["decision"] = "keep", ["reason"] = "иное подразделение" });
            case "RecordCaseStage":
                return await user.Client.PostJsonAsync($"{caseUrl}/stages", CaseScenario.Stage("suspectIdentified", Host.Now));
            case "ReferralInbox":
                return await user.Client.GetAsync("/api/v1/referrals");
            default:
                // A referral to the caller's body: part 1 (internal affairs) to 2 for the special
                // prosecutor, part 2 back to 1 for the investigator.
                var requalified = await (await prosecutor.Client.PostJsonAsync($"{caseUrl}/requalify",
                    new JsonObject { ["part"] = part == 2 ? 1 : 2, ["reason"] = "переквалификация" })).ExpectAsync(HttpStatusCode.Created);
                var referral = requalified["referral"]?["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
                return await user.Client.PostAsync($"/api/v1/referrals/{referral}/accept", null);
        }
    }

    private static JsonObject Body(JsonObject complaint)
    {
        complaint["complainant"] = "defender";
        complaint["grounds"] = "Следователь отказал в ходатайстве без мотивов.";
        return complaint;
    }

    private static async Task<JsonObject> FileAsync(TestUser user, JsonObject complaint) =>
        await (await user.Client.PostJsonAsync("/api/v1/complaints", Body(complaint))).ExpectAsync(HttpStatusCode.Created);

    private static JsonObject Motion() => new()
    {
        ["evidence"] = "протокол допроса подозреваемого от 12.03",
        ["grounds"] = "torture",
        ["filedBy"] = "defender",
    };

    [Theory]
    [InlineData("GET", "/api/v1/detentions")]
    [InlineData("GET", "/api/v1/detentions/0195a000-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/v1/detentions")]
    [InlineData("POST", "/api/v1/detentions/0195a000-0000-7000-8000-000000000000/events")]
    [InlineData("GET", "/api/v1/alerts")]
    [InlineData("POST", "/api/v1/alerts/0195a000-0000-7000-8000-000000000000/acknowledge")]
    [InlineData("GET", "/api/v1/facilities")]
    [InlineData("POST", "/api/v1/facilities")]
    [InlineData("POST", "/api/v1/reports")]
    [InlineData("GET", "/api/v1/reports")]
    [InlineData("GET", "/api/v1/reports/0195a000-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/v1/reports/0195a000-0000-7000-8000-000000000000/register")]
    [InlineData("POST", "/api/v1/reports/0195a000-0000-7000-8000-000000000000/refuse")]
    [InlineData("POST", "/api/v1/qualification/suggest")]
    [InlineData("GET", "/api/v1/cases/0195a000-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/v1/cases/0195a000-0000-7000-8000-000000000000/requalify")]
    [InlineData("POST", "/api/v1/cases/0195a000-0000-7000-8000-000000000000/conflict")]
    [InlineData("POST", "/api/v1/cases/0195a000-0000-7000-8000-000000000000/stages")]
    [InlineData("GET", "/api/v1/referrals")]
    [InlineData("POST", "/api/v1/referrals/0195a000-0000-7000-8000-000000000000/accept")]
    [InlineData("POST", "/api/v1/complaints")]
    [InlineData("GET", "/api/v1/complaints")]
    [InlineData("GET", "/api/v1/complaints/0195a000-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/v1/complaints/0195a000-0000-7000-8000-000000000000/decision")]
    [InlineData("POST", "/api/v1/cases/0195a000-0000-7000-8000-000000000000/motions")]
    [InlineData("POST", "/api/v1/cases/0195a000-0000-7000-8000-000000000000/motions/0195a000-0000-7000-8000-000000000000/decision")]
    [InlineData("GET", "/api/v1/statistics/funnel")]
    [InlineData("GET", "/api/v1/statistics/workload")]
    [InlineData("GET", "/api/v1/statistics/detentions")]
    [InlineData("GET", "/api/v1/statistics/trends")]
    [InlineData("POST", "/api/v1/users/0195a000-0000-7000-8000-000000000000/changes")]
    [InlineData("GET", "/api/v1/users/0195a000-0000-7000-8000-000000000000/changes")]
    [InlineData("POST", "/api/v1/users/0195a000-0000-7000-8000-000000000000/role-grants")]
    [InlineData("GET", "/api/v1/role-grants")]
    [InlineData("GET", "/api/v1/role-grants/0195a000-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/v1/role-grants/0195a000-0000-7000-8000-000000000000/decision")]
    public async Task Every_endpoint_but_the_public_lookup_answers_401_without_a_token(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        var response = await Host.Anonymous().SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/v1/statistics/funnel.csv?year=2023")]
    [InlineData("/api/v1/statistics/detentions.csv?year=2023")]
    public async Task The_public_statistics_exports_need_no_token(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await Host.Anonymous().GetAsync(url)).StatusCode);

    [Fact]
    public async Task The_public_lookup_needs_no_token() =>
        await (await Host.Anonymous().GetAsync("/api/v1/public/custody?lastName=A&firstName=B&birthDate=1990-01-01")).ExpectAsync(HttpStatusCode.OK);
}
