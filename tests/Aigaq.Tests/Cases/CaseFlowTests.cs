using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;

namespace Aigaq.Tests.Cases;

/// <summary>Routing, institutional conflicts, requalification with referrals, and stages (issue 4, items 3-6).</summary>
public abstract class CaseFlowTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private async Task<(TestUser Prosecutor, Guid CaseId)> CaseAsync(int part, string region = "KZ-75", params string[] agencies)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: region);
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-5), region, agencies));
        var registered = await prosecutor.RegisterReportAsync(report.Id(), CaseScenario.Registration(CaseScenario.Erdr(), Host.Now.AddHours(-4), part));
        return (prosecutor, Guid.Parse(registered.Str("caseId")));
    }

    private static Task<HttpResponseMessage> Requalify(TestUser prosecutor, Guid caseId, int part, string reason = "установлена цель получения признания") =>
        prosecutor.Client.PostJsonAsync($"/api/v1/cases/{caseId}/requalify", new JsonObject { ["part"] = part, ["reason"] = reason });

    [Fact]
    public async Task Police_alleged_in_a_part_1_case_for_internal_affairs_raise_InstitutionalConflict()
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "police");

        var c = await prosecutor.GetCaseAsync(caseId);

        Assert.Equal("internalAffairs", c["responsibleBody"].Str("kind"));
        Assert.True(c["conflict"]!["open"]!.GetValue<bool>());
        Assert.Equal([AlertCodes.InstitutionalConflict], c["alerts"].Codes());
    }

    [Fact]
    public async Task Military_alleged_raise_no_conflict_with_internal_affairs()
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "military");

        var c = await prosecutor.GetCaseAsync(caseId);

        Assert.False(c["conflict"]!["open"]!.GetValue<bool>());
        Assert.Empty(c["alerts"].Codes());
    }

    [Fact]
    public async Task Escalating_a_conflict_refers_the_case_to_the_special_prosecutor_who_must_accept_it()
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "police");
        var special = await Host.UserAsync(Roles.SpecialProsecutor);

        var withoutReason = await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{caseId}/conflict", new JsonObject { ["decision"] = "escalate" });
        await withoutReason.ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        var decided = await (await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{caseId}/conflict",
            new JsonObject { ["decision"] = "escalate", ["reason"] = "обвиняются сотрудники полиции" })).ExpectAsync(HttpStatusCode.Created);

        // The sender stays responsible until the receiver accepts.
        Assert.Equal("internalAffairs", decided["responsibleBody"].Str("kind"));
        var referralId = decided["referral"].Str("id");
        var inbox = JsonNode.Parse(await special.Client.GetStringAsync("/api/v1/referrals"))!["items"]!.AsArray();
        Assert.Equal(referralId, inbox.Objects().Single(r => r.Str("caseId") == caseId.ToString()).Str("id"));

        await (await special.Client.PostAsync($"/api/v1/referrals/{referralId}/accept", null)).ExpectAsync(HttpStatusCode.Created);
        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.Equal("specialProsecutor", c["responsibleBody"].Str("kind"));
        Assert.False(c["conflict"]!["open"]!.GetValue<bool>());
        Assert.Equal("accepted", c["referrals"].Objects().Single().Str("status"));
    }

    [Fact]
    public async Task Keeping_a_conflicted_case_needs_a_written_reason_and_keeps_it_where_it_is()
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "police");

        await (await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{caseId}/conflict",
            new JsonObject { ["decision"] = "keep", ["reason"] = "другое управление, иной район" })).ExpectAsync(HttpStatusCode.Created);
        var again = await prosecutor.Client.PostJsonAsync($"/api/v1/cases/{caseId}/conflict",
            new JsonObject { ["decision"] = "keep", ["reason"] = "повторно" });

        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.Equal("internalAffairs", c["responsibleBody"].Str("kind"));
        Assert.Equal("keep", c["conflict"].Str("decision"));
        Assert.Empty(c["referrals"].Objects());
        Assert.Equal("другое управление, иной район", c["history"].Objects().Single(e => e.Str("type") == "conflictDecided").Str("reason"));
    }

    [Fact]
    public async Task Requalifying_to_torture_refers_the_case_and_it_always_has_exactly_one_responsible_body()
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "nationalSecurity");
        var special = await Host.UserAsync(Roles.SpecialProsecutor);
        var investigator = await Host.UserAsync(Roles.Investigator);

        var requalified = await (await Requalify(prosecutor, caseId, 2)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("internalAffairs", requalified["responsibleBody"].Str("kind"));
        var referralId = requalified["referral"].Str("id");
        // The wrong body cannot take the case.
        await (await investigator.Client.PostAsync($"/api/v1/referrals/{referralId}/accept", null)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var otherRegion = await Host.UserAsync(Roles.SpecialProsecutor, region: "KZ-71");
        await (await otherRegion.Client.PostAsync($"/api/v1/referrals/{referralId}/accept", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("internalAffairs", (await prosecutor.GetCaseAsync(caseId))["responsibleBody"].Str("kind"));

        await (await special.Client.PostAsync($"/api/v1/referrals/{referralId}/accept", null)).ExpectAsync(HttpStatusCode.Created);
        var second = await special.Client.PostAsync($"/api/v1/referrals/{referralId}/accept", null);

        await second.ExpectProblemAsync(HttpStatusCode.Conflict);
        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.Equal("specialProsecutor", c["responsibleBody"].Str("kind"));
        Assert.Equal(2, c["part"]!.GetValue<int>());
        var chain = c["referrals"].Objects().Single();
        Assert.Equal("internalAffairs", chain["from"].Str("kind"));
        Assert.Equal("specialProsecutor", chain["to"].Str("kind"));
    }

    [Fact]
    public async Task A_second_requalification_before_acceptance_withdraws_the_first_referral()
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "nationalSecurity");
        var first = await (await Requalify(prosecutor, caseId, 2)).ExpectAsync(HttpStatusCode.Created);

        var back = await (await Requalify(prosecutor, caseId, 1, "цель не подтвердилась")).ExpectAsync(HttpStatusCode.Created);

        Assert.Null(back["referral"]);
        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.Equal("withdrawn", c["referrals"].Objects().Single(r => r.Str("id") == first["referral"].Str("id")).Str("status"));
        Assert.DoesNotContain(c["referrals"].Objects(), r => r.Str("status") == "pending");
        Assert.Equal("internalAffairs", c["responsibleBody"].Str("kind"));
    }

    [Fact]
    public async Task A_referral_not_accepted_in_time_raises_ReferralUnacknowledged_once()
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "nationalSecurity");
        await (await Requalify(prosecutor, caseId, 2)).ExpectAsync(HttpStatusCode.Created);

        await Host.CaseScanAsync(Host.Now.AddHours(23));
        Assert.DoesNotContain(AlertCodes.ReferralUnacknowledged, (await prosecutor.GetCaseAsync(caseId))["alerts"].Codes());
        // kz-2024-03-01: cases.referralAcceptWithinHours = 24 (policy).
        await Host.CaseScanAsync(Host.Now.AddHours(25));
        await Host.CaseScanAsync(Host.Now.AddHours(26));

        Assert.Equal([AlertCodes.ReferralUnacknowledged], (await prosecutor.GetCaseAsync(caseId))["alerts"].Codes());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task An_unknown_part_is_refused_and_nothing_changes(int part)
    {
        var (prosecutor, caseId) = await CaseAsync(1, "KZ-75", "military");

        await (await Requalify(prosecutor, caseId, part)).ExpectProblemAsync(HttpStatusCode.BadRequest, "part");

        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.Equal(1, c["part"]!.GetValue<int>());
        Assert.DoesNotContain(c["history"].Objects(), e => e.Str("type") == "requalified");
    }

    [Fact]
    public async Task Stages_follow_the_order_the_law_allows_and_a_verdict_before_court_is_refused()
    {
        var (prosecutor, caseId) = await CaseAsync(2, "KZ-75", "police");
        var special = await Host.UserAsync(Roles.SpecialProsecutor);
        var url = $"/api/v1/cases/{caseId}/stages";

        await (await special.Client.PostJsonAsync(url, CaseScenario.Stage("verdict", Host.Now, ("outcome", "convicted")))).ExpectProblemAsync(HttpStatusCode.BadRequest, "stage");
        await (await special.Client.PostJsonAsync(url, CaseScenario.Stage("sentToCourt", Host.Now))).ExpectProblemAsync(HttpStatusCode.BadRequest, "stage");
        await (await special.Client.PostJsonAsync(url, CaseScenario.Stage("suspectIdentified", Host.Now.AddHours(-3)))).ExpectAsync(HttpStatusCode.Created);
        await (await special.Client.PostJsonAsync(url, CaseScenario.Stage("sentToCourt", Host.Now.AddHours(-2)))).ExpectAsync(HttpStatusCode.Created);
        await (await special.Client.PostJsonAsync(url, CaseScenario.Stage("discontinued", Host.Now, ("grounds", "x")))).ExpectProblemAsync(HttpStatusCode.BadRequest, "stage");
        var verdict = await (await prosecutor.Client.PostJsonAsync(url, CaseScenario.Stage("verdict", Host.Now, ("outcome", "convicted"), ("suspended", true))))
            .ExpectAsync(HttpStatusCode.Created);

        // Criminal Code art. 63(6): no suspended sentence for torture.
        Assert.Equal([AlertCodes.SuspendedSentenceBarred], verdict["alerts"].Codes());
        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.True(c["closed"]!.GetValue<bool>());
        Assert.Equal(["suspectIdentified", "sentToCourt", "verdict"], c["stages"].Objects().Select(s => s.Str("stage")).ToList());
        await (await special.Client.PostJsonAsync(url, CaseScenario.Stage("suspectIdentified", Host.Now))).ExpectProblemAsync(HttpStatusCode.BadRequest, "stage");
    }

    [Fact]
    public async Task A_barred_agreement_is_refused_and_raised_and_an_allowed_one_raises_AgreementInTortureCase()
    {
        var (prosecutor, caseId) = await CaseAsync(4, "KZ-75", "military");
        var investigator = await Host.UserAsync(Roles.Investigator);
        var url = $"/api/v1/cases/{caseId}/stages";
        await (await investigator.Client.PostJsonAsync(url, CaseScenario.Stage("suspectIdentified", Host.Now.AddHours(-1)))).ExpectAsync(HttpStatusCode.Created);

        // CPC art. 612-613: no plea agreement when a charge is especially grave (part 4).
        var plea = await investigator.Client.PostJsonAsync(url, CaseScenario.Stage("agreementProposed", Host.Now, ("kind", "plea")));
        var problem = await plea.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "kind");
        Assert.Equal(AlertCodes.AgreementNotAllowed, problem.Str("code"));
        // A cooperation agreement is possible in any category, but oversight must see it.
        var cooperation = await (await investigator.Client.PostJsonAsync(url, CaseScenario.Stage("agreementProposed", Host.Now, ("kind", "cooperation"))))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal([AlertCodes.AgreementInTortureCase], cooperation["alerts"].Codes());
        var c = await prosecutor.GetCaseAsync(caseId);
        Assert.Equal([AlertCodes.AgreementInTortureCase, AlertCodes.AgreementNotAllowed], c["alerts"].Codes());
        Assert.Equal(["suspectIdentified", "agreementProposed"], c["stages"].Objects().Select(s => s.Str("stage")).ToList());
    }

    [Fact]
    public async Task Only_the_responsible_body_records_stages()
    {
        var (_, caseId) = await CaseAsync(2, "KZ-75", "police");
        var investigator = await Host.UserAsync(Roles.Investigator);
        var special = await Host.UserAsync(Roles.SpecialProsecutor);

        var byInvestigator = await investigator.Client.PostJsonAsync($"/api/v1/cases/{caseId}/stages", CaseScenario.Stage("suspectIdentified", Host.Now));

        // The investigator does not even see a special prosecutor's case.
        await byInvestigator.ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await special.Client.PostJsonAsync($"/api/v1/cases/{caseId}/stages", CaseScenario.Stage("suspectIdentified", Host.Now))).ExpectAsync(HttpStatusCode.Created);
    }
}

public sealed class CaseFlowOnSqlite(SqliteHost fixture) : CaseFlowTests(fixture), IClassFixture<SqliteHost>;

public sealed class CaseFlowOnPostgres(PostgresHost fixture) : CaseFlowTests(fixture), IClassFixture<PostgresHost>;
