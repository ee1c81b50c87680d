using System.Net;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Detentions;

namespace Aigaq.Tests.Detentions;

/// <summary>POST /api/v1/detentions/{id}/events: the append-only custody timeline.</summary>
public abstract class TimelineTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private async Task<(TestUser Custody, Guid Id, DateTimeOffset DetainedAt)> DetentionAsync()
    {
        var held = await Host.HeldAsync();
        return (held.Custody, held.Id, held.DetainedAt);
    }

    private static string EventsUrl(Guid id) => Scenario.EventsUrl(id);

    [Fact]
    public async Task An_appended_event_is_kept_in_the_timeline_and_moves_the_custody_status()
    {
        var (custody, id, detainedAt) = await DetentionAsync();

        var response = await custody.Client.PostJsonAsync(EventsUrl(id),
            Requests.Event("arrivedAtFacility", detainedAt.AddMinutes(50), ("note", "доставлен")));

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("arrivedAtFacility", created["event"].Str("type"));
        var record = await custody.GetDetentionAsync(id);
        var entry = Assert.Single(record["timeline"].Objects());
        Assert.Equal("arrivedAtFacility", entry.Str("type"));
        Assert.Equal("доставлен", entry["fields"].Str("note"));
        Assert.Equal(custody.Id.ToString(), entry.Str("recordedBy"));
        Assert.Equal("inCustody", record.Str("status"));
    }

    [Fact]
    public async Task An_event_raises_its_alerts_in_the_same_answer_and_on_the_record()
    {
        var (custody, id, detainedAt) = await DetentionAsync();

        var response = await custody.Client.PostJsonAsync(EventsUrl(id),
            Requests.Event("medicalExamination", detainedAt.AddHours(1), ("injuriesFound", true), ("examiner", "фельдшер")));

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([AlertCodes.InjuriesRecorded], created["alerts"].Codes());
        var prosecutor = await Host.UserAsync(Aigaq.Access.Roles.Prosecutor, region: "KZ-75");
        var record = await prosecutor.GetDetentionAsync(id);
        Assert.Contains(AlertCodes.InjuriesRecorded, record["alerts"].Codes());
    }

    [Fact]
    public async Task An_investigative_action_without_a_defender_raises_NoDefenderPresent()
    {
        var (custody, id, detainedAt) = await DetentionAsync();

        var created = await (await custody.Client.PostJsonAsync(EventsUrl(id),
            Requests.Event("investigativeActionStarted", detainedAt.AddHours(1), ("action", "допрос"), ("defenderPresent", false))))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Contains(AlertCodes.NoDefenderPresent, created["alerts"].Codes());
    }

    public static TheoryData<string, string> BadEvents => new()
    {
        { "unknown field", "colour" },
        { "field of another type", "injuriesFound" },
        { "event before the detention", "at" },
        { "event in the future", "at" },
        { "unknown type", "type" },
        { "missing required field", "decision" },
        { "instant without offset", "at" },
        { "unknown facility", "facilityId" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task A_bad_event_is_refused_naming_the_field_and_the_timeline_is_unchanged(string fault, string field)
    {
        var (custody, id, detainedAt) = await DetentionAsync();
        var at = detainedAt.AddHours(1);
        var body = fault switch
        {
            "unknown field" => Requests.Event("released", at, ("colour", "red")),
            "field of another type" => Requests.Event("released", at, ("injuriesFound", true)),
            "event before the detention" => Requests.Event("arrivedAtFacility", detainedAt.AddHours(-1)),
            "event in the future" => Requests.Event("arrivedAtFacility", Host.Now.AddHours(1)),
            "unknown type" => Requests.Event("tea", at),
            "missing required field" => Requests.Event("courtDecision", at),
            "instant without offset" => Requests.Event("arrivedAtFacility", at).With("at", "2026-03-02T09:00:00"),
            "unknown facility" => Requests.Event("transferred", at, ("facilityId", Guid.NewGuid().ToString())),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var before = await Host.CountAsync<DetentionEvent>();

        var response = await custody.Client.PostJsonAsync(EventsUrl(id), body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await Host.CountAsync<DetentionEvent>());
    }

    [Fact]
    public async Task An_event_on_a_detention_outside_the_callers_scope_is_404_and_writes_nothing()
    {
        var (_, id, detainedAt) = await DetentionAsync();
        var otherFacility = await Host.FacilityAsync();
        var stranger = await Host.UserAsync(Roles.CustodyOfficer, facility: otherFacility.Id);
        var before = await Host.CountAsync<DetentionEvent>();

        var response = await stranger.Client.PostJsonAsync(EventsUrl(id), Requests.Event("released", detainedAt.AddHours(1)));

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await Host.CountAsync<DetentionEvent>());
    }

    [Fact]
    public async Task A_correction_is_a_new_entry_pointing_to_the_one_it_corrects_and_needs_a_reason()
    {
        var (custody, id, detainedAt) = await DetentionAsync();
        var first = await (await custody.Client.PostJsonAsync(EventsUrl(id), Requests.Event("arrivedAtFacility", detainedAt.AddMinutes(50))))
            .ExpectAsync(HttpStatusCode.Created);
        var firstId = first["event"].Str("id");

        var withoutReason = await custody.Client.PostJsonAsync(EventsUrl(id),
            Requests.Event("arrivedAtFacility", detainedAt.AddMinutes(55), ("corrects", firstId)));
        var withReason = await custody.Client.PostJsonAsync(EventsUrl(id),
            Requests.Event("arrivedAtFacility", detainedAt.AddMinutes(55), ("corrects", firstId), ("reason", "время по журналу")));

        await withoutReason.ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await withReason.ExpectAsync(HttpStatusCode.Created);
        var timeline = (await custody.GetDetentionAsync(id))["timeline"].Objects().ToList();
        Assert.Equal(2, timeline.Count);
        Assert.Equal(firstId, timeline[1].Str("corrects"));
    }
}

public sealed class TimelineOnSqlite(SqliteHost fixture) : TimelineTests(fixture), IClassFixture<SqliteHost>;

public sealed class TimelineOnPostgres(PostgresHost fixture) : TimelineTests(fixture), IClassFixture<PostgresHost>;
