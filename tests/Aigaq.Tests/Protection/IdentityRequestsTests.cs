using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Protection;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Protection;

/// <summary>
/// A host whose identity requests need two custodians (AND), with the people every test shares: three custodians of
/// KZ-75, a special prosecutor who enrolled a key to view, and a protected person sealed for the custodians. Argon2id is
/// slow by design, so each passphrase is turned into a key as few times as the behaviour under test needs.
/// </summary>
public abstract class IdentityHost(DatabaseProvider provider) : HostFixture(provider)
{
    public const string Passphrase = "хранитель тайны личности";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Aigaq:Protection:Approvals"] = "2" };

    public Lazy<Task<IdentityWorld>> World => field ??= new(() => IdentityWorld.BuildAsync(Host));
}

public sealed class IdentitySqliteHost() : IdentityHost(DatabaseProvider.Sqlite);

public sealed class IdentityPostgresHost() : IdentityHost(DatabaseProvider.Postgres);

public sealed record IdentityWorld(TestUser A, TestUser B, TestUser C, TestUser Viewer, Guid Person)
{
    public static async Task<IdentityWorld> BuildAsync(AigaqHost host)
    {
        var custodians = new List<TestUser>();
        foreach (var role in new[] { Roles.ProtectionOfficer, Roles.ProtectionOfficer, Roles.ProtectionOfficer, Roles.SpecialProsecutor })
        {
            var user = await host.UserAsync(role);
            await (await user.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = IdentityHost.Passphrase })).ExpectAsync(HttpStatusCode.Created);
            custodians.Add(user);
        }

        var person = await (await custodians[0].Client.PostJsonAsync("/api/v1/protected-persons", Body("Жұмабаев", "Асқар"))).ExpectAsync(HttpStatusCode.Created);
        return new(custodians[0], custodians[1], custodians[2], custodians[3], person.Id());
    }

    public static JsonObject Body(string lastName, string firstName) => new()
    {
        ["identity"] = new JsonObject
        {
            ["person"] = new JsonObject { ["lastName"] = lastName, ["firstName"] = firstName, ["birthDate"] = "1988-04-12" },
            ["phone"] = "+77015550011",
        },
        ["role"] = "witness",
        ["disclosure"] = "anonymous",
        ["risk"] = "high",
    };
}

/// <summary>
/// Identity requests (issue 15, item 4): a reason is required; custodians of the region decide, each once and with a
/// reason, never on their own request, N of them (AND) or any one (OR); a grant opens the identity to its requester only,
/// sealed for their key, while it lasts; asking and seeing are separate rights; every view is logged, and the whole
/// history stays with both sides' reasons.
/// </summary>
public abstract class IdentityRequestsTests(IdentityHost fixture)
{
    private AigaqHost Host => fixture.Host;

    private static string Asks(Guid person) => $"/api/v1/protected-persons/{person}/identity-requests";

    private static string Request(string id) => $"/api/v1/identity-requests/{id}";

    private static JsonObject Reason(string reason) => new() { ["reason"] = reason };

    private static JsonObject Decision(string decision, string reason, string? passphrase = null) =>
        new() { ["decision"] = decision, ["reason"] = reason, ["passphrase"] = passphrase };

