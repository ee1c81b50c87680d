using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;

namespace Aigaq.Tests.Alerts;

/// <summary>GET /api/v1/alerts and POST /api/v1/alerts/{id}/acknowledge.</summary>
public abstract class AlertAcknowledgementTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    /// <summary>A detention in Shymkent registered without rights stated: one RightsNotExplained alert.</summary>
    private async Task<(Guid DetentionId, string AlertId)> AlertAsync()
    {
        var facility = await Host.FacilityAsync(region: "KZ-79");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-79");
        var created = await Host.RegisterAsync(officer, facility.Id, change: b => b.Without("rightsExplainedAt"));
        var alert = Assert.Single(created["alerts"].Objects());
        Assert.Equal(AlertCodes.RightsNotExplained, alert.Str("code"));
        return (created.Id(), alert.Str("id"));
    }

    private static Task<HttpResponseMessage> AcknowledgeAsync(TestUser user, string alertId, string? comment) =>
        user.Client.PostJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", comment is null ? new JsonObject() : new JsonObject { ["comment"] = comment });

    private static async Task<List<string>> ListAsync(TestUser user, string status) =>
        [.. (await (await user.Client.GetAsync($"/api/v1/alerts?status={status}")).ExpectAsync(HttpStatusCode.OK))["items"].Objects().Select(a => a.Str("id"))];

    private static async Task<List<JsonObject>> ItemsAsync(TestUser user, string query) =>
        [.. (await (await user.Client.GetAsync("/api/v1/alerts" + query)).ExpectAsync(HttpStatusCode.OK))["items"].Objects()];

    [Fact]
    public async Task Alerts_carry_their_severity_and_are_filtered_by_code_and_severity()
    {
        var (_, alertId) = await AlertAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-79");

        // RightsNotExplained weighs High in the pack.
        var high = await ItemsAsync(prosecutor, "?region=KZ-79&severity=high");
        Assert.Equal("high", Assert.Single(high, a => a.Str("id") == alertId).Str("severity"));
        Assert.All(high, a => Assert.Equal("high", a.Str("severity")));
        Assert.DoesNotContain(await ItemsAsync(prosecutor, "?region=KZ-79&severity=critical"), a => a.Str("id") == alertId);
        Assert.DoesNotContain(await ItemsAsync(prosecutor, "?region=KZ-79&severity=normal"), a => a.Str("id") == alertId);

        var byCode = await ItemsAsync(prosecutor, $"?region=KZ-79&code={AlertCodes.RightsNotExplained}");
        Assert.Contains(byCode, a => a.Str("id") == alertId);
        Assert.All(byCode, a => Assert.Equal(AlertCodes.RightsNotExplained, a.Str("code")));
        Assert.DoesNotContain(await ItemsAsync(prosecutor, $"?region=KZ-79&code={AlertCodes.LateRegistration}"), a => a.Str("id") == alertId);

        await (await prosecutor.Client.GetAsync("/api/v1/alerts?severity=grave")).ExpectProblemAsync(HttpStatusCode.BadRequest, "severity");
    }

    [Fact]
    public async Task The_regions_prosecutor_sees_the_open_alert()
    {
        var (_, alertId) = await AlertAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-79");

        Assert.Contains(alertId, await ListAsync(prosecutor, "open"));
    }

    [Fact]
    public async Task Acknowledging_needs_a_comment_and_leaves_the_alert_open_without_one()
    {
        var (_, alertId) = await AlertAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-79");

        await (await AcknowledgeAsync(prosecutor, alertId, null)).ExpectProblemAsync(HttpStatusCode.BadRequest, "comment");
        await (await AcknowledgeAsync(prosecutor, alertId, "   ")).ExpectProblemAsync(HttpStatusCode.BadRequest, "comment");

        Assert.Contains(alertId, await ListAsync(prosecutor, "open"));
    }

    [Fact]
    public async Task An_acknowledged_alert_keeps_who_when_and_why_and_stays_in_the_record()
    {
        var (detentionId, alertId) = await AlertAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-79");

        var acknowledged = await (await AcknowledgeAsync(prosecutor, alertId, "Права разъяснены устно, протокол проверен"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("acknowledged", acknowledged.Str("status"));
        Assert.Equal(prosecutor.Id.ToString(), acknowledged.Str("acknowledgedBy"));
        var onRecord = Assert.Single((await prosecutor.GetDetentionAsync(detentionId))["alerts"].Objects(), a => a.Str("id") == alertId);
        Assert.Equal("acknowledged", onRecord.Str("status"));
        Assert.Equal("Права разъяснены устно, протокол проверен", onRecord.Str("comment"));
        Assert.DoesNotContain(alertId, await ListAsync(prosecutor, "open"));
        Assert.Contains(alertId, await ListAsync(prosecutor, "acknowledged"));
    }

    [Fact]
    public async Task A_second_acknowledgement_is_a_409_and_keeps_the_first_comment()
    {
        var (detentionId, alertId) = await AlertAsync();
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-79");
        await (await AcknowledgeAsync(prosecutor, alertId, "first")).ExpectAsync(HttpStatusCode.OK);

        await (await AcknowledgeAsync(prosecutor, alertId, "second")).ExpectProblemAsync(HttpStatusCode.Conflict);

        var onRecord = Assert.Single((await prosecutor.GetDetentionAsync(detentionId))["alerts"].Objects(), a => a.Str("id") == alertId);
        Assert.Equal("first", onRecord.Str("comment"));
    }

    [Fact]
    public async Task A_prosecutor_of_another_region_neither_sees_nor_acknowledges_the_alert()
    {
        var (_, alertId) = await AlertAsync();
        var elsewhere = await Host.UserAsync(Roles.Prosecutor, region: "KZ-71");

        Assert.DoesNotContain(alertId, await ListAsync(elsewhere, "open"));
        await (await AcknowledgeAsync(elsewhere, alertId, "not mine")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var owner = await Host.UserAsync(Roles.Prosecutor, region: "KZ-79");
        Assert.Contains(alertId, await ListAsync(owner, "open"));
    }
}

public sealed class AlertAcknowledgementOnSqlite(SqliteHost fixture) : AlertAcknowledgementTests(fixture), IClassFixture<SqliteHost>;

public sealed class AlertAcknowledgementOnPostgres(PostgresHost fixture) : AlertAcknowledgementTests(fixture), IClassFixture<PostgresHost>;
