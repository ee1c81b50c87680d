using Aigaq.Access;
using Aigaq.TransparencyLog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Cli;

/// <summary>
/// <c>aigaq users change</c> against a real database, run as an operator runs it: the change goes through the same
/// code as the account's page, so it is an append-only record with its log entry; what is not named stays; a bad
/// change is one line naming the option, and writes nothing.
/// </summary>
public abstract class UsersChangeCommandTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    private Task<CliRun> RunAsync(params string[] args) => AigaqProcess.RunAsync(["users", "change", .. args, .. AigaqProcess.On(Host.Database)]);

    [Fact]
    public async Task A_change_is_written_with_its_reason_and_log_entry_and_leaves_alone_what_it_does_not_name()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var facility = await Host.FacilityAsync(region: "KZ-71");

        var run = await RunAsync(
            "--email", officer.User.Email!, "--role", Roles.CustodyOfficer, "--region", "KZ-71", "--facility", facility.Id.ToString(),
            "--reason", "Приказ № 12: переведён в ИВС Астаны", "--by", admin.User.Email!);

        Assert.True(run.ExitCode == 0, run.ToString());
        var id = Guid.Parse(run.StandardOutput.Trim());
        var change = await Host.WithDbAsync(db => db.Set<AccountChange>().AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((officer.Id, admin.Id, 1), (change.UserId, change.By, change.Number));
        Assert.Equal(("Приказ № 12: переведён в ИВС Астаны", Roles.Officer, Roles.CustodyOfficer), (change.Reason, change.FromRole, change.ToRole));
        Assert.Equal(("KZ-75", "KZ-71", (Guid?)null, (Guid?)facility.Id), (change.FromRegion, change.ToRegion, change.FromFacilityId, change.ToFacilityId));
        Assert.False(change.ToDeactivated);
        var entry = await Host.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.RecordId == id));
        Assert.Equal(UserAccounts.ChangedKind, entry.Kind);
        Assert.Equal(entry.Commitment, LedgerWriter.Commit(Convert.FromBase64String(entry.Salt), UserAccounts.Content(change)));
        Assert.Equal(Roles.CustodyOfficer, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, officer.Id, CancellationToken.None)));

        // Deactivated, naming nothing else: the role and scope stay, and a second numbered change is written.
        run = await RunAsync("--email", officer.User.Email!, "--deactivate", "--reason", "Уволен", "--by", admin.User.Email!);

        Assert.True(run.ExitCode == 0, run.ToString());
        var second = await Host.WithDbAsync(db => db.Set<AccountChange>().AsNoTracking().SingleAsync(c => c.UserId == officer.Id && c.Number == 2));
        Assert.Equal((Roles.CustodyOfficer, "KZ-71", (Guid?)facility.Id, true), (second.ToRole, second.ToRegion, second.ToFacilityId, second.ToDeactivated));
        Assert.True(await Host.WithDbAsync(db => db.Set<LedgerEntry>().AnyAsync(e => e.RecordId == second.Id && e.Kind == UserAccounts.ChangedKind)));
    }

    [Fact]
    public async Task A_role_of_power_is_only_asked_for_and_the_request_id_printed()
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);

        var run = await RunAsync("--email", officer.User.Email!, "--role", Roles.Prosecutor, "--reason", "Приказ № 5 о назначении", "--by", admin.User.Email!);

        Assert.True(run.ExitCode == 0, run.ToString());
        var id = Guid.Parse(run.StandardOutput.Trim());
        var grant = await Host.WithDbAsync(db => db.Set<RoleGrant>().AsNoTracking().SingleAsync(g => g.Id == id));
        Assert.Equal((officer.Id, admin.Id, RoleGrantStatus.Pending, Roles.Prosecutor), (grant.UserId, grant.RequestedBy, grant.Status, grant.ToRole));
        Assert.Contains("second administrator", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(Roles.Officer, await Host.WithDbAsync(db => UserAccounts.RoleOfAsync(db, officer.Id, CancellationToken.None)));
        Assert.False(await Host.WithDbAsync(db => db.Set<AccountChange>().AnyAsync(c => c.UserId == officer.Id)));
    }

    [Fact]
    public async Task A_custody_officer_is_not_added_without_a_facility()
    {
        var email = $"custody.{Guid.NewGuid():N}@test.aigaq.kz";

        var run = await AigaqProcess.RunAsync(
            ["users", "add", "--email", email, "--role", Roles.CustodyOfficer, "--region", "KZ-75", "--password", "custody-password-1", .. AigaqProcess.On(Host.Database)]);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("--facility", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(await Host.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task A_prosecutor_added_with_a_phone_has_it_in_international_form_and_a_bad_one_adds_nothing()
    {
        var email = $"phone.{Guid.NewGuid():N}@test.aigaq.kz";
        var bad = $"bad-phone.{Guid.NewGuid():N}@test.aigaq.kz";

        var run = await AigaqProcess.RunAsync(
            ["users", "add", "--email", email, "--role", Roles.Prosecutor, "--region", "KZ-75", "--phone", "8 701 555 44 33", .. AigaqProcess.On(Host.Database)]);
        var refused = await AigaqProcess.RunAsync(
            ["users", "add", "--email", bad, "--role", Roles.Prosecutor, "--region", "KZ-75", "--phone", "8 701", .. AigaqProcess.On(Host.Database)]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("+77015554433", await Host.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PhoneNumber).SingleAsync()));
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("--phone", Assert.Single(refused.ErrorLines), StringComparison.Ordinal);
        Assert.False(await Host.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == bad)));
    }

    [Fact]
    public async Task A_made_password_always_passes_the_password_rules()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var someone = new AppUser { UserName = "someone@test.aigaq.kz" };

        foreach (var _ in Enumerable.Range(0, 500))
        {
            var made = UserAccounts.MakePassword();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, someone, made);
                Assert.True(result.Succeeded, made + ": " + string.Join(" ", result.Errors.Select(e => e.Code)));
            }
        }
    }

    public static TheoryData<string, string[], string> BadChanges() => new()
    {
        // case, options besides --email of the officer, what the line names
        { "no such region", ["--region", "KZ-00", "--reason", "перевод"], "--region" },
        { "a facility that is not registered", ["--facility", Guid.NewGuid().ToString(), "--reason", "перевод"], "--facility" },
        { "nothing changes", ["--region", "KZ-75", "--reason", "перевод"], "nothing would change" },
        { "a custody officer without a facility", ["--role", Roles.CustodyOfficer, "--reason", "перевод"], "--facility" },
        { "not made by an administrator", ["--region", "KZ-71", "--reason", "перевод", "--by", "nobody@test.aigaq.kz"], "--by" },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_one_line_naming_the_option_and_writes_nothing(string why, string[] options, string named)
    {
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer);
        var entries = await Host.CountAsync<LedgerEntry>();

        var run = await RunAsync(["--email", officer.User.Email!, .. options.Contains("--by") ? options : [.. options, "--by", admin.User.Email!]]);

        Assert.True(run.ExitCode != 0, $"{why}: {run}");
        Assert.Contains(named, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<AccountChange>().CountAsync(c => c.UserId == officer.Id)));
        Assert.Equal(entries, await Host.CountAsync<LedgerEntry>());
    }
}

public sealed class UsersChangeCommandOnSqlite(SqliteHost fixture) : UsersChangeCommandTests(fixture), IClassFixture<SqliteHost>;

public sealed class UsersChangeCommandOnPostgres(PostgresHost fixture) : UsersChangeCommandTests(fixture), IClassFixture<PostgresHost>;
