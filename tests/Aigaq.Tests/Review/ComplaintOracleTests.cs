using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Tests.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Review;

/// <summary>
/// No oracle in complaints (issue 13, item 4): a complaint naming a report the filer may not read is answered exactly as
/// one naming a report that does not exist, and files nothing.
/// </summary>
public abstract class ComplaintOracleTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_guessed_report_number_is_answered_as_an_unknown_one_and_files_nothing()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-75");
        var report = await prosecutor.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-20), "KZ-75"));
        await (await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/refuse", new JsonObject { ["grounds"] = "отсутствие события" }))
            .ExpectAsync(HttpStatusCode.Created);
        var stranger = await Host.UserAsync(Roles.Defender, region: null);
        var before = await Host.WithDbAsync(db => db.Set<Complaint>().CountAsync());

        var guessed = await FileAsync(stranger, report.Str("number"));
        var unknown = await FileAsync(stranger, "R75-999999");
        var byId = await stranger.Client.PostJsonAsync("/api/v1/complaints", Challenge(("reportId", report.Str("id"))));

        Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
        Assert.Equal(await WithoutTraceAsync(unknown), await WithoutTraceAsync(guessed));
        var problem = await byId.ExpectProblemAsync(HttpStatusCode.BadRequest, "reportId");
        Assert.DoesNotContain("KZ-75", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await Host.WithDbAsync(db => db.Set<Complaint>().CountAsync()));
    }

    /// <summary>The answer's body without its trace id, which differs from request to request.</summary>
    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    private static Task<HttpResponseMessage> FileAsync(TestUser user, string reportNumber) =>
        user.Client.PostJsonAsync("/api/v1/complaints", Challenge(("reportNumber", reportNumber)));

    private static JsonObject Challenge((string Name, string Value) report) => new()
    {
        ["kind"] = "refusal",
        [report.Name] = report.Value,
        ["grounds"] = "Отказ немотивирован.",
        ["complainant"] = "victim",
    };
}

public sealed class ComplaintOracleOnSqlite(SqliteHost fixture) : ComplaintOracleTests(fixture), IClassFixture<SqliteHost>;

public sealed class ComplaintOracleOnPostgres(PostgresHost fixture) : ComplaintOracleTests(fixture), IClassFixture<PostgresHost>;
