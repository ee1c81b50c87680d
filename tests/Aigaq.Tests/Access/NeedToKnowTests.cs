using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;

namespace Aigaq.Tests.Access;

/// <summary>
/// Need to know on the custody timeline (issue 13, item 1): what a detainee alleges and what a doctor found are read by
/// prosecutors, special prosecutors and the defender; the detaining agency's roles see that an entry exists, never its
/// kind or content. The detention's page shows the same view (GetDetention.FindAsync), so the API is what is tested here.
/// </summary>
public abstract class NeedToKnowTests(HostFixture fixture)
{
    private const string Allegation = "Sergeant Kairatov beat him with a bottle";
    private const string Examiner = "Dr Zhanar Abenova";

    private AigaqHost Host => fixture.Host;

    public static TheoryData<string, bool> Readers => new()
    {
        { "officer who registered it", false },
        { "custody officer of the facility", false },
        { "investigator of the region", false },
        { "prosecutor of the region", true },
        { "special prosecutor of the region", true },
        { "defender named as a contact", true },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Complaints_medical_findings_and_injury_alerts_are_read_only_by_those_who_need_to_know(string who, bool reads)
    {
        var facility = await Host.FacilityAsync(region: "KZ-75");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-75");
        var custody = await Host.UserAsync(Roles.CustodyOfficer, region: "KZ-75", facility: facility.Id);
        var defenderEmail = $"defender.{Guid.NewGuid():N}@advokat.kz";
        var detainedAt = Host.Now.AddHours(-2);
        var id = (await Host.RegisterAsync(officer, facility.Id, detainedAt, b => b["contacts"] = new JsonArray(
            Requests.Contact("defender", "Гульнара Сатпаева", email: defenderEmail)))).Id();
        await Record(custody, id, new JsonObject
        {
            ["type"] = "illTreatmentComplaint",
            ["at"] = Requests.Instant(detainedAt.AddHours(1)),
            ["by"] = "the detainee",
            ["note"] = Allegation,
        });
        await Record(custody, id, new JsonObject
        {
            ["type"] = "medicalExamination",
            ["at"] = Requests.Instant(detainedAt.AddHours(1.5)),
            ["injuriesFound"] = true,
            ["examiner"] = Examiner,
        });
        var reader = who switch
        {
            "officer who registered it" => officer,
            "custody officer of the facility" => custody,
            "investigator of the region" => await Host.UserAsync(Roles.Investigator, region: "KZ-75"),
            "prosecutor of the region" => await Host.UserAsync(Roles.Prosecutor, region: "KZ-75"),
            "special prosecutor of the region" => await Host.UserAsync(Roles.SpecialProsecutor, region: "KZ-75"),
            "defender named as a contact" => await Host.UserAsync(Roles.Defender, region: null, email: defenderEmail),
            _ => throw new ArgumentOutOfRangeException(nameof(who)),
        };

        var response = await reader.Client.GetAsync($"{Scenario.Detentions}/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detention = (JsonObject)JsonNode.Parse(text)!;
        var timeline = detention["timeline"].Objects().ToList();
        var alerts = detention["alerts"].Objects().Select(a => a.Str("code")).ToList();

        // Two entries either way: the existence and time of each is never hidden.
        Assert.Equal(2, timeline.Count);
        if (reads)
        {
            Assert.Equal(["illTreatmentComplaint", "medicalExamination"], timeline.Select(e => e.Str("type")));
            Assert.Contains(Allegation, text, StringComparison.Ordinal);
            Assert.Contains("InjuriesRecorded", alerts);
            Assert.Contains(Examiner, text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(["withheld", "withheld"], timeline.Select(e => e.Str("type")));
            Assert.All(timeline, e => Assert.Empty(e["fields"]!.AsObject()));
            Assert.DoesNotContain("InjuriesRecorded", alerts);
            Assert.Contains("Withheld", alerts);
            foreach (var secret in new[] { Allegation, Examiner, "illTreatmentComplaint", "medicalExamination", "injuries" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static async Task Record(TestUser custody, Guid id, JsonObject body) =>
        await (await custody.Client.PostJsonAsync(Scenario.EventsUrl(id), body)).ExpectAsync(HttpStatusCode.Created);
}

public sealed class NeedToKnowOnSqlite(SqliteHost fixture) : NeedToKnowTests(fixture), IClassFixture<SqliteHost>;

public sealed class NeedToKnowOnPostgres(PostgresHost fixture) : NeedToKnowTests(fixture), IClassFixture<PostgresHost>;
