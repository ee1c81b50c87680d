using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// Arrival and transfer checked (issue 13, item 2): a custody officer of the Almaty holding cell cannot quietly move a
/// person to Astana. A place the register did not expect needs a reason, raises an alert for the supervisory
/// prosecutor, and the public lookup does not name it until the prosecutor has acknowledged the alert.
/// </summary>
public abstract class ArrivalCheckTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task An_arrival_elsewhere_needs_a_reason_alerts_the_prosecutor_and_is_not_published_until_checked()
    {
        var almaty = await Host.FacilityAsync(region: "KZ-75", name: "ИВС Алматы " + Guid.NewGuid().ToString("N")[..4]);
        var astana = await Host.FacilityAsync(region: "KZ-71", name: "ИВС Астана " + Guid.NewGuid().ToString("N")[..4]);
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-75");
        var custody = await Host.UserAsync(Roles.CustodyOfficer, region: "KZ-75", facility: almaty.Id);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-75");
        var last = "Есенов" + Guid.NewGuid().ToString("N")[..4];
        var detainedAt = Host.Now.AddHours(-2);
        var id = (await Host.RegisterAsync(officer, almaty.Id, detainedAt, b => b.With("person.lastName", last))).Id();
        var arrival = new JsonObject
        {
            ["type"] = "arrivedAtFacility",
            ["at"] = Requests.Instant(detainedAt.AddHours(1)),
            ["facilityId"] = astana.Id.ToString(),
        };

        // Without a reason: refused, naming the facility, and nothing recorded.
        await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), arrival)).ExpectProblemAsync(HttpStatusCode.BadRequest, "facilityId");
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<DetentionEvent>().CountAsync(e => e.DetentionId == id)));
        Assert.Equal(almaty.Id, (await prosecutor.GetDetentionAsync(id))["currentFacilityId"]!.GetValue<Guid>());

        // With one: recorded, with an alert for the prosecutor; the lookup says held, not where.
        arrival["reason"] = "Этапирован по решению начальника ДП";
        var created = await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), arrival)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([AlertCodes.PlaceNotAsExpected], created["alerts"].Codes());
        var alert = (await prosecutor.GetDetentionAsync(id))["alerts"].Objects().Single(a => a.Str("code") == AlertCodes.PlaceNotAsExpected);
        var held = await LookupAsync(last);
        Assert.True(held["inCustody"]!.GetValue<bool>());
        Assert.Null(held["facility"]);

        // Once the prosecutor has checked it, the place is published.
        await (await prosecutor.Client.PostJsonAsync($"/api/v1/alerts/{alert.Str("id")}/acknowledge", new JsonObject { ["comment"] = "Проверено" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(astana.Name, (await LookupAsync(last))["facility"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_arrival_where_expected_by_its_own_custody_officer_raises_nothing_and_is_published()
    {
        var almaty = await Host.FacilityAsync(region: "KZ-75", name: "ИВС Алматы " + Guid.NewGuid().ToString("N")[..4]);
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-75");
        var custody = await Host.UserAsync(Roles.CustodyOfficer, region: "KZ-75", facility: almaty.Id);
        var last = "Жумабаев" + Guid.NewGuid().ToString("N")[..4];
        var detainedAt = Host.Now.AddHours(-2);
        var id = (await Host.RegisterAsync(officer, almaty.Id, detainedAt, b => b.With("person.lastName", last))).Id();

        var created = await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), new JsonObject
        {
            ["type"] = "arrivedAtFacility",
            ["at"] = Requests.Instant(detainedAt.AddHours(1)),
            ["facilityId"] = almaty.Id.ToString(),
        })).ExpectAsync(HttpStatusCode.Created);

        Assert.DoesNotContain(AlertCodes.PlaceNotAsExpected, created["alerts"].Codes());
        Assert.Equal(almaty.Name, (await LookupAsync(last))["facility"]!["name"]!.GetValue<string>());
    }

    private async Task<JsonObject> LookupAsync(string lastName) =>
        await (await Host.Anonymous().GetAsync(
            $"/api/v1/public/custody?lastName={Uri.EscapeDataString(lastName)}&firstName={Uri.EscapeDataString("Ерлан")}&birthDate=1994-05-17"))
            .ExpectAsync(HttpStatusCode.OK);
}

public sealed class ArrivalCheckOnSqlite(SqliteHost fixture) : ArrivalCheckTests(fixture), IClassFixture<SqliteHost>;

public sealed class ArrivalCheckOnPostgres(PostgresHost fixture) : ArrivalCheckTests(fixture), IClassFixture<PostgresHost>;
