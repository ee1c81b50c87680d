using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Access;

/// <summary>
/// <c>POST /api/v1/users/{id}/changes</c> and <c>GET /api/v1/users/{id}/changes</c>: an administrator changes an
/// account by the rules of its page, each change a logged record read back in order; what the body leaves out stays,
/// a null region or facility is taken away; anyone else is refused, and a bad body is refused naming the field.
/// </summary>
public abstract class AccountChangeApiTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private static string Changes(Guid user) => $"/api/v1/users/{user}/changes";

    [Fact]
    public async Task An_administrators_changes_are_created_logged_and_listed_in_order()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);

        var response = await admin.Client.PostJsonAsync(Changes(officer.Id), new JsonObject
        {
            ["role"] = Roles.Investigator,
            ["region"] = "KZ-71",
            ["reason"] = "Приказ № 7: назначен следователем в Астане",
        });

        var first = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"{Changes(officer.Id)}/1", response.Headers.Location?.OriginalString);
        Assert.Equal((1, admin.Id.ToString(), "Приказ № 7: назначен следователем в Астане"), (first["number"]!.GetValue<int>(), first.Str("by"), first.Str("reason")));
        Assert.Equal((Roles.Officer, "KZ-75"), (first["from"].Str("role"), first["from"].Str("region")));
        Assert.Equal((Roles.Investigator, "KZ-71", false), (first["to"].Str("role"), first["to"].Str("region"), first["to"]!["deactivated"]!.GetValue<bool>()));
        var entry = await Host.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.RecordId == first.Id()));
        Assert.Equal((UserAccounts.ChangedKind, entry.Index), (entry.Kind, first["log"]!["index"]!.GetValue<long>()));
        await (await admin.Client.GetAsync(response.Headers.Location)).ExpectAsync(HttpStatusCode.OK);

        // The region taken away; the role, left out, stays.
        var second = await (await admin.Client.PostJsonAsync(Changes(officer.Id), new JsonObject
        {
            ["region"] = null,
            ["reason"] = "Переведён в центральный аппарат",
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal((2, Roles.Investigator), (second["number"]!.GetValue<int>(), second["to"].Str("role")));
        Assert.Null(second["to"]!["region"]);
        Assert.Null(await Host.WithDbAsync(db => db.Users.Where(u => u.Id == officer.Id).Select(u => u.Region).SingleAsync()));

        var list = await (await admin.Client.GetAsync(Changes(officer.Id))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([first.Id(), second.Id()], list["items"].Objects().Select(c => c.Id()));
        Assert.True(list.ContainsKey("next"));
        Assert.Null(list["next"]);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_answer_and_changes_nothing_more()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var body = new JsonObject { ["deactivated"] = true, ["reason"] = "Уволен приказом № 9" };
        var key = Guid.NewGuid().ToString();

        var first = await (await admin.Client.PostJsonAsync(Changes(officer.Id), body, key)).ExpectAsync(HttpStatusCode.Created);
        var again = await admin.Client.PostJsonAsync(Changes(officer.Id), body, key);

        Assert.Equal(first.Id(), (await again.ExpectAsync(HttpStatusCode.Created)).Id());
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == officer.Id)));
    }

    [Fact]
    public async Task Anyone_but_an_administrator_is_refused_and_nothing_is_written()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var officer = await Host.UserAsync(Roles.Officer);

        await (await prosecutor.Client.PostJsonAsync(Changes(officer.Id), new JsonObject { ["role"] = Roles.Administrator, ["reason"] = "захват" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await prosecutor.Client.GetAsync(Changes(officer.Id))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.Client.PostJsonAsync(Changes(officer.Id), new JsonObject { ["region"] = "KZ-71", ["reason"] = "сам себе" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == officer.Id)));
        Assert.Equal(Roles.Officer, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, officer.Id, CancellationToken.None)));
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        // case, body, the field named
        { "no reason", """{ "region": "KZ-71" }""", "reason" },
        { "a blank reason", """{ "region": "KZ-71", "reason": "  " }""", "reason" },
        { "no such role", """{ "role": "Sheriff", "reason": "перевод" }""", "role" },
        { "no such region", """{ "region": "KZ-00", "reason": "перевод" }""", "region" },
        { "a region that is not text", """{ "region": 75, "reason": "перевод" }""", "region" },
        { "a facility id that is not one", """{ "facilityId": "ИВС-1", "reason": "перевод" }""", "facilityId" },
        { "a facility not in the register", $$"""{ "facilityId": "{{Guid.NewGuid()}}", "reason": "перевод" }""", "facilityId" },
        { "activity that is not true or false", """{ "deactivated": "yes", "reason": "перевод" }""", "deactivated" },
        { "nothing changes", """{ "region": "KZ-75", "reason": "перевод" }""", "change" },
        { "a role of power, which a second administrator approves", """{ "role": "Prosecutor", "reason": "назначение" }""", "role" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_refused_naming_the_field_and_writes_nothing(string why, string body, string field)
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var entries = await Host.CountAsync<LedgerEntry>();

        var response = await admin.Client.PostRawAsync(Changes(officer.Id), body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == officer.Id)));
        Assert.Equal(entries, await Host.CountAsync<LedgerEntry>());
    }

    [Fact]
    public async Task An_account_that_does_not_exist_is_not_found()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);

        await (await admin.Client.PostJsonAsync(Changes(Guid.NewGuid()), new JsonObject { ["region"] = "KZ-71", ["reason"] = "перевод" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.Client.GetAsync(Changes(Guid.NewGuid()))).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class AccountChangeApiOnSqlite(SqliteHost fixture) : AccountChangeApiTests(fixture), IClassFixture<SqliteHost>;

public sealed class AccountChangeApiOnPostgres(PostgresHost fixture) : AccountChangeApiTests(fixture), IClassFixture<PostgresHost>;
