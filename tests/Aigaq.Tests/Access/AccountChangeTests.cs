using System.Net;
using Aigaq.Access;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Access;

/// <summary>
/// An administrator changes an account's role, scope or activity with a reason: the account, an append-only change
/// record and its log entry are written together; the new role applies to the account's tokens; a deactivated account
/// cannot sign in or use or get a token; bad changes are refused naming the field, and write nothing.
/// </summary>
public abstract class AccountChangeTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private async Task<(AccountChange? Change, Validation Errors)> ChangeAsync(Guid user, Guid by, UserAccounts.AccountState to, string? reason)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var v = new Validation();
        var change = await UserAccounts.ChangeAsync(scope.ServiceProvider, user, by, to, reason, v, CancellationToken.None);
        return (change, v);
    }

    [Fact]
    public async Task A_role_and_region_change_is_recorded_with_its_reason_logged_and_applies_to_the_accounts_tokens()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        await (await officer.Client.GetAsync("/api/v1/reports")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var (change, errors) = await ChangeAsync(officer.Id, admin.Id, new(Roles.Investigator, "KZ-71", null, false), "  Приказ № 7: назначен следователем в Астане ");

        Assert.True(errors.IsValid);
        Assert.NotNull(change);
        Assert.Equal((Roles.Officer, "KZ-75", Roles.Investigator, "KZ-71"), (change.FromRole, change.FromRegion, change.ToRole, change.ToRegion));
        Assert.Equal("Приказ № 7: назначен следователем в Астане", change.Reason);
        Assert.Null(change.ApprovedBy);
        Assert.Equal((admin.Id, Host.Now), (change.By, change.At));
        var stored = await Host.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == officer.Id));
        Assert.Equal("KZ-71", stored.Region);
        Assert.Equal(Roles.Investigator, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, officer.Id, CancellationToken.None)));
        var entry = await Host.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.RecordId == change.Id));
        Assert.Equal(UserAccounts.ChangedKind, entry.Kind);
        Assert.DoesNotContain("Приказ", entry.Entry, StringComparison.Ordinal);
        Assert.Equal(entry.Commitment, LedgerWriter.Commit(Convert.FromBase64String(entry.Salt), UserAccounts.Content(change)));

        // A token issued from now on carries the new role (a cached one takes it within the bearer cache's lifetime).
        var token = await Host.WithDbAsync(db => new ApiTokens(db, Host.Clock).IssueAsync(officer.Id, TimeSpan.FromDays(1), CancellationToken.None));
        await (await Host.ClientWithToken(token).GetAsync("/api/v1/reports")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_nor_use_nor_get_a_token_until_activated_again()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var unused = officer.Token;

        var (change, _) = await ChangeAsync(officer.Id, admin.Id, new(Roles.Officer, "KZ-75", null, true), "Уволен приказом № 9");

        Assert.NotNull(change);
        Assert.True(change.ToDeactivated);
        await (await Host.ClientWithToken(unused).GetAsync("/api/v1/detentions")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.UserId == officer.Id && t.RevokedAt == null)));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Host.WithDbAsync(db => new ApiTokens(db, Host.Clock).IssueAsync(officer.Id, TimeSpan.FromDays(1), CancellationToken.None)));
        Assert.False(await CanSignInAsync(officer.Id, "test-password-2026"));

        await ChangeAsync(officer.Id, admin.Id, new(Roles.Officer, "KZ-75", null, false), "Восстановлен решением суда");

        Assert.True(await CanSignInAsync(officer.Id, "test-password-2026"));
        var token = await Host.WithDbAsync(db => new ApiTokens(db, Host.Clock).IssueAsync(officer.Id, TimeSpan.FromDays(1), CancellationToken.None));
        await (await Host.ClientWithToken(token).GetAsync("/api/v1/detentions")).ExpectAsync(HttpStatusCode.OK);
        // Numbered in order, though the test's clock stood still between them.
        Assert.Equal([1, 2], await Host.WithDbAsync(db => db.Set<AccountChange>().Where(c => c.UserId == officer.Id).OrderBy(c => c.At).ThenBy(c => c.Number).Select(c => c.Number).ToListAsync()));
    }

    private async Task<bool> CanSignInAsync(Guid userId, string password)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId.ToString()))!;
        return (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false)).Succeeded;
    }

    [Fact]
    public async Task A_change_that_fails_when_saved_leaves_nothing_behind_for_the_next_save()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        // A change numbered 2 put in directly: the next change of the account takes number 2 as well, and fails.
        await Host.WithDbAsync(db =>
        {
            db.Add(new AccountChange
            {
                Id = Guid.NewGuid(),
                UserId = officer.Id,
                Number = 2,
                At = Host.Now,
                By = admin.Id,
                Reason = "вставлено напрямую",
                FromRole = Roles.Officer,
                ToRole = Roles.Officer,
                FromRegion = "KZ-75",
                ToRegion = "KZ-75",
            });
            return db.SaveChangesAsync();
        });
        var entries = await Host.CountAsync<LedgerEntry>();

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => UserAccounts.ChangeAsync(
                scope.ServiceProvider, officer.Id, admin.Id, new(Roles.Officer, "KZ-71", null, false), "перевод", new Validation(), CancellationToken.None));

            // The same context saves again, as the page does for its access log: only that entry is written.
            await scope.ServiceProvider.GetRequiredService<AccessLog>().WriteAsync(admin.Id, "users.change", officer.Id.ToString(), "refused", CancellationToken.None);
        }

        // Only the access log's line is in the log: nothing of the failed change.
        Assert.Equal(entries + 1, await Host.CountAsync<LedgerEntry>());
        Assert.Equal("access.logged", await Host.WithDbAsync(db => db.Set<LedgerEntry>().OrderByDescending(e => e.Index).Select(e => e.Kind).FirstAsync()));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == officer.Id)));
        Assert.Equal("KZ-75", await Host.WithDbAsync(db => db.Users.Where(u => u.Id == officer.Id).Select(u => u.Region).SingleAsync()));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == admin.Id && e.Action == "users.change" && e.Outcome == "refused")));
    }

    public static TheoryData<string, string, string?, string?, bool, string?, string> BadChanges() => new()
    {
        // case, role, region, facility ("unknown" for one not in the register), deactivated, reason, the field named
        { "no reason", Roles.Prosecutor, "KZ-75", null, false, null, "reason" },
        { "a blank reason", Roles.Prosecutor, "KZ-75", null, false, "   ", "reason" },
        { "a reason too long", Roles.Prosecutor, "KZ-75", null, false, new string('x', UserAccounts.MaxReason + 1), "reason" },
        { "no such role", "Sheriff", "KZ-75", null, false, "перевод", "role" },
        { "no such region", Roles.Officer, "KZ-00", null, false, "перевод", "region" },
        { "no such facility", Roles.Officer, "KZ-75", "unknown", false, "перевод", "facilityId" },
        { "a custody officer without a facility", Roles.CustodyOfficer, "KZ-75", null, false, "перевод", "facilityId" },
        { "nothing changes", Roles.Officer, "KZ-75", null, false, "перевод", "change" },
        { "a role of power given by one administrator", Roles.Prosecutor, "KZ-75", null, false, "назначение", "role" },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_refused_naming_the_field_and_writes_nothing(
        string why, string role, string? region, string? facility, bool deactivated, string? reason, string field)
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var entries = await Host.CountAsync<LedgerEntry>();

        var (change, errors) = await ChangeAsync(officer.Id, admin.Id, new(role, region, facility is null ? null : Guid.NewGuid(), deactivated), reason);

        Assert.Null(change);
        Assert.True(errors.Errors.ContainsKey(field), $"{why}: {string.Join(", ", errors.Errors.Keys)}");
        Assert.Equal(entries, await Host.CountAsync<LedgerEntry>());
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == officer.Id)));
        var stored = await Host.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == officer.Id));
        Assert.Equal(("KZ-75", false), (stored.Region, stored.Deactivated));
        Assert.Equal(Roles.Officer, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, officer.Id, CancellationToken.None)));
    }

    [Theory]
    [InlineData(true, Roles.Administrator, "deactivated")]
    [InlineData(false, Roles.Monitor, "role")]
    public async Task An_administrator_cannot_take_away_their_own_access(bool deactivate, string role, string field)
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);

        var (change, errors) = await ChangeAsync(admin.Id, admin.Id, new(role, null, null, deactivate), "ухожу в отпуск");

        Assert.Null(change);
        Assert.True(errors.Errors.ContainsKey(field));
        Assert.Equal(Roles.Administrator, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, admin.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Only_an_administrator_opens_an_accounts_page()
    {
        var officer = await Host.UserAsync(Roles.Officer);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);

        var response = await prosecutor.Client.GetAsync($"/admin/users/{officer.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var post = await prosecutor.Client.PostAsync($"/admin/users/{officer.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Role"] = Roles.Administrator,
            ["Form.Reason"] = "захват",
        }));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, post.StatusCode.ToString());
        Assert.Equal(Roles.Officer, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, officer.Id, CancellationToken.None)));
    }
}

public sealed class AccountChangeOnSqlite(SqliteHost fixture) : AccountChangeTests(fixture), IClassFixture<SqliteHost>;

public sealed class AccountChangeOnPostgres(PostgresHost fixture) : AccountChangeTests(fixture), IClassFixture<PostgresHost>;
