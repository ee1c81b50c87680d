using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Detentions;
using Aigaq.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Detentions;

/// <summary>POST /api/v1/detentions through the real pipeline, on SQLite and on PostgreSQL.</summary>
public abstract class RegistrationTests(HostFixture fixture)
{
    private const string Url = "/api/v1/detentions";
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Registration_answers_201_with_location_number_server_time_deadlines_alerts_and_notifications()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var detainedAt = Host.Now.AddMinutes(-40);
        var body = Requests.Detention(facility.Id, detainedAt, contacts: new JsonArray(
            Requests.Contact("relative", "Айгуль Ахметова", phone: "+77011234567", email: "aigul@example.kz")))
            .Without("rightsExplainedAt");

        var response = await officer.Client.PostJsonAsync(Url, body);

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        Assert.Equal($"/api/v1/detentions/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches(@"^D75-\d{6}$", created.Str("number"));
        Assert.Equal(detainedAt, DateTimeOffset.Parse(created.Str("detainedAt"), System.Globalization.CultureInfo.InvariantCulture));
        // The server stamps its own receipt time, whatever the officer claims.
        Assert.Equal(Host.Now, DateTimeOffset.Parse(created.Str("recordedAt"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(detainedAt.AddHours(48), DateTimeOffset.Parse(created["deadlines"].Str("courtBy"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(detainedAt.AddHours(3), DateTimeOffset.Parse(created["deadlines"].Str("protocolBy"), System.Globalization.CultureInfo.InvariantCulture));
        // Registered 40 minutes late and without rights stated.
        Assert.Equal([AlertCodes.LateRegistration, AlertCodes.RightsNotExplained], created["alerts"].Codes());
        var notifications = created["notifications"].Objects().ToList();
        Assert.Equal(2, notifications.Count);
        Assert.All(notifications, n =>
        {
            Assert.Equal("relative", n.Str("role"));
            Assert.Equal("pending", n.Str("status"));
        });
        Assert.Equal(["email", "sms"], notifications.Select(n => n.Str("channel")).Order(StringComparer.Ordinal));

        var stored = await Host.WithDbAsync(async db => await db.Set<Detention>().FindAsync(id));
        Assert.NotNull(stored);
        Assert.Equal(officer.Id, stored.RecordedBy);
    }

    [Fact]
    public async Task Instants_sent_in_Almaty_time_are_kept_as_the_same_instants()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var custody = await Host.UserAsync(Roles.CustodyOfficer, facility: facility.Id);
        var detainedAt = Host.Now.AddMinutes(-5).ToOffset(TimeSpan.FromHours(5));

        var created = await (await officer.Client.PostJsonAsync(Url, Requests.Detention(facility.Id, detainedAt))).ExpectAsync(HttpStatusCode.Created);
        await (await custody.Client.PostJsonAsync($"{Url}/{created.Id()}/events", Requests.Event("arrivedAtFacility", Host.Now.ToOffset(TimeSpan.FromHours(5)))))
            .ExpectAsync(HttpStatusCode.Created);

        var read = await custody.GetDetentionAsync(created.Id());
        Assert.Equal(detainedAt, DateTimeOffset.Parse(read.Str("detainedAt"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Host.Now, DateTimeOffset.Parse(read["timeline"].Objects().Single().Str("at"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Registration_notifies_the_regions_prosecutors_as_well_as_the_contacts()
    {
        var facility = await Host.FacilityAsync(region: "KZ-79");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-79");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-79");

        var created = await (await officer.Client.PostJsonAsync(Url, Requests.Detention(facility.Id, Host.Now, region: "KZ-79")))
            .ExpectAsync(HttpStatusCode.Created);

        var toProsecutor = Assert.Single(created["notifications"].Objects(), n => n.Str("role") == "prosecutor");
        Assert.Equal(prosecutor.User.Email, toProsecutor.Str("address"));
        Assert.Equal("email", toProsecutor.Str("channel"));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_and_body_returns_the_first_answer_and_creates_nothing()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var body = Requests.Detention(facility.Id, Host.Now.AddMinutes(-1));
        var key = Guid.NewGuid().ToString();
        var before = await Host.CountAsync<Detention>();

        var first = await officer.Client.PostJsonAsync(Url, body, key);
        var second = await officer.Client.PostJsonAsync(Url, body, key);

        await first.ExpectAsync(HttpStatusCode.Created);
        await second.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await Host.CountAsync<Detention>());
    }

    [Fact]
    public async Task Concurrent_registrations_some_sent_twice_at_once_are_each_stored_once_with_their_own_number_and_log_index()
    {
        // On PostgreSQL these go through the group commit: many requests' rows in one transaction.
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var before = await Host.CountAsync<Detention>();
        var requests = Enumerable.Range(0, 24).Select(i => (Key: Guid.NewGuid().ToString(), Body: Requests.Detention(facility.Id, Host.Now, lastName: $"Параллель{i}"))).ToList();
        // Every third request is sent twice at the same moment with the same key.
        var sends = requests.Concat(requests.Where((_, i) => i % 3 == 0)).ToList();

        var responses = await Task.WhenAll(sends.Select(async r =>
        {
            using var response = await officer.Client.PostJsonAsync(Url, r.Body.DeepClone(), r.Key);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (r.Key, Json: await response.Content.ReadAsStringAsync());
        }));

        foreach (var same in responses.GroupBy(r => r.Key))
        {
            Assert.Single(same.Select(r => r.Json).Distinct(StringComparer.Ordinal));
        }

        var created = responses.DistinctBy(r => r.Key).Select(r => JsonNode.Parse(r.Json)!).ToList();
        Assert.Equal(before + requests.Count, await Host.CountAsync<Detention>());
        Assert.Equal(requests.Count, created.Select(c => c.Str("number")).Distinct(StringComparer.Ordinal).Count());
        var indices = created.Select(c => (long)c["log"]!["index"]!).ToList();
        Assert.Equal(requests.Count, indices.Distinct().Count());
        var stored = await Host.WithDbAsync(async db => await db.Set<Aigaq.TransparencyLog.LedgerEntry>()
            .Where(e => indices.Contains(e.Index)).Select(e => new { e.Index, e.RecordId, e.LeafHash }).ToListAsync());
        Assert.All(created, c => Assert.Contains(stored, s =>
            s.Index == (long)c["log"]!["index"]! && s.RecordId == Guid.Parse(c.Str("id")) && s.LeafHash == c["log"].Str("leafHash")));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_refused_with_422_naming_the_header()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var key = Guid.NewGuid().ToString();
        await (await officer.Client.PostJsonAsync(Url, Requests.Detention(facility.Id, Host.Now), key)).ExpectAsync(HttpStatusCode.Created);
        var before = await Host.CountAsync<Detention>();

        var other = await officer.Client.PostJsonAsync(Url, Requests.Detention(facility.Id, Host.Now, lastName: "Петров"), key);

        await other.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(before, await Host.CountAsync<Detention>());
    }

    [Fact]
    public async Task A_used_idempotency_key_with_a_body_that_fails_validation_is_refused_with_422_naming_the_header()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var key = Guid.NewGuid().ToString();
        await (await officer.Client.PostJsonAsync(Url, Requests.Detention(facility.Id, Host.Now), key)).ExpectAsync(HttpStatusCode.Created);
        var before = await Host.CountAsync<Detention>();

        // An unknown facility: the command refuses it, but the key's first use is what answers.
        var other = await officer.Client.PostJsonAsync(Url, Requests.Detention(Guid.NewGuid(), Host.Now), key);

        await other.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(before, await Host.CountAsync<Detention>());
    }

    public static TheoryData<string, string> SpoiledBodies => new()
    {
        { "malformed JSON", "person" },
        { "wrong type", "detainedAt" },
        { "unknown enum", "grounds.kind" },
        { "missing person", "person" },
        { "missing last name", "person.lastName" },
        { "missing detainedAt", "detainedAt" },
        { "missing destination", "destination" },
        { "missing officers", "officers" },
        { "instant without offset", "detainedAt" },
        { "future instant", "detainedAt" },
        { "bad IIN check digit", "person.iin" },
        { "IIN disagrees with birth date", "person.iin" },
        { "unknown facility", "destination.facilityId" },
        { "unknown region", "region" },
        { "contact without phone or e-mail", "contacts[0]" },
        { "rights stated before detention", "rightsExplainedAt" },
        { "phone that is no number", "contacts[0].phone" },
    };

    [Theory]
    [MemberData(nameof(SpoiledBodies))]
    public async Task Bad_input_is_refused_with_a_problem_naming_the_field_and_writes_nothing(string spoil, string field)
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var body = Requests.Detention(facility.Id, Host.Now.AddMinutes(-5));
        var raw = spoil switch
        {
            "malformed JSON" => """{ "person": { "lastName": "Ахметов" "firstName": "Ерлан" } }""",
            "wrong type" => body.With("detainedAt", 1700000000).ToJsonString(),
            "unknown enum" => body.With("grounds.kind", "hunch").ToJsonString(),
            "missing person" => body.Without("person").ToJsonString(),
            "missing last name" => body.Without("person.lastName").ToJsonString(),
            "missing detainedAt" => body.Without("detainedAt").ToJsonString(),
            "missing destination" => body.Without("destination").ToJsonString(),
            "missing officers" => body.Without("officers").ToJsonString(),
            "instant without offset" => body.With("detainedAt", "2026-03-02T14:55:00").ToJsonString(),
            "future instant" => body.With("detainedAt", Requests.Instant(Host.Now.AddHours(1))).Without("rightsExplainedAt").ToJsonString(),
            "bad IIN check digit" => body.With("person.iin", IinTests.WithWrongCheckDigit("94051730045")).ToJsonString(),
            "IIN disagrees with birth date" => body.With("person.iin", IinTests.WithCheckDigit("95051730045")).ToJsonString(),
            "unknown facility" => body.With("destination.facilityId", Guid.NewGuid().ToString()).ToJsonString(),
            "unknown region" => body.With("region", "KZ-99").ToJsonString(),
            "contact without phone or e-mail" => body.With("contacts", new JsonArray(Requests.Contact("relative", "Айгуль"))).ToJsonString(),
            "rights stated before detention" => body.With("rightsExplainedAt", Requests.Instant(Host.Now.AddMinutes(-30))).ToJsonString(),
            "phone that is no number" => body.With("contacts", new JsonArray(Requests.Contact("relative", "Айгуль", phone: "8 701 12"))).ToJsonString(),
            _ => throw new ArgumentOutOfRangeException(nameof(spoil)),
        };
        var counts = await CountsAsync();

        var response = await officer.Client.PostRawAsync(Url, raw);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task A_phone_written_the_Kazakh_way_is_stored_in_international_form()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var body = Requests.Detention(facility.Id, Host.Now.AddMinutes(-5), contacts: new JsonArray(
            Requests.Contact("relative", "Айгуль Ахметова", phone: "8 (701) 123-45-67")));

        var created = await (await officer.Client.PostJsonAsync(Url, body)).ExpectAsync(HttpStatusCode.Created);

        var id = Guid.Parse(created.Str("id"));
        var stored = await Host.WithDbAsync(db => db.Set<Detention>().Include(d => d.Contacts).SingleAsync(d => d.Id == id));
        Assert.Equal("+77011234567", Assert.Single(stored.Contacts).Phone);
    }

    [Fact]
    public async Task A_valid_iin_matching_the_birth_date_is_accepted()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var body = Requests.Detention(facility.Id, Host.Now).With("person.iin", IinTests.WithCheckDigit("94051730045"));

        await (await officer.Client.PostJsonAsync(Url, body)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_writes_nothing()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var body = Requests.Detention(facility.Id, Host.Now).With("grounds.description", new string('x', 100_000));
        var counts = await CountsAsync();

        var response = await officer.Client.PostJsonAsync(Url, body);

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(counts, await CountsAsync());
    }

    private async Task<(int Detentions, int Alerts, int Notifications)> CountsAsync() =>
        (await Host.CountAsync<Detention>(), await Host.CountAsync<Alert>(), await Host.CountAsync<Notification>());
}

public sealed class RegistrationOnSqlite(SqliteHost fixture) : RegistrationTests(fixture), IClassFixture<SqliteHost>;

public sealed class RegistrationOnPostgres(PostgresHost fixture) : RegistrationTests(fixture), IClassFixture<PostgresHost>;
