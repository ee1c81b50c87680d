using System.Net;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Aigaq.TransparencyLog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Aigaq.Tests.Access;

/// <summary>
/// An authenticator code signs in once (issue 13, item 3): the same code again, or a code of an earlier step that is
/// still inside the clock window, is refused; the next step's code is taken. The accepted step is a logged state of
/// the account, so resetting it behind the application's back is named by the audit like any second-factor token.
/// </summary>
public sealed partial class AuthenticatorCodeTests
{
    private const string Wrong = "The code is wrong or has expired.";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_code_is_accepted_once(bool postgres)
    {
        await using var db = await TestDatabase.CreateAsync(postgres);
        await using var host = new AigaqHost(db).Started();
        var prosecutor = await host.UserAsync(Roles.Prosecutor);
        var key = await EnrolAsync(host, prosecutor.User);
        var email = prosecutor.User.Email!;

        var first = Code(key, host.Now);
        Assert.Equal((HttpStatusCode.Redirect, null), await SignInAsync(host, email, first));
        Assert.Equal((HttpStatusCode.OK, Wrong), await SignInAsync(host, email, first));

        // Half a minute on, the code of the step before is still inside the window for a slow phone, yet it was used.
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal((HttpStatusCode.OK, Wrong), await SignInAsync(host, email, first));
        var second = Code(key, host.Now);
        Assert.NotEqual(first, second);
        Assert.Equal((HttpStatusCode.Redirect, null), await SignInAsync(host, email, second));
        Assert.Equal((HttpStatusCode.OK, Wrong), await SignInAsync(host, email, second));

        // A code of an earlier step than the last one taken is refused though it was never used.
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal((HttpStatusCode.Redirect, null), await SignInAsync(host, email, Code(key, host.Now.AddSeconds(30))));
        Assert.Equal((HttpStatusCode.OK, Wrong), await SignInAsync(host, email, Code(key, host.Now)));

        // The step taken is a state of the account that the log follows.
        var id = AccessLedger.TokenId(new IdentityUserToken<Guid>
        {
            UserId = prosecutor.Id,
            LoginProvider = OnceAuthenticatorTokenProvider.StoreProvider,
            Name = OnceAuthenticatorTokenProvider.LastStepName,
        });
        Assert.Equal(3, await host.WithDbAsync(d => d.Set<LedgerEntry>().CountAsync(e => e.RecordId == id && e.Kind == AccessLedger.SecondFactorState.Kind)));
        Assert.Contains("failed", await host.WithDbAsync(d => d.Set<AccessLogEntry>().Where(e => e.UserId == prosecutor.Id && e.Action == "signin.secondFactor")
            .Select(e => e.Outcome).ToListAsync()));
    }

    private static string Code(string key, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    private static async Task<string> EnrolAsync(AigaqHost host, AppUser user)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = (await users.FindByIdAsync(user.Id.ToString()))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(account)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(account, true)).Succeeded);
        return (await users.GetAuthenticatorKeyAsync(account))!;
    }

    /// <summary>The password, then the code, in English: the code step's status and the error it shows, if any.</summary>
    private static async Task<(HttpStatusCode Status, string? Error)> SignInAsync(AigaqHost host, string email, string code)
    {
        using var client = host.Anonymous();
        var form = await client.GetStringAsync("/signin?culture=en");
        using var password = await client.PostAsync("/signin?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["Email"] = email,
            ["Password"] = "test-password-2026",
        }));
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/signin/code", password.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var codeForm = await client.GetStringAsync("/signin/code?culture=en");
        using var answer = await client.PostAsync("/signin/code?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(codeForm).Groups[1].Value,
            ["Code"] = code,
        }));
        var error = ErrorText().Match(await answer.Content.ReadAsStringAsync());
        return (answer.StatusCode, error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value).Trim() : null);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("role=\"alert\">([^<]*)<")]
    private static partial Regex ErrorText();
}
