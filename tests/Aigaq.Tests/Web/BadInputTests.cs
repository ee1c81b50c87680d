using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Cases;
using Aigaq.Detentions;
using Aigaq.Tests.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Web;

/// <summary>
/// Every input is answered with a 4xx that names the field, and nothing is written (issue 13, item 5): NUL and other
/// control characters (PostgreSQL cannot store a NUL), unpaired surrogates, bidirectional controls, invisible
/// characters in names, members given twice, empty persons and ERDR numbers not of the pack's form. On both providers.
/// </summary>
public abstract class BadInputTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    public static TheoryData<string, string> BadNames => new()
    {
        { "Ахметов\u0000", Aigaq.Web.Text.ControlCharacter },
        { "Ахметов\u0007", Aigaq.Web.Text.ControlCharacter },
        { "Ахм\u0085етов", Aigaq.Web.Text.ControlCharacter },
        { "\u202eвотемхА", Aigaq.Web.Text.Bidirectional },
        { "Ахм\u2066етов", Aigaq.Web.Text.Bidirectional },
        { "Ахме\u200bтов", Aigaq.Web.Text.Invisible },
        { "Ахметов\ufeff", Aigaq.Web.Text.Invisible },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_detainees_name_with_a_character_that_hides_or_breaks_text_is_refused(string name, string message)
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var before = await CountAsync<Detention>();

        var body = Requests.Detention(facility.Id, Host.Now).With("person.lastName", name);
        var problem = await (await officer.Client.PostJsonAsync(Scenario.Detentions, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "person.lastName");

        Assert.Contains(message, problem["errors"]!["person.lastName"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync<Detention>());
    }

    [Fact]
    public async Task An_unpaired_surrogate_is_refused_in_typed_bodies_and_in_custody_events_alike()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var before = await CountAsync<Detention>();

        var body = Requests.Detention(facility.Id, Host.Now, lastName: "LASTNAME").ToJsonString().Replace("LASTNAME", "Akhmetov\\ud800", StringComparison.Ordinal);
        await (await officer.Client.PostRawAsync(Scenario.Detentions, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "person.lastName");
        Assert.Equal(before, await CountAsync<Detention>());

        var held = await Host.HeldAsync();
        var events = await CountAsync<DetentionEvent>();
        var note = Requests.Event("protocolDrawn", Host.Now.AddMinutes(-5), ("protocolNumber", "П-17"), ("note", "X")).ToJsonString()
            .Replace("\"X\"", "\"\\udc00 lone\"", StringComparison.Ordinal);
        // The event's body is read as a JSON object first, whose reader refuses the text for the whole body.
        await (await held.Custody.Client.PostRawAsync(Scenario.EventsUrl(held.Id), note)).ExpectProblemAsync(HttpStatusCode.BadRequest, "body");
        Assert.Equal(events, await CountAsync<DetentionEvent>());
    }

    [Fact]
    public async Task A_nul_in_a_custody_events_note_is_refused_naming_the_note()
    {
        var held = await Host.HeldAsync();
        var events = await CountAsync<DetentionEvent>();
        var body = Requests.Event("protocolDrawn", Host.Now.AddMinutes(-5), ("protocolNumber", "П-17"), ("note", "составлен\u0000"));
        await (await held.Custody.Client.PostJsonAsync(Scenario.EventsUrl(held.Id), body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "note");
        Assert.Equal(events, await CountAsync<DetentionEvent>());
    }

    [Fact]
    public async Task A_member_given_twice_is_refused_not_silently_the_last()
    {
        var held = await Host.HeldAsync();
        var events = await CountAsync<DetentionEvent>();
        var at = Requests.Instant(Host.Now.AddMinutes(-5));
        var twice = $$"""{"type":"protocolDrawn","at":"{{at}}","protocolNumber":"П-1","protocolNumber":"П-2"}""";
        await (await held.Custody.Client.PostRawAsync(Scenario.EventsUrl(held.Id), twice)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var typeTwice = $$"""{"type":"protocolDrawn","type":"released","at":"{{at}}","protocolNumber":"П-1"}""";
        await (await held.Custody.Client.PostRawAsync(Scenario.EventsUrl(held.Id), typeTwice)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(events, await CountAsync<DetentionEvent>());

        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var detentions = await CountAsync<Detention>();
        var body = Requests.Detention(facility.Id, Host.Now).ToJsonString();
        var repeated = body.Insert(body.Length - 1, ",\"region\":\"KZ-71\"");
        await (await officer.Client.PostRawAsync(Scenario.Detentions, repeated)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(detentions, await CountAsync<Detention>());
    }

    [Fact]
    public async Task A_report_with_an_empty_victim_or_a_nul_in_its_narrative_is_refused()
    {
        var lawyer = await Host.UserAsync(Roles.Defender);
        var before = await CountAsync<Report>();

        var empty = CaseScenario.Report(Host.Now.AddHours(-1)).With("victims", new JsonArray(new JsonObject()));
        await (await lawyer.Client.PostJsonAsync(CaseScenario.Reports, empty)).ExpectProblemAsync(HttpStatusCode.BadRequest, "victims[0]");

        var nul = CaseScenario.Report(Host.Now.AddHours(-1)).With("narrative", "Избивали\u0000 в ИВС");
        await (await lawyer.Client.PostJsonAsync(CaseScenario.Reports, nul)).ExpectProblemAsync(HttpStatusCode.BadRequest, "narrative");
        Assert.Equal(before, await CountAsync<Report>());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("2615000310001234")]
    [InlineData("26150003100012A")]
    [InlineData("２６１５０００３１０００１２３")]
    public async Task An_erdr_number_not_of_the_packs_form_is_refused(string erdr)
    {
        var lawyer = await Host.UserAsync(Roles.Defender);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var report = await lawyer.ReceiveAsync(CaseScenario.Report(Host.Now.AddHours(-1)));
        var cases = await CountAsync<Case>();

        var response = await prosecutor.Client.PostJsonAsync($"{CaseScenario.Reports}/{report.Id()}/register", CaseScenario.Registration(erdr, Host.Now, 1));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "erdrNumber");
        Assert.Equal(cases, await CountAsync<Case>());
    }

    private Task<int> CountAsync<T>()
        where T : class => Host.WithDbAsync(d => d.Set<T>().CountAsync());
}

public sealed class SqliteBadInputTests(SqliteHost fixture) : BadInputTests(fixture), IClassFixture<SqliteHost>;

public sealed class PostgresBadInputTests(PostgresHost fixture) : BadInputTests(fixture), IClassFixture<PostgresHost>;
