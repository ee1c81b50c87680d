using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Detentions;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// The custody events as typed records: every type goes from the API to its row and back to the record's view, its
/// fields stored as the hand-built JSON object stored them before the records, and the body's faults (the
/// discriminator, a member of the wrong kind, each type's own rules) are 400s naming the field that write nothing.
/// </summary>
public abstract class TypedEventTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private const string Digest = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    /// <summary>
    /// A type, the fields sent (in the order the record declares them, as the web form and the demo send them) and the
    /// fields stored: text trimmed, the digest in lower case, instants in UTC. <c>{facility}</c> stands for a facility.
    /// </summary>
    public static TheoryData<string, string, string> EveryType => new()
    {
        { EventTypes.ArrivedAtFacility, """{"note":"  доставлен  ","facilityId":"{facility}"}""", """{"note":"доставлен","facilityId":"{facility}"}""" },
        { EventTypes.ProtocolDrawn, """{"note":"ok","protocolNumber":" ПЗ-2026-0412 "}""", """{"note":"ok","protocolNumber":"ПЗ-2026-0412"}""" },
        { EventTypes.RightsExplained, """{"language":"kk"}""", """{"language":"kk"}""" },
        { EventTypes.DefenderArrived, """{"defenderName":"Адвокат <А & Б>"}""", """{"defenderName":"Адвокат <А & Б>"}""" },
        { EventTypes.MedicalExamination, """{"injuriesFound":false,"examiner":"фельдшер ИВС"}""", """{"injuriesFound":false,"examiner":"фельдшер ИВС"}""" },
        {
            EventTypes.InvestigativeActionStarted, """{"action":"допрос","defenderPresent":true,"legalRepresentativePresent":false}""",
            """{"action":"допрос","defenderPresent":true,"legalRepresentativePresent":false}"""
        },
        { EventTypes.InvestigativeActionEnded, """{"note":"   ","defenderPresent":true}""", """{"defenderPresent":true}""" },
        { EventTypes.Transferred, """{"facilityId":"{facility}"}""", """{"facilityId":"{facility}"}""" },
        { EventTypes.CourtDecision, """{"decision":"санкционирован арест на 2 месяца"}""", """{"decision":"санкционирован арест на 2 месяца"}""" },
        { EventTypes.Released, """{"grounds":"мера пресечения изменена судом"}""", """{"grounds":"мера пресечения изменена судом"}""" },
        {
            EventTypes.VideoRecorded, $$"""{"sha256":"{{Digest}}","startedAt":"2026-03-02T13:00:00+05:00","endedAt":"2026-03-02T08:30:00Z","deviceId":"cam-7"}""",
            $$"""{"sha256":"{{Digest.ToLowerInvariant()}}","startedAt":"2026-03-02T08:00:00Z","endedAt":"2026-03-02T08:30:00Z","deviceId":"cam-7"}"""
        },
        { EventTypes.IllTreatmentComplaint, """{"note":"Жалоба на избиение","by":"задержанный"}""", """{"note":"Жалоба на избиение","by":"задержанный"}""" },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public async Task Each_type_goes_from_the_api_to_its_row_and_its_view_unchanged(string type, string sent, string stored)
    {
        var (custody, id, detainedAt, facility) = await DetentionAsync();
        var body = Body(type, detainedAt.AddMinutes(50), sent, facility);
        var expected = (JsonObject)JsonNode.Parse(stored.Replace("{facility}", facility.ToString(), StringComparison.Ordinal))!;

        var created = await (await custody.Client.PostJsonAsync(EventsUrl(id), body)).ExpectAsync(HttpStatusCode.Created);

        var row = await Host.WithDbAsync(db => db.Set<DetentionEvent>().AsNoTracking().SingleAsync(e => e.DetentionId == id));
        Assert.Equal(type, row.Type);
        // The bytes the hand-built JSON object wrote for the same fields, which the log's commitment is made from.
        Assert.Equal(expected.ToJsonString(), row.Data);
        var record = CustodyEventJson.FromStored(row);
        Assert.Equal(type, record.Type);
        Assert.Equal(row.Data, CustodyEventJson.Fields(record));
        Assert.True(JsonNode.DeepEquals(expected, created["event"]!["fields"]), created.ToJsonString());
        // Read back by the region's prosecutor, who may read every kind (a custody officer does not read complaints).
        var prosecutor = await Host.UserAsync(Aigaq.Access.Roles.Prosecutor, region: "KZ-75");
        var entry = Assert.Single((await prosecutor.GetDetentionAsync(id))["timeline"].Objects());
        Assert.Equal(type, entry.Str("type"));
        Assert.True(JsonNode.DeepEquals(expected, entry["fields"]), entry.ToJsonString());
    }

    [Fact]
    public async Task The_type_may_come_after_the_other_members()
    {
        var (custody, id, detainedAt, _) = await DetentionAsync();
        var body = new JsonObject { ["at"] = Requests.Instant(detainedAt.AddHours(1)), ["decision"] = "арест", ["type"] = EventTypes.CourtDecision };

        var created = await (await custody.Client.PostJsonAsync(EventsUrl(id), body)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(EventTypes.CourtDecision, created["event"].Str("type"));
    }

    /// <summary>A body, the field its problem names, and why; <c>{at}</c> is an hour after the detention.</summary>
    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"at":"{at}","note":"x"}""", "type", "no discriminator" },
        { """{"type":null,"at":"{at}"}""", "type", "a null discriminator" },
        { """{"type":7,"at":"{at}"}""", "type", "a discriminator that is not a string" },
        { """{"type":"MedicalExamination","at":"{at}","injuriesFound":true}""", "type", "the discriminator is the API's name, not the record's" },
        { """{"type":"released","at":null}""", "at", "a null instant" },
        { """{"type":"released","at":"{at}","corrects":"not-an-id","reason":"x"}""", "corrects", "a correction of no id" },
        { """{"type":"released","at":"{at}","reason":5}""", "reason", "a reason that is not text" },
        { """{"type":"arrivedAtFacility","at":"{at}","facilityId":"Almaty IVS"}""", "facilityId", "arrivedAtFacility: a facility that is not an id" },
        { """{"type":"arrivedAtFacility","at":"{at}","facilityId":"{unknown}"}""", "facilityId", "arrivedAtFacility: a facility not in the register" },
        { """{"type":"protocolDrawn","at":"{at}","protocolNumber":"{long}"}""", "protocolNumber", "protocolDrawn: a number past the longest text" },
        { """{"type":"rightsExplained","at":"{at}","language":5}""", "language", "rightsExplained: a language that is not text" },
        { """{"type":"defenderArrived","at":"{at}","defenderName":["Иванов"]}""", "defenderName", "defenderArrived: a name that is a list" },
        { """{"type":"medicalExamination","at":"{at}","examiner":"врач"}""", "injuriesFound", "medicalExamination: whether injuries were found is required" },
        { """{"type":"medicalExamination","at":"{at}","injuriesFound":"yes"}""", "injuriesFound", "medicalExamination: injuries found is true or false" },
        { """{"type":"investigativeActionStarted","at":"{at}","defenderPresent":"no"}""", "defenderPresent", "investigativeActionStarted: presence is true or false" },
        { """{"type":"investigativeActionStarted","at":"{at}","note":"{long}"}""", "note", "investigativeActionStarted: a note past the longest text" },
        { """{"type":"investigativeActionEnded","at":"{at}"}""", "defenderPresent", "investigativeActionEnded: whether a defender was present is required" },
        { """{"type":"investigativeActionEnded","at":"{at}","defenderPresent":null}""", "defenderPresent", "investigativeActionEnded: a null presence" },
        { """{"type":"transferred","at":"{at}"}""", "facilityId", "transferred: the facility is required" },
        { """{"type":"courtDecision","at":"{at}","decision":"   "}""", "decision", "courtDecision: a blank decision" },
        { """{"type":"released","at":"{at}","grounds":true}""", "grounds", "released: grounds that are not text" },
        { """{"type":"videoRecorded","at":"{at}","sha256":"abc","startedAt":"{at}","endedAt":"{at}","deviceId":"cam"}""", "sha256", "videoRecorded: a digest that is not 64 hex digits" },
        { """{"type":"videoRecorded","at":"{at}","sha256":"{digest}","startedAt":"2026-03-02T09:00:00","endedAt":"{at}","deviceId":"cam"}""", "startedAt", "videoRecorded: a start without an offset" },
        { """{"type":"videoRecorded","at":"{at}","sha256":"{digest}","startedAt":"{at}","endedAt":"2026-01-01T00:00:00Z","deviceId":"cam"}""", "endedAt", "videoRecorded: an end before the start" },
        { """{"type":"videoRecorded","at":"{at}","sha256":"{digest}","startedAt":"{at}","endedAt":"{at}"}""", "deviceId", "videoRecorded: the device is required" },
        { """{"type":"illTreatmentComplaint","at":"{at}","by":{"name":"x"}}""", "by", "illTreatmentComplaint: who complained is text" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_faulty_body_is_a_validation_problem_naming_the_field_and_writes_nothing(string json, string field, string why)
    {
        var (custody, id, detainedAt, _) = await DetentionAsync();
        var body = json.Replace("{at}", Requests.Instant(detainedAt.AddHours(1)), StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{long}", new string('я', CustodyEvent.MaxText + 1), StringComparison.Ordinal)
            .Replace("{digest}", Digest, StringComparison.Ordinal);
        var before = await Host.CountAsync<DetentionEvent>();

        var response = await custody.Client.PostRawAsync(EventsUrl(id), body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.True(ProblemTypes.Validation == problem.Str("type"), why);
        Assert.Equal(before, await Host.CountAsync<DetentionEvent>());
    }

    private Task<HeldDetention> DetentionAsync() => Host.HeldAsync();

    private static JsonObject Body(string type, DateTimeOffset at, string fields, Guid facility)
    {
        var body = new JsonObject { ["type"] = type, ["at"] = Requests.Instant(at) };
        foreach (var (name, value) in (JsonObject)JsonNode.Parse(fields.Replace("{facility}", facility.ToString(), StringComparison.Ordinal))!)
        {
            body[name] = value?.DeepClone();
        }

        return body;
    }

    private static string EventsUrl(Guid id) => Scenario.EventsUrl(id);
}

public sealed class TypedEventsOnSqlite(SqliteHost fixture) : TypedEventTests(fixture), IClassFixture<SqliteHost>;

public sealed class TypedEventsOnPostgres(PostgresHost fixture) : TypedEventTests(fixture), IClassFixture<PostgresHost>;

/// <summary>The records and the contract's names: one record a type, under the type's name.</summary>
public sealed class CustodyEventTypesTests
{
    [Fact]
    public void Every_event_type_of_the_contract_has_one_record_under_its_name()
    {
        var records = typeof(CustodyEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CustodyEvent)) && !t.IsAbstract);

        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), records.Select(CustodyEventJson.NameOf).Order(StringComparer.Ordinal));
    }
}
