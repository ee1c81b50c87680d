using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Access;

/// <summary>
/// Two administrators for power (issue 13, item 12; ADR 0015): Administrator, Prosecutor, SpecialProsecutor and
/// ProtectionOfficer are given only when a second administrator approves one administrator's request. The request and
/// each decision are logged; the one who asked and the account itself cannot approve; an approval makes the change
/// naming both; nothing of the account changes before it.
/// </summary>
public abstract class RoleGrantTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private static string Grants(Guid user) => $"/api/v1/users/{user}/role-grants";

    private static string Decision(Guid grant) => $"/api/v1/role-grants/{grant}/decision";

    private async Task<(RoleGrant? Grant, Validation Errors)> RequestAsync(Guid user, Guid by, UserAccounts.AccountState to, string reason = "Приказ № 31 о назначении")
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var v = new Validation();
        var grant = await UserAccounts.RequestAsync(scope.ServiceProvider, user, by, to, reason, v, CancellationToken.None);
        return (grant, v);
    }

    private async Task<(RoleGrant? Grant, Validation Errors)> DecideAsync(Guid grant, Guid by, string decision, string? reason = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var v = new Validation();
        var decided = await scope.ServiceProvider.GetRequiredService<RoleGrants>().DecideAsync(grant, by, decision, reason, v, CancellationToken.None);
        return (decided, v);
    }

    private Task<string> RoleAsync(Guid user) => Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, user, CancellationToken.None));

    public static TheoryData<string> PowerRoles() => [Roles.Administrator, Roles.Prosecutor, Roles.SpecialProsecutor, Roles.ProtectionOfficer];

    [Theory]
    [MemberData(nameof(PowerRoles))]
    public async Task One_administrator_only_asks_and_a_second_one_gives_the_role(string role)
    {
        var asker = await Host.UserAsync(Roles.Administrator, region: null);
        var approver = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var to = new UserAccounts.AccountState(role, "KZ-71", null, false);

        // Alone, the administrator cannot make the change.
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var refused = new Validation();
            Assert.Null(await UserAccounts.ChangeAsync(scope.ServiceProvider, officer.Id, asker.Id, to, "назначение", refused, CancellationToken.None));
            Assert.Equal([UserAccounts.NeedsSecondAdministrator], refused.Errors["role"]);
        }

        var (grant, errors) = await RequestAsync(officer.Id, asker.Id, to, "  Приказ № 31 о назначении ");

        Assert.True(errors.IsValid, string.Join("; ", errors.Errors.Keys));
        Assert.NotNull(grant);
        Assert.Equal((RoleGrantStatus.Pending, "Приказ № 31 о назначении", asker.Id), (grant.Status, grant.Reason, grant.RequestedBy));
        Assert.Equal(new UserAccounts.AccountState(Roles.Officer, "KZ-75", null, false), grant.From);
        Assert.Equal(to, grant.To);
        Assert.Equal(Roles.Officer, await RoleAsync(officer.Id));
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == officer.Id)));
        var requested = await Host.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.RecordId == grant.Id));
        Assert.Equal(RoleGrantLedger.State.Kind, requested.Kind);
        Assert.DoesNotContain("Приказ", requested.Entry, StringComparison.Ordinal);

        var (approved, decided) = await DecideAsync(grant.Id, approver.Id, RoleGrants.Approve);

        Assert.True(decided.IsValid, string.Join("; ", decided.Errors.SelectMany(e => e.Value)));
        Assert.NotNull(approved);
        Assert.Equal((RoleGrantStatus.Approved, approver.Id, (string?)null), (approved.Status, approved.DecidedBy, approved.DecisionReason));
        Assert.Equal(role, await RoleAsync(officer.Id));
        var change = await Host.WithDbAsync(db => db.Set<AccountChange>().AsNoTracking().SingleAsync(c => c.UserId == officer.Id));
        Assert.Equal((approved.ChangeId, asker.Id, (Guid?)approver.Id, "Приказ № 31 о назначении"), ((Guid?)change.Id, change.By, change.ApprovedBy, change.Reason));
        Assert.Equal((role, "KZ-71"), (change.ToRole, change.ToRegion));
        var entry = await Host.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.RecordId == change.Id));
        Assert.Equal(entry.Commitment, LedgerWriter.Commit(Convert.FromBase64String(entry.Salt), UserAccounts.Content(change)));
        Assert.Equal(approver.Id.ToString(), UserAccounts.Content(change)["approvedBy"]!.GetValue<string>());
        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.RecordId == grant.Id && e.Kind == RoleGrantLedger.State.Kind)));
    }

    [Fact]
    public async Task Neither_the_one_who_asked_nor_the_account_itself_approves()
    {
        var asker = await Host.UserAsync(Roles.Administrator, region: null);
        var subject = await Host.UserAsync(Roles.Administrator, region: null);
        var (grant, _) = await RequestAsync(subject.Id, asker.Id, new(Roles.Prosecutor, "KZ-75", null, false));
        Assert.NotNull(grant);

        foreach (var who in new[] { asker.Id, subject.Id })
        {
            var (decided, errors) = await DecideAsync(grant.Id, who, RoleGrants.Approve);

            Assert.Null(decided);
            Assert.Equal([RoleGrants.SameAdministrator], errors.Errors["decision"]);
        }

        Assert.Equal(Roles.Administrator, await RoleAsync(subject.Id));
        var stored = await Host.WithDbAsync(db => db.Set<RoleGrant>().AsNoTracking().SingleAsync(g => g.Id == grant.Id));
        Assert.Equal((RoleGrantStatus.Pending, (Guid?)null), (stored.Status, stored.DecidedBy));
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_and_the_one_who_asked_withdraws()
    {
        var asker = await Host.UserAsync(Roles.Administrator, region: null);
        var other = await Host.UserAsync(Roles.Administrator, region: null);
        var first = await Host.UserAsync(Roles.Monitor);
        var second = await Host.UserAsync(Roles.Monitor);
        var (one, _) = await RequestAsync(first.Id, asker.Id, new(Roles.ProtectionOfficer, "KZ-75", null, false));
        var (two, _) = await RequestAsync(second.Id, asker.Id, new(Roles.ProtectionOfficer, "KZ-75", null, false));

        var (silent, errors) = await DecideAsync(one!.Id, other.Id, RoleGrants.Refuse, "  ");
        Assert.Null(silent);
        Assert.True(errors.Errors.ContainsKey("reason"));

        var (refused, _) = await DecideAsync(one.Id, other.Id, RoleGrants.Refuse, "Нет приказа о назначении");
        var (withdrawn, _) = await DecideAsync(two!.Id, asker.Id, RoleGrants.Refuse, "Ошибся учётной записью");

        Assert.Equal((RoleGrantStatus.Refused, "Нет приказа о назначении"), (refused!.Status, refused.DecisionReason));
        Assert.Equal(RoleGrantStatus.Withdrawn, withdrawn!.Status);
        Assert.Equal([Roles.Monitor, Roles.Monitor], [await RoleAsync(first.Id), await RoleAsync(second.Id)]);

        // Decided once: neither can be approved afterwards, nor decided again.
        var (late, again) = await DecideAsync(one.Id, other.Id, RoleGrants.Approve);
        Assert.Null(late);
        Assert.Equal([RoleGrants.NotPending], again.Errors["decision"]);
        Assert.Equal(Roles.Monitor, await RoleAsync(first.Id));

        // A new request may be made once the last is decided.
        var (renewed, renewedErrors) = await RequestAsync(first.Id, asker.Id, new(Roles.ProtectionOfficer, "KZ-75", null, false), "Приказ № 40");
        Assert.True(renewedErrors.IsValid);
        Assert.NotNull(renewed);
    }

    [Fact]
    public async Task One_request_per_account_is_open_and_a_change_without_power_is_not_asked_for()
    {
        var asker = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        Assert.NotNull((await RequestAsync(officer.Id, asker.Id, new(Roles.Prosecutor, "KZ-75", null, false))).Grant);

        var (twice, errors) = await RequestAsync(officer.Id, asker.Id, new(Roles.SpecialProsecutor, "KZ-75", null, false));
        var (powerless, powerlessErrors) = await RequestAsync(officer.Id, asker.Id, new(Roles.Investigator, "KZ-75", null, false));

        Assert.Null(twice);
        Assert.Equal([UserAccounts.RequestOpen], errors.Errors["change"]);
        Assert.Null(powerless);
        Assert.Equal([UserAccounts.NeedsNoSecondAdministrator], powerlessErrors.Errors["role"]);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<RoleGrant>().CountAsync(g => g.UserId == officer.Id)));
    }

    [Fact]
    public async Task Activating_a_deactivated_prosecutor_gives_power_and_moving_one_does_not()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var v = new Validation();
            Assert.NotNull(await UserAccounts.ChangeAsync(scope.ServiceProvider, prosecutor.Id, admin.Id, new(Roles.Prosecutor, "KZ-71", null, false), "перевод в Астану", v, CancellationToken.None));
            Assert.NotNull(await UserAccounts.ChangeAsync(scope.ServiceProvider, prosecutor.Id, admin.Id, new(Roles.Prosecutor, "KZ-71", null, true), "в отставке", v, CancellationToken.None));
            Assert.Null(await UserAccounts.ChangeAsync(scope.ServiceProvider, prosecutor.Id, admin.Id, new(Roles.Prosecutor, "KZ-71", null, false), "вернулся", v, CancellationToken.None));
            Assert.Equal([UserAccounts.NeedsSecondAdministrator], v.Errors["role"]);
        }

        Assert.True(await Host.WithDbAsync(db => db.Users.Where(u => u.Id == prosecutor.Id).Select(u => u.Deactivated).SingleAsync()));
    }

    [Fact]
    public async Task An_approval_is_refused_when_the_account_changed_since_the_request()
    {
        var asker = await Host.UserAsync(Roles.Administrator, region: null);
        var approver = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var (grant, _) = await RequestAsync(officer.Id, asker.Id, new(Roles.Prosecutor, "KZ-75", null, false));
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var v = new Validation();
            Assert.NotNull(await UserAccounts.ChangeAsync(scope.ServiceProvider, officer.Id, asker.Id, new(Roles.Officer, "KZ-75", null, true), "уволен", v, CancellationToken.None));
        }

        var entries = await Host.CountAsync<LedgerEntry>();
        var (approved, errors) = await DecideAsync(grant!.Id, approver.Id, RoleGrants.Approve);

        Assert.Null(approved);
        Assert.Equal([RoleGrants.AccountMoved], errors.Errors["decision"]);
        Assert.Equal(entries, await Host.CountAsync<LedgerEntry>());
        Assert.Equal(Roles.Officer, await RoleAsync(officer.Id));
        Assert.Equal(RoleGrantStatus.Pending, await Host.WithDbAsync(db => db.Set<RoleGrant>().Where(g => g.Id == grant.Id).Select(g => g.Status).SingleAsync()));
    }

    [Fact]
    public async Task Of_two_decisions_made_from_the_same_pending_request_the_second_fails()
    {
        var asker = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var (grant, _) = await RequestAsync(officer.Id, asker.Id, new(Roles.Prosecutor, "KZ-75", null, false));

        // Both read it pending; the first saves its decision; the second, saving from the state it read, fails.
        await using var first = Host.Services.CreateAsyncScope();
        await using var second = Host.Services.CreateAsyncScope();
        var one = await first.ServiceProvider.GetRequiredService<Aigaq.Data.AigaqDb>().Set<RoleGrant>().SingleAsync(g => g.Id == grant!.Id);
        var two = await second.ServiceProvider.GetRequiredService<Aigaq.Data.AigaqDb>().Set<RoleGrant>().SingleAsync(g => g.Id == grant!.Id);
        one.Status = RoleGrantStatus.Refused;
        await first.ServiceProvider.GetRequiredService<Aigaq.Data.AigaqDb>().SaveChangesAsync();
        two.Status = RoleGrantStatus.Approved;

        var db = second.ServiceProvider.GetRequiredService<Aigaq.Data.AigaqDb>();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Equal(RoleGrantStatus.Refused, await Host.WithDbAsync(d => d.Set<RoleGrant>().Where(g => g.Id == grant!.Id).Select(g => g.Status).SingleAsync()));

        // The failed save's transaction is gone with it: what the same context saves next is committed (an access log
        // entry, as the API writes after a conflict), not left in a transaction nobody commits.
        db.ChangeTracker.Clear();
        Assert.Null(db.Database.CurrentTransaction);
        var resource = Guid.NewGuid().ToString();
        await second.ServiceProvider.GetRequiredService<AccessLog>().WriteAsync(asker.Id, "users.grant.approve", resource, "refused", CancellationToken.None);
        Assert.Equal(1, await Host.WithDbAsync(d => d.Set<AccessLogEntry>().CountAsync(e => e.Resource == resource)));
    }

    [Fact]
    public async Task Through_the_api_the_request_is_created_listed_and_decided_by_another_administrator()
    {
        var asker = await Host.UserAsync(Roles.Administrator, region: null);
        var approver = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);

        await (await asker.Client.PostJsonAsync($"/api/v1/users/{officer.Id}/changes", new JsonObject { ["role"] = Roles.Prosecutor, ["reason"] = "назначение" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "role");
        var response = await asker.Client.PostJsonAsync(Grants(officer.Id), new JsonObject { ["role"] = Roles.Prosecutor, ["reason"] = "Приказ № 77" });
        var grant = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/role-grants/{grant.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal((RoleGrantStatus.Pending, asker.Id.ToString(), Roles.Officer, Roles.Prosecutor), (grant.Str("status"), grant.Str("requestedBy"), grant["from"].Str("role"), grant["to"].Str("role")));
        await (await asker.Client.PostJsonAsync(Grants(officer.Id), new JsonObject { ["role"] = Roles.Prosecutor, ["reason"] = "ещё раз" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "change");

        var pending = await (await approver.Client.GetAsync("/api/v1/role-grants?status=pending")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(pending["items"].Objects(), g => g.Id() == grant.Id());
        await (await approver.Client.GetAsync("/api/v1/role-grants?status=maybe")).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await approver.Client.GetAsync($"/api/v1/role-grants/{grant.Id()}")).ExpectAsync(HttpStatusCode.OK);
        await (await approver.Client.GetAsync($"/api/v1/role-grants/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        await (await asker.Client.PostJsonAsync(Decision(grant.Id()), new JsonObject { ["decision"] = "approve" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "decision");
        await (await approver.Client.PostJsonAsync(Decision(grant.Id()), new JsonObject { ["decision"] = "grant" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "decision");
        await (await approver.Client.PostJsonAsync(Decision(Guid.NewGuid()), new JsonObject { ["decision"] = "approve" }))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(Roles.Officer, await RoleAsync(officer.Id));

        var key = Guid.NewGuid().ToString();
        var approved = await (await approver.Client.PostJsonAsync(Decision(grant.Id()), new JsonObject { ["decision"] = "approve", ["reason"] = "Приказ проверен" }, key))
            .ExpectAsync(HttpStatusCode.Created);
        var replay = await approver.Client.PostJsonAsync(Decision(grant.Id()), new JsonObject { ["decision"] = "approve", ["reason"] = "Приказ проверен" }, key);

        Assert.Equal((RoleGrantStatus.Approved, approver.Id.ToString()), (approved.Str("status"), approved.Str("decidedBy")));
        Assert.Equal(approved.Str("changeId"), (await replay.ExpectAsync(HttpStatusCode.Created)).Str("changeId"));
        Assert.Equal(Roles.Prosecutor, await RoleAsync(officer.Id));
        var changes = await (await approver.Client.GetAsync($"/api/v1/users/{officer.Id}/changes")).ExpectAsync(HttpStatusCode.OK);
        var change = Assert.Single(changes["items"].Objects());
        Assert.Equal((approved.Str("changeId"), asker.Id.ToString(), approver.Id.ToString()), (change.Str("id"), change.Str("by"), change.Str("approvedBy")));
        await (await approver.Client.PostJsonAsync(Decision(grant.Id()), new JsonObject { ["decision"] = "refuse", ["reason"] = "поздно" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "decision");

        // A change that gives no power is not asked for.
        await (await asker.Client.PostJsonAsync(Grants(officer.Id), new JsonObject { ["region"] = "KZ-71", ["reason"] = "перевод" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "role");
    }
}

public sealed class RoleGrantOnSqlite(SqliteHost fixture) : RoleGrantTests(fixture), IClassFixture<SqliteHost>;

public sealed class RoleGrantOnPostgres(PostgresHost fixture) : RoleGrantTests(fixture), IClassFixture<PostgresHost>;
