using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.Tests.Cases;

namespace Aigaq.Tests.Review;

/// <summary>Who a complaint is about and whether a reviewer is independent of it, each row with its reason.</summary>
public sealed class ReviewRoutingTests
{
    private static readonly RulePack Pack = RulePackCatalog.LoadEmbedded().ById("kz-2024-03-01")!;

    [Theory]
    // A refusal to register is the supervisory prosecutor's decision (CPC art. 180-181).
    [InlineData(ComplaintKind.Refusal, ComplainedActor.Investigator, BodyKind.InternalAffairs, ComplainedBody.SupervisoryProsecutor)]
    // A prosecutor's action is the supervisory prosecutor's office's.
    [InlineData(ComplaintKind.Action, ComplainedActor.Prosecutor, BodyKind.SpecialProsecutor, ComplainedBody.SupervisoryProsecutor)]
    // An investigator's action is that of the body investigating the case: the special prosecutor in a torture case...
    [InlineData(ComplaintKind.Inaction, ComplainedActor.Investigator, BodyKind.SpecialProsecutor, ComplainedBody.SpecialProsecutor)]
    // ...internal affairs in a part 1, 3 or 4 case.
    [InlineData(ComplaintKind.Action, ComplainedActor.Investigator, BodyKind.InternalAffairs, ComplainedBody.InternalAffairs)]
    // Inquiry officers serve in internal affairs.
    [InlineData(ComplaintKind.Action, ComplainedActor.InquiryOfficer, BodyKind.SpecialProsecutor, ComplainedBody.InternalAffairs)]
    public void The_body_complained_of(ComplaintKind kind, ComplainedActor actor, BodyKind responsible, ComplainedBody expected) =>
        Assert.Equal(expected, ReviewRouting.BodyComplainedOf(kind, actor, responsible));

    [Theory]
    // Investigating judges belong to the courts, not to any body that registers or investigates.
    [InlineData(ReviewerKind.InvestigatingJudge, null, ComplainedBody.SupervisoryProsecutor, true)]
    // The Human Rights Commissioner is independent of all of them.
    [InlineData(ReviewerKind.HumanRightsCommissioner, null, ComplainedBody.InternalAffairs, true)]
    // A prosecutor's office never reviews complaints against prosecutors...
    [InlineData(ReviewerKind.Other, Agency.Prosecutor, ComplainedBody.SupervisoryProsecutor, false)]
    [InlineData(ReviewerKind.Other, Agency.Prosecutor, ComplainedBody.SpecialProsecutor, false)]
    // ...nor does the police or the penitentiary service review internal affairs (one agency group).
    [InlineData(ReviewerKind.Other, Agency.Penitentiary, ComplainedBody.InternalAffairs, false)]
    [InlineData(ReviewerKind.Other, Agency.Police, ComplainedBody.InternalAffairs, false)]
    // Another body outside those agencies may.
    [InlineData(ReviewerKind.Other, Agency.Other, ComplainedBody.InternalAffairs, true)]
    // Another body that does not say which agency it belongs to cannot be shown independent.
    [InlineData(ReviewerKind.Other, null, ComplainedBody.InternalAffairs, false)]
    public void Whether_the_reviewer_is_independent(ReviewerKind reviewer, Agency? agency, ComplainedBody body, bool expected) =>
        Assert.Equal(expected, ReviewRouting.IsIndependent(Pack, new ReviewOptions { Reviewer = reviewer, Agency = agency, Name = "X" }, body));

    [Fact]
    public async Task A_reviewer_from_the_prosecution_stops_the_application_from_starting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = new Dictionary<string, string?>
        {
            ["Aigaq:Review:Reviewer"] = "Other",
            ["Aigaq:Review:Name"] = "Prosecutor General's Office",
            ["Aigaq:Review:Agency"] = "Prosecutor",
        };

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => database.NewHost(settings));
        Assert.Contains("Aigaq:Review:Agency", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The Commissioner as a national reviewer, set in configuration.</summary>
public sealed class CommissionerHost() : HostFixture(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:Review:Reviewer"] = "HumanRightsCommissioner",
    };
}

public sealed class CommissionerTests(CommissionerHost fixture) : IClassFixture<CommissionerHost>
{
    [Fact]
    public async Task With_the_Commissioner_configured_complaints_go_to_the_Commissioner_nationally()
    {
        var host = fixture.Host;
        var prosecutor = await host.UserAsync(Roles.Prosecutor, region: "KZ-79");
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(host.Now.AddHours(-2), "KZ-79"));
        await (await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/refuse", new JsonObject { ["grounds"] = "нет события" })).ExpectAsync(HttpStatusCode.Created);
        var commissioner = await host.UserAsync(Roles.Reviewer, region: null);

        var challenge = await (await prosecutor.Client.PostJsonAsync("/api/v1/complaints", new JsonObject
        {
            ["kind"] = "refusal",
            ["reportId"] = report.Str("id"),
            ["grounds"] = "жалоба",
            ["complainant"] = "relative",
        })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("humanRightsCommissioner", challenge["reviewer"].Str("kind"));
        Assert.Null(challenge["reviewer"]!["region"]);
        await (await commissioner.Client.PostJsonAsync($"/api/v1/complaints/{challenge.Str("id")}/decision",
            new JsonObject { ["outcome"] = "partlyUpheld", ["reasons"] = "проверка неполная" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("received", (await prosecutor.GetReportAsync(report.Id())).Str("status"));
    }
}