    private static Task<HttpResponseMessage> ViewAsync(TestUser user, string id, string? passphrase = IdentityHost.Passphrase)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Request(id) + "/identity");
        if (passphrase is not null)
        {
            request.Headers.Add(IdentityRequests.PassphraseHeader, passphrase);
        }

        return user.Client.SendAsync(request);
    }

    private Task<int> AccessLogAsync(string id, string outcome) =>
        Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "identity.view" && e.Resource == id && e.Outcome == outcome));

    [Fact]
    public async Task Two_custodians_grant_the_requester_alone_sees_the_identity_until_the_grant_ends_and_the_history_keeps_both_reasons()
    {
        var w = await fixture.World.Value;
        var asked = await (await w.Viewer.Client.PostJsonAsync(Asks(w.Person), Reason("Допрос свидетеля по делу о пытках: нужна повестка"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("pending", asked.Str("status"));
        var id = asked.Str("id");

        var first = await (await w.A.Client.PostJsonAsync(Request(id) + "/decide", Decision("granted", "Повестка обоснована", IdentityHost.Passphrase))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("pending", first.Str("status"));
        // One grant of two opens nothing yet, and a custodian decides once.
        await (await ViewAsync(w.Viewer, id)).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await w.A.Client.PostJsonAsync(Request(id) + "/decide", Decision("denied", "передумал"))).ExpectProblemAsync(HttpStatusCode.Conflict, "decision");

        var second = await (await w.B.Client.PostJsonAsync(Request(id) + "/decide", Decision("granted", "Согласен, на сутки", IdentityHost.Passphrase))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("granted", second.Str("status"));
        Assert.Equal(Host.Now.AddHours(24), DateTimeOffset.Parse(second.Str("expiresAt"), System.Globalization.CultureInfo.InvariantCulture));

        // Sealed for the requester's key alone.
        var grant = await Host.WithDbAsync(db => db.Set<IdentityDecision>().SingleAsync(d => d.RequestId == Guid.Parse(id) && d.GrantEnvelope != null));
        Assert.Equal([w.Viewer.Id.ToString()], IdentityEnvelope.FromJson(grant.GrantEnvelope!).Wraps.Select(x => x.HolderId));
        Assert.DoesNotContain("Жұмабаев", grant.GrantEnvelope, StringComparison.Ordinal);

        var shown = await ViewAsync(w.Viewer, id);
        Assert.True(shown.Headers.CacheControl?.NoStore, "an identity is not cached");
        var identity = await shown.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Жұмабаев", identity["identity"]!["person"].Str("lastName"));
        Assert.Equal("+77015550011", identity["identity"].Str("phone"));

        // A page sends the passphrase in the body instead.
        var posted = await (await w.Viewer.Client.PostJsonAsync(Request(id) + "/identity", new JsonObject { ["passphrase"] = IdentityHost.Passphrase })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Жұмабаев", posted["identity"]!["person"].Str("lastName"));

        // Another user of the same role, or a custodian who granted it, never sees it, nor learns the request exists.
        var otherProsecutor = await Host.UserAsync(Roles.SpecialProsecutor);
        foreach (var other in new[] { otherProsecutor, w.A })
        {
            var refused = await (await ViewAsync(other, id)).ExpectProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain("Жұмабаев", refused.ToJsonString(), StringComparison.Ordinal);
        }

        // The view is a fact in the log (who, when) and an access-log entry; so is each refusal.
        var views = await Host.WithDbAsync(db => db.Set<IdentityView>().Where(v => v.RequestId == Guid.Parse(id)).ToListAsync());
        Assert.Equal([w.Viewer.Id, w.Viewer.Id], views.Select(v => v.ViewedBy));
        var viewIds = views.Select(v => v.Id).ToList();
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == IdentityLedger.Viewed && viewIds.Contains(e.RecordId))));
        Assert.Equal(2, await AccessLogAsync(id, "allowed"));
        Assert.Equal(2, await AccessLogAsync(id, "denied"));

        // After the grant's hours: refused with its own problem type, and logged.
        Host.Clock.Advance(TimeSpan.FromHours(24));
        var gone = await (await ViewAsync(w.Viewer, id)).ExpectProblemAsync(HttpStatusCode.Gone);
        Assert.Equal(ViewIdentity.GrantExpired, gone.Str("type"));
        Assert.Equal(1, await AccessLogAsync(id, "expired"));

        // The history, for a custodian of the region who took no part: both sides' reasons, who decided when, every view.
        var history = await (await w.C.Client.GetAsync(Request(id))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", history.Str("status"));
        Assert.Equal("Допрос свидетеля по делу о пытках: нужна повестка", history.Str("reason"));
        Assert.Equal(["Повестка обоснована", "Согласен, на сутки"], history["decisions"].Objects().Select(d => d.Str("reason")));
        Assert.Equal([w.A.Id.ToString(), w.B.Id.ToString()], history["decisions"].Objects().Select(d => d.Str("decidedBy")));
        Assert.Equal([w.Viewer.Id.ToString(), w.Viewer.Id.ToString()], history["views"].Objects().Select(v => v.Str("viewedBy")));
        Assert.DoesNotContain("Жұмабаев", history.ToJsonString(), StringComparison.Ordinal);

        // The person's list: a custodian sees every request, another requester only their own.
        var listed = await (await w.C.Client.GetAsync(Asks(w.Person))).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(listed["items"].Objects(), r => r.Str("id") == id);
        Assert.Empty((await (await otherProsecutor.Client.GetAsync(Asks(w.Person))).ExpectAsync(HttpStatusCode.OK))["items"].Objects());
        await (await otherProsecutor.Client.GetAsync(Request(id))).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task With_one_approval_any_custodian_grants_and_any_denial_denies_and_a_custodian_never_decides_their_own()
    {
        var w = await fixture.World.Value;
        await using var any = Host.Database.NewHost(new Dictionary<string, string?> { ["Aigaq:Protection:Approvals"] = "1" });
        var viewer = any.ClientWithToken(w.Viewer.Token);
        var a = any.ClientWithToken(w.A.Token);
        var b = any.ClientWithToken(w.B.Token);

        // OR: one custodian's grant grants; the request is then no longer another's to decide.
        var granted = (await (await viewer.PostJsonAsync(Asks(w.Person), Reason("Очная ставка"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var key = Guid.NewGuid().ToString("N");
        var decided = await (await a.PostJsonAsync(Request(granted) + "/decide", Decision("granted", "Обосновано", IdentityHost.Passphrase), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("granted", decided.Str("status"));

        // A retry with its key gets the first answer, though the request is no longer pending: the passphrase is checked
        // before the unit of work, the request's state in it.
        var retried = await (await a.PostJsonAsync(Request(granted) + "/decide", Decision("granted", "Обосновано", IdentityHost.Passphrase), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(decided.Str("id"), retried.Str("id"));
        await (await b.PostJsonAsync(Request(granted) + "/decide", Decision("denied", "поздно"))).ExpectProblemAsync(HttpStatusCode.Conflict);

        // A denial denies; the requester is told nothing is open, and may ask again with a new reason.
        var denied = (await (await viewer.PostJsonAsync(Asks(w.Person), Reason("Проверка алиби"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var no = await (await b.PostJsonAsync(Request(denied) + "/decide", Decision("denied", "Алиби проверяется без раскрытия личности"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("denied", no.Str("status"));
        await (await a.PostJsonAsync(Request(denied) + "/decide", Decision("denied", "тоже нет"))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await ViewAsync(w.Viewer, denied)).ExpectProblemAsync(HttpStatusCode.Conflict);
        var history = await (await viewer.GetAsync(Request(denied))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Алиби проверяется без раскрытия личности", history["decisions"].Objects().Single().Str("reason"));

        // A requester who may not see identities holds no key to seal for: the grant is refused, and nothing is written.
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var keyless = (await (await any.ClientWithToken(prosecutor.Token).PostJsonAsync(Asks(w.Person), Reason("Надзорная проверка"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        await (await a.PostJsonAsync(Request(keyless) + "/decide", Decision("granted", "да", IdentityHost.Passphrase))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<IdentityDecision>().CountAsync(d => d.RequestId == Guid.Parse(keyless))));

        // A custodian who asks does not decide their own request.
        var own = (await (await a.PostJsonAsync(Asks(w.Person), Reason("Нужно связаться с человеком"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var before = await Host.CountAsync<IdentityDecision>();
        await (await a.PostJsonAsync(Request(own) + "/decide", Decision("denied", "сам себе"))).ExpectProblemAsync(HttpStatusCode.Forbidden, "decision");
        Assert.Equal(before, await Host.CountAsync<IdentityDecision>());
    }

    [Theory]
    [InlineData("ask", "reason", null)]
    [InlineData("ask", "reason", "   ")]
    [InlineData("decide", "reason", null)]
    [InlineData("decide", "decision", "maybe")]
    [InlineData("decide", "passphrase", null)]
    [InlineData("decide", "passphrase", "не та фраза, совсем не та")]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_written(string step, string field, string? value)
    {
        var w = await fixture.World.Value;
        var id = (await (await w.Viewer.Client.PostJsonAsync(Asks(w.Person), Reason("Для суда"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        var (requests, decisions) = (await Host.CountAsync<IdentityRequest>(), await Host.CountAsync<IdentityDecision>());
        var body = step == "ask" ? Reason("x") : Decision("granted", "Обосновано", IdentityHost.Passphrase);
        body[field] = value;

        var response = step == "ask"
            ? await w.Viewer.Client.PostJsonAsync(Asks(w.Person), body)
            : await w.A.Client.PostJsonAsync(Request(id) + "/decide", body);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal((requests, decisions), (await Host.CountAsync<IdentityRequest>(), await Host.CountAsync<IdentityDecision>()));
        if (value?.StartsWith("не та", StringComparison.Ordinal) == true)
        {
            // A wrong passphrase leaves a trace: guessing is seen.
            Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.Action == "identity.decide" && e.Resource == id && e.Outcome == "denied")));
        }
    }

    [Fact]
    public async Task Asking_and_seeing_are_separate_rights_and_each_endpoint_refuses_whoever_lacks_them()
    {
        var w = await fixture.World.Value;
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var officer = await Host.UserAsync(Roles.Officer);
        var monitor = await Host.UserAsync(Roles.Monitor);
        var elsewhere = await Host.UserAsync(Roles.ProtectionOfficer, region: "KZ-71");

        // A prosecutor may ask, never see: no key of theirs to seal for, and no right to view.
        var id = (await (await prosecutor.Client.PostJsonAsync(Asks(w.Person), Reason("Надзорная проверка"))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        await (await prosecutor.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = IdentityHost.Passphrase })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await ViewAsync(prosecutor, id)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await prosecutor.Client.GetAsync(Request(id))).ExpectAsync(HttpStatusCode.OK);

        // Those without the right to ask, decide or see are refused; a custodian of another region finds nothing.
        await (await officer.Client.PostJsonAsync(Asks(w.Person), Reason("любопытно"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await monitor.Client.PostJsonAsync(Asks(w.Person), Reason("любопытно"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await elsewhere.Client.PostJsonAsync(Asks(w.Person), Reason("любопытно"))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await officer.Client.GetAsync(Asks(w.Person))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.Client.GetAsync(Request(id))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await elsewhere.Client.GetAsync(Request(id))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await w.Viewer.Client.PostJsonAsync(Request(id) + "/decide", Decision("denied", "нет"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await elsewhere.Client.PostJsonAsync(Request(id) + "/decide", Decision("denied", "нет"))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await ViewAsync(officer, id)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.Client.PostJsonAsync(Request(id) + "/identity", new JsonObject { ["passphrase"] = IdentityHost.Passphrase })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<IdentityDecision>().CountAsync(d => d.RequestId == Guid.Parse(id))));

        // The viewer's key is theirs to open grants with, never a recipient of new identities, nor listed as a custodian's.
        var next = await (await w.A.Client.PostJsonAsync("/api/v1/protected-persons", IdentityWorld.Body("Сейітов", "Ерлан"))).ExpectAsync(HttpStatusCode.Created);
        var sealedFor = await Host.WithDbAsync(async db => IdentityEnvelope.FromJson((await db.Set<ProtectedPerson>().SingleAsync(p => p.Id == next.Id())).Identity).Wraps.Select(x => x.HolderId).ToList());
        Assert.Contains(w.A.Id.ToString(), sealedFor);
        Assert.DoesNotContain(w.Viewer.Id.ToString(), sealedFor);
        var keys = await (await w.A.Client.GetAsync("/api/v1/custodian-keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(keys["items"].Objects(), k => k.Str("userId") == w.Viewer.Id.ToString());

        // A viewer changes their passphrase as a custodian does: the same key pair, sealed again.
        var another = await Host.UserAsync(Roles.SpecialProsecutor);
        var enrolled = await (await another.Client.PostJsonAsync("/api/v1/custodian-keys", new JsonObject { ["passphrase"] = IdentityHost.Passphrase })).ExpectAsync(HttpStatusCode.Created);
        var changed = await (await another.Client.PostJsonAsync("/api/v1/custodian-keys/passphrase", new JsonObject { ["passphrase"] = IdentityHost.Passphrase, ["newPassphrase"] = "новая длинная фраза зрителя" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(enrolled.Str("publicKey"), changed.Str("publicKey"));
    }
}

public sealed class IdentityRequestsOnSqlite(IdentitySqliteHost fixture) : IdentityRequestsTests(fixture), IClassFixture<IdentitySqliteHost>;

public sealed class IdentityRequestsOnPostgres(IdentityPostgresHost fixture) : IdentityRequestsTests(fixture), IClassFixture<IdentityPostgresHost>;

/// <summary>The grant's hours and the approvals rule are checked at start: a setting out of bounds stops it, naming the setting.</summary>
public sealed class IdentityRequestSettingsTests
{
    [Theory]
    [InlineData("Aigaq:Protection:Approvals", "3")]
    [InlineData("Aigaq:Protection:GrantHours", "0")]
    public async Task A_setting_out_of_bounds_stops_the_start_naming_it(string setting, string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        // MinCustodians is 2 by default: three approvals could never all be had.
        var error = Assert.ThrowsAny<Exception>(() => database.NewHost(new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
    }
}
