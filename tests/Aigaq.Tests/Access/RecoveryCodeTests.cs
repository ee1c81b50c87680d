using Aigaq.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Access;

/// <summary>
/// Two-step recovery codes (issue 14, item 10): kept hashed, so that the tokens table does not sign anyone in; each
/// works once, typed in any case and with dashes or spaces; a wrong one does nothing.
/// </summary>
public abstract class RecoveryCodeTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Codes_are_stored_hashed_and_each_works_once()
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(prosecutor.Id.ToString()))!;

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();

        Assert.Equal(10, codes.Distinct().Count());
        var stored = await Host.WithDbAsync(db => db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == prosecutor.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());
        Assert.NotNull(stored);
        Assert.All(codes, code => Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase));

        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, "NOTACODE1")).Succeeded);
        var typed = codes[3].ToLowerInvariant().Insert(5, "-");
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[3])).Succeeded);
        Assert.Equal(9, await users.CountRecoveryCodesAsync(user));

        // New codes replace the old ones.
        var renewed = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, renewed[0])).Succeeded);
    }
}

public sealed class RecoveryCodeOnSqlite(SqliteHost fixture) : RecoveryCodeTests(fixture), IClassFixture<SqliteHost>;

public sealed class RecoveryCodeOnPostgres(PostgresHost fixture) : RecoveryCodeTests(fixture), IClassFixture<PostgresHost>;
