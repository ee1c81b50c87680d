using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Rules;
using Aigaq.Tests.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Review;

/// <summary>Independent review (issue 4, item 7): complaints to the configured reviewer, refusals challenged, motions tracked.</summary>
public abstract partial class ReviewTests(HostFixture fixture)
{
    private const string Complaints = "/api/v1/complaints";

    private AigaqHost Host => fixture.Host;

    private RulePack Pack => Host.Services.GetRequiredService<RulePackCatalog>().At(Host.Now);

    private async Task<(TestUser Prosecutor, JsonObject Report, Guid CaseId, string Erdr)> CaseAsync(int part, string region = "KZ-75")
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: region);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-5), region, "military"));
        var erdr = CaseScenario.Erdr();
        var registered = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(erdr, Host.Now.AddHours(-4), part));
        return (prosecutor, report, Guid.Parse(registered.Str("caseId")), erdr);
    }

    /// <summary>A report received (by the prosecutor, or by <paramref name="receivedBy"/>) and refused by the region's prosecutor.</summary>
    private async Task<(TestUser Prosecutor, JsonObject Report)> RefusedAsync(string region = "KZ-75", TestUser? receivedBy = null)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: region);
        var report = await (receivedBy ?? prosecutor).ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-20), region));
        await (await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/refuse", new JsonObject { ["grounds"] = "отсутствие события" }))
            .ExpectAsync(HttpStatusCode.Created);
        return (prosecutor, report);
    }

    private static JsonObject Complaint(params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject
        {
            ["kind"] = "action",
            ["actor"] = "investigator",
            ["action"] = "отказ в проведении судебно-медицинской экспертизы",
            ["grounds"] = "Следователь отказал без мотивов; следы побоев исчезают.",
            ["complainant"] = "defender",
        };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return body;
    }

    private static async Task<JsonObject> FileAsync(TestUser user, JsonObject body) =>
        await (await user.Client.PostJsonAsync(Complaints, body)).ExpectAsync(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> Decide(TestUser reviewer, string complaintId, string outcome, DateTimeOffset? at = null)
    {
        var body = new JsonObject { ["outcome"] = outcome, ["reasons"] = "Доводы жалобы подтверждены материалами." };
        if (at is { } decidedAt)
        {
            body["decidedAt"] = Requests.Instant(decidedAt);
        }

        return reviewer.Client.PostJsonAsync($"{Complaints}/{complaintId}/decision", body);
    }

    [Fact]
    public async Task A_complaint_about_the_investigator_goes_to_the_regional_investigating_judge_with_the_packs_deadline()
    {
        var (_, _, caseId, erdr) = await CaseAsync(1);
        var defender = await Host.UserAsync(Roles.Defender, region: null);
        var receivedAt = Host.Now.AddHours(-1);

        // The defender cannot read the case but knows its ERDR number.
        await (await defender.Client.GetAsync($"/api/v1/cases/{caseId}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var complaint = await FileAsync(defender, Complaint(("erdrNumber", erdr), ("receivedAt", Requests.Instant(receivedAt))));

        Assert.Equal("internalAffairs", complaint.Str("body"));
        Assert.Equal("investigatingJudge", complaint["reviewer"].Str("kind"));
        Assert.Equal("KZ-75", complaint["reviewer"].Str("region"));
        Assert.Equal(caseId.ToString(), complaint.Str("caseId"));
        Assert.Equal("open", complaint.Str("status"));
        Assert.Equal(receivedAt.AddHours(Pack.Cases.ReviewWithinHours), complaint["dueBy"]!.GetValue<DateTimeOffset>());
        Assert.StartsWith("C75-", complaint.Str("number"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_and_the_page_reach_every_complaint_once_open_first_then_oldest_first()
    {
        // A region of its own, so that the reviewer's inbox holds only these: more than a page, received out of the
        // order they are filed in, several at the same instant, some decided.
        const string region = "KZ-59";
        var (prosecutor, _, caseId, _) = await CaseAsync(1, region);
        var reviewer = await Host.UserAsync(Roles.Reviewer, region: region);
        var filed = new List<(string Id, DateTimeOffset ReceivedAt)>();
        for (var i = 0; i < GetComplaint.PageSize + 6; i++)
        {
            var receivedAt = Host.Now.AddHours(-2).AddMinutes(-(i * 7 % 11));
            var c = await FileAsync(prosecutor, Complaint(("caseId", caseId.ToString()), ("receivedAt", Requests.Instant(receivedAt))));
            filed.Add((c.Str("id"), receivedAt));
        }

        var decided = filed.Where((_, i) => i % 8 == 3).Select(f => f.Id).ToHashSet();
        foreach (var id in decided)
        {
            await (await Decide(reviewer, id, "dismissed")).ExpectAsync(HttpStatusCode.Created);
        }

        var expected = filed.Select((f, i) => (f.Id, f.ReceivedAt, Filed: i))
            .OrderBy(f => decided.Contains(f.Id) ? 1 : 0).ThenBy(f => f.ReceivedAt).ThenBy(f => f.Filed).Select(f => f.Id).ToList();

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = JsonNode.Parse(await reviewer.Client.GetStringAsync(cursor is null ? Complaints : $"{Complaints}?cursor={Uri.EscapeDataString(cursor)}"))!;
            seen.AddRange(page["items"]!.AsArray().Objects().Select(c => c.Str("id")));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
        Assert.Equal(2, pages);

        // The page: each list a page at a time, the other list's place kept in the link.
        var open = expected.Where(id => !decided.Contains(id)).ToList();
        var shown = new List<string>();
        string? url = "/complaints";
        while (url is not null)
        {
            var html = await reviewer.Client.GetStringAsync(url);
            var list = html[html.IndexOf("id=\"complaints-open\"", StringComparison.Ordinal)..html.IndexOf("</ul>", html.IndexOf("id=\"complaints-open\"", StringComparison.Ordinal), StringComparison.Ordinal)];
            shown.AddRange(ComplaintRow().Matches(list).Select(m => m.Groups[1].Value));
            Assert.Contains("id=\"complaints-decided\"", html, StringComparison.Ordinal);
            var more = MoreOpen().Match(html);
            url = more.Success ? WebUtility.HtmlDecode(more.Groups[1].Value) : null;
        }

        Assert.Equal(open, shown);
    }

    [Theory]
    [InlineData("/api/v1/complaints?cursor=abc", "cursor")]
    [InlineData("/api/v1/complaints?cursor=7.1.1", "cursor")]
    [InlineData("/complaints?open=abc", "open")]
    [InlineData("/complaints?decided=0.-1.2", "decided")]
    public async Task A_cursor_the_list_did_not_give_is_refused_naming_it(string url, string field)
    {
        var reviewer = await Host.UserAsync(Roles.Reviewer);

        await (await reviewer.Client.GetAsync(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_complaint_naming_a_registered_report_is_about_the_case_it_opened()
    {
        var (prosecutor, report, caseId, _) = await CaseAsync(2);

        var complaint = await FileAsync(prosecutor, Complaint(("reportNumber", report.Str("number"))));

        Assert.Equal(caseId.ToString(), complaint.Str("caseId"));
        // The investigator of a torture case is the special prosecutor's.
        Assert.Equal("specialProsecutor", complaint.Str("body"));
        Assert.Single((await prosecutor.GetCaseAsync(caseId))["complaints"].Objects());
    }

    [Fact]
    public async Task The_reviewer_reads_the_case_of_a_complaint_addressed_to_them_and_nothing_else()
    {
        var (_, _, caseId, _) = await CaseAsync(1);
        var (_, _, otherCase, _) = await CaseAsync(1);
        var (_, _, elsewhere, elsewhereErdr) = await CaseAsync(1, "KZ-71");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var reviewer = await Host.UserAsync(Roles.Reviewer);
        var complaint = await FileAsync(prosecutor, Complaint(("caseId", caseId.ToString())));
        var astana = await FileAsync(await Host.UserAsync(Roles.Defender, region: null), Complaint(("erdrNumber", elsewhereErdr)));

        var read = await reviewer.GetCaseAsync(caseId);
        Assert.Equal([complaint.Str("id")], read["complaints"].Objects().Select(c => c.Str("id")));
        await (await reviewer.Client.GetAsync($"/api/v1/cases/{otherCase}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        // Astana's complaint is for Astana's investigating judge.
        await (await reviewer.Client.GetAsync($"/api/v1/cases/{elsewhere}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await reviewer.Client.GetAsync($"{Complaints}/{astana.Str("id")}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Decide(reviewer, astana.Str("id"), "upheld")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var inbox = JsonNode.Parse(await reviewer.Client.GetStringAsync($"{Complaints}?status=open"))!["items"]!.AsArray().Objects().ToList();
        Assert.Contains(complaint.Str("id"), inbox.Select(c => c.Str("id")));
        Assert.DoesNotContain(astana.Str("id"), inbox.Select(c => c.Str("id")));
    }

    [Fact]
    public async Task An_upheld_challenge_overturns_the_refusal_and_the_report_waits_again_with_a_new_deadline()
    {
        // The defender who brought the report challenges its refusal.
        var defender = await Host.UserAsync(Roles.Defender, region: null);
        var (prosecutor, report) = await RefusedAsync(receivedBy: defender);
        var reviewer = await Host.UserAsync(Roles.Reviewer);

        var challenge = await FileAsync(defender, new JsonObject
        {
            ["kind"] = "refusal",
            ["reportNumber"] = report.Str("number"),
            ["receivedAt"] = Requests.Instant(Host.Now.AddHours(-1)),
            ["grounds"] = "Побои подтверждены медицинской справкой; отказ немотивирован.",
            ["complainant"] = "victim",
        });
        Assert.Equal("supervisoryProsecutor", challenge.Str("body"));
        var second = await defender.Client.PostJsonAsync(Complaints, new JsonObject
        {
            ["kind"] = "refusal",
            ["reportId"] = report.Str("id"),
            ["grounds"] = "повторно",
            ["complainant"] = "victim",
        });
        await second.ExpectProblemAsync(HttpStatusCode.Conflict);

        var decidedAt = Host.Now.AddMinutes(-10);
        var decided = await (await Decide(reviewer, challenge.Str("id"), "upheld", decidedAt)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("decided", decided.Str("status"));
        Assert.Equal("upheld", decided["decision"].Str("outcome"));
        await (await Decide(reviewer, challenge.Str("id"), "dismissed")).ExpectProblemAsync(HttpStatusCode.Conflict);

        var reopened = await prosecutor.GetReportAsync(report.Id());
        Assert.Equal("received", reopened.Str("status"));
        Assert.Equal(["refused", "refusalOverturned"], reopened["decisions"].Objects().Select(d => d.Str("kind")));
        Assert.Equal(decidedAt.AddHours(Pack.Reports.RegistrationWithinHours), reopened["registrationDueBy"]!.GetValue<DateTimeOffset>());
        Assert.Equal("upheld", reopened["complaints"].Objects().Single().Str("outcome"));
        // Waiting again: it can now be registered, and the new deadline has its own alert.
        await Host.CaseScanAsync(decidedAt.AddHours(Pack.Reports.RegistrationWithinHours + 1));
        Assert.Contains(AlertCodes.RegistrationOverdue, (await prosecutor.GetReportAsync(report.Id()))["alerts"].Codes());
        await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now, 1));
    }

    [Fact]
    public async Task A_dismissed_challenge_leaves_the_refusal_standing()
    {
        var (prosecutor, report) = await RefusedAsync();
        var reviewer = await Host.UserAsync(Roles.Reviewer);
        var challenge = await FileAsync(prosecutor, new JsonObject
        {
            ["kind"] = "refusal",
            ["reportId"] = report.Str("id"),
            ["grounds"] = "жалоба потерпевшего",
            ["complainant"] = "victim",
        });

        await (await Decide(reviewer, challenge.Str("id"), "dismissed")).ExpectAsync(HttpStatusCode.Created);

        var read = await prosecutor.GetReportAsync(report.Id());
        Assert.Equal("refused", read.Str("status"));
        Assert.Single(read["decisions"].Objects());
    }

    [Fact]
    public async Task A_complaint_not_decided_in_time_raises_ReviewOverdue_on_its_case_once()
    {
        var (prosecutor, _, caseId, _) = await CaseAsync(1);
        var complaint = await FileAsync(prosecutor, Complaint(("caseId", caseId.ToString())));
        var due = complaint["dueBy"]!.GetValue<DateTimeOffset>();

        await Host.CaseScanAsync(due.AddMinutes(-1));
        Assert.DoesNotContain(AlertCodes.ReviewOverdue, (await prosecutor.GetCaseAsync(caseId))["alerts"].Codes());
        await Host.CaseScanAsync(due.AddMinutes(1));
        await Host.CaseScanAsync(due.AddMinutes(2));

        Assert.Single((await prosecutor.GetCaseAsync(caseId))["alerts"].Codes(), AlertCodes.ReviewOverdue);
    }

    public static TheoryData<string, JsonObject> BadComplaints() => new()
    {
        { "kind", new JsonObject { ["grounds"] = "x", ["complainant"] = "victim", ["erdrNumber"] = "1" } },
        { "erdrNumber", new JsonObject { ["kind"] = "action", ["actor"] = "prosecutor", ["action"] = "x", ["grounds"] = "x", ["complainant"] = "victim", ["erdrNumber"] = "000000000000000" } },
        { "caseId", new JsonObject { ["kind"] = "inaction", ["actor"] = "prosecutor", ["action"] = "x", ["grounds"] = "x", ["complainant"] = "victim" } },
        { "reportId", new JsonObject { ["kind"] = "refusal", ["grounds"] = "x", ["complainant"] = "victim" } },
        { "grounds", new JsonObject { ["kind"] = "action", ["actor"] = "prosecutor", ["action"] = "x", ["complainant"] = "victim", ["caseId"] = Guid.NewGuid().ToString() } },
        { "complainant", new JsonObject { ["kind"] = "action", ["actor"] = "prosecutor", ["action"] = "x", ["grounds"] = "x", ["caseId"] = Guid.NewGuid().ToString() } },
    };

    [Theory]
    [MemberData(nameof(BadComplaints))]
    public async Task A_bad_complaint_names_the_field_and_writes_nothing(string field, JsonObject body)
    {
        var defender = await Host.UserAsync(Roles.Defender, region: null);
        var before = await Host.CountAsync<Complaint>();

        await (await defender.Client.PostJsonAsync(Complaints, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await Host.CountAsync<Complaint>());
    }

    [Fact]
    public async Task Instants_in_the_future_or_before_what_they_follow_are_refused_naming_the_field()
    {
        var (prosecutor, report, caseId, _) = await CaseAsync(1);
        var reviewer = await Host.UserAsync(Roles.Reviewer);
        var complaint = await FileAsync(prosecutor, Complaint(("caseId", caseId.ToString()), ("receivedAt", Requests.Instant(Host.Now.AddHours(-1)))));
        var skew = TimeSpan.FromMinutes(Pack.Registration.ClockSkewMinutes);

        // A decision before the complaint, a stage before the case, a motion not yet filed, a second
        // registration's time before the report: each refused, naming its field, and nothing written.
        await (await Decide(reviewer, complaint.Str("id"), "dismissed", Host.Now.AddHours(-2))).ExpectProblemAsync(HttpStatusCode.BadRequest, "decidedAt");
        await (await Decide(reviewer, complaint.Str("id"), "dismissed", Host.Now + skew + TimeSpan.FromMinutes(1))).ExpectProblemAsync(HttpStatusCode.BadRequest, "decidedAt");
        await (await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{caseId}/stages", CaseScenario.Stage("suspectIdentified", Host.Now.AddHours(-6))))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{caseId}/motions", new JsonObject
        {
            ["evidence"] = "протокол",
            ["grounds"] = "duress",
            ["filedBy"] = "defender",
            ["filedAt"] = Requests.Instant(Host.Now + skew + TimeSpan.FromMinutes(1)),
        })).ExpectProblemAsync(HttpStatusCode.BadRequest, "filedAt");
        var waiting = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-2)));
        await (await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{waiting.Id()}/register", CaseScenario.Registration(CaseScenario.Erdr(), Host.Now.AddHours(-3), 1)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "registeredAt");

        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.Empty(c["stages"].Objects());
        Assert.Empty(c["motions"].Objects());
        Assert.Equal("open", c["complaints"].Objects().Single().Str("status"));
        Assert.Equal("received", (await prosecutor.GetReportAsync(waiting.Id())).Str("status"));
        Assert.Equal(report.Str("id"), c.Str("reportId"));
    }

    [Fact]
    public async Task Only_a_refused_report_can_be_challenged()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var waiting = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));

        var response = await prosecutor.Client.PostJsonAsync(Complaints, new JsonObject
        {
            ["kind"] = "refusal",
            ["reportId"] = waiting.Str("id"),
            ["grounds"] = "x",
            ["complainant"] = "victim",
        });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "reportId");
    }

    [Fact]
    public async Task Motions_to_exclude_evidence_are_tracked_with_their_outcome_once()
    {
        var (prosecutor, _, caseId, _) = await CaseAsync(1);
        var investigator = await Host.UserAsync(Roles.Investigator);
        var url = $"/api/v1/cases/{caseId}/motions";

        await (await investigator.Client.PostJsonAsync(url, new JsonObject { ["evidence"] = "протокол", ["filedBy"] = "defender" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "grounds");
        var filed = await (await investigator.Client.PostJsonAsync(url, new JsonObject
        {
            ["evidence"] = "явка с повинной от 12.03.2026",
            ["grounds"] = "torture",
            ["filedBy"] = "defender",
            ["filedAt"] = Requests.Instant(Host.Now.AddHours(-1)),
        })).ExpectAsync(HttpStatusCode.Created);
        var motionId = filed["motion"].Str("id");
        await (await investigator.Client.PostJsonAsync($"{url}/{Guid.NewGuid()}/decision", new JsonObject { ["outcome"] = "granted", ["decidedBy"] = "court" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await prosecutor.Client.PostJsonAsync($"{url}/{motionId}/decision", new JsonObject { ["outcome"] = "granted", ["decidedBy"] = "prosecutor", ["reasons"] = "получено под давлением" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await investigator.Client.PostJsonAsync($"{url}/{motionId}/decision", new JsonObject { ["outcome"] = "refused", ["decidedBy"] = "investigator" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);

        var motion = (await prosecutor.GetCaseAsync(caseId))["motions"].Objects().Single();
        Assert.Equal(motionId, motion.Str("id"));
        Assert.Equal("torture", motion.Str("grounds"));
        Assert.Equal("granted", motion.Str("outcome"));
        Assert.Equal("prosecutor", motion.Str("decidedBy"));
    }

    [System.Text.RegularExpressions.GeneratedRegex("<li class=\"card\" id=\"complaint-([0-9a-f-]{36})\"")]
    private static partial System.Text.RegularExpressions.Regex ComplaintRow();

    [System.Text.RegularExpressions.GeneratedRegex("id=\"complaints-open-more\" href=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex MoreOpen();
}

public sealed class ReviewOnSqlite(SqliteHost fixture) : ReviewTests(fixture), IClassFixture<SqliteHost>;

public sealed class ReviewOnPostgres(PostgresHost fixture) : ReviewTests(fixture), IClassFixture<PostgresHost>;
