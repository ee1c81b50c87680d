using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests;

/// <summary>Pages read as a browser reads them: signed in through the sign-in form, with its cookie.</summary>
public static partial class Pages
{
    /// <summary>
    /// A client signed in as <paramref name="user"/> (a role without a second factor) through the form, reading pages in
    /// <paramref name="culture"/>.
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(this AigaqHost host, TestUser user, string culture)
    {
        // Cookies kept (WebApplicationFactory's client does), redirects followed as a browser does.
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = true,
            HandleCookies = true,
            BaseAddress = host.ClientOptions.BaseAddress,
        });
        var form = await client.GetStringAsync($"/signin?culture={culture}");
        using var response = await client.PostAsync($"/signin?culture={culture}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["Email"] = user.User.Email!,
            ["Password"] = "test-password-2026",
        }));
        Assert.True(response.RequestMessage?.RequestUri?.AbsolutePath != "/signin", await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>
    /// A client signed in as <paramref name="user"/> of a role with a second factor: an authenticator enrolled for the
    /// account, then the password and the code of the host's clock. A code signs in once: one client per user and step.
    /// </summary>
    public static async Task<HttpClient> SignedInWithCodeAsync(this AigaqHost host, TestUser user, string culture)
    {
        string key;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Aigaq.Access.AppUser>>();
            var account = (await users.FindByIdAsync(user.User.Id.ToString()))!;
            Assert.True((await users.ResetAuthenticatorKeyAsync(account)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(account, true)).Succeeded);
            key = (await users.GetAuthenticatorKeyAsync(account))!;
        }

        var client = await host.SignedInAsync(user, culture);
        var codeForm = await client.GetStringAsync($"/signin/code?culture={culture}");
        using var answer = await client.PostAsync($"/signin/code?culture={culture}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(codeForm).Groups[1].Value,
            ["Code"] = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(host.Now.UtcDateTime),
        }));
        Assert.False(answer.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/signin", StringComparison.Ordinal), await answer.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>A client as an anonymous browser: cookies kept, redirects not followed.</summary>
    public static HttpClient Browser(this AigaqHost host) =>
        host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = host.ClientOptions.BaseAddress,
        });

    /// <summary>The antiforgery token of the (first) form in <paramref name="html"/>.</summary>
    public static string FormToken(string html) => Token().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
