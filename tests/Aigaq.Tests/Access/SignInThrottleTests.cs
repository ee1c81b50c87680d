using System.Net;
using System.Text.RegularExpressions;
using Aigaq.Access;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Access;

/// <summary>
/// Sign-in cannot be turned against users (issue 13, item 3): failures slow the one who fails, per account and address,
/// and never lock the account or stop its API tokens; a known and an unknown e-mail get the same answer. A real
/// Kestrel server on loopback, which is the trusted proxy, so that each attempt's address comes in X-Forwarded-For.
/// </summary>
public sealed partial class SignInThrottleTests
{
    private const string Outsider = "203.0.113.7";
    private const string Owner = "198.51.100.20";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_outsider_failing_on_an_account_slows_only_themselves_and_locks_nothing(bool postgres)
    {
        await using var db = await TestDatabase.CreateAsync(postgres);
        await using var host = new AigaqHost(db, new HostOptions { Kestrel = true }).Started();
        var prosecutor = await host.UserAsync(Roles.Prosecutor);
        var email = prosecutor.User.Email!;

        // Five wrong passwords are answered; after that every attempt from there waits, the right password too.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add((await SignInAsync(host, Outsider, email, "wrong-password-" + i)).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)], answers);
        var waiting = await SignInAsync(host, Outsider, email, "test-password-2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.Status);
        Assert.Contains("Try again in", waiting.Error, StringComparison.Ordinal);
        Assert.InRange(waiting.RetryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

        // The owner, from their own address, signs in at once: the password is taken (on to the second factor).
        Assert.True(await SignsInAsync(host, Owner, email), "the owner's right password is taken at once");

        // Nothing is locked: no lockout end, and the account's API token works.
        var user = await host.WithDbAsync(d => d.Users.AsNoTracking().SingleAsync(u => u.Id == prosecutor.User.Id));
        Assert.Null(user.LockoutEnd);
        Assert.Equal(HttpStatusCode.OK, (await prosecutor.Client.GetAsync("/api/v1/detentions")).StatusCode);

        // Once the longest wait has passed, the outsider's address may try again.
        host.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True(await SignsInAsync(host, Outsider, email), "the right password is taken once the wait has passed");
        Assert.Contains(await AccessLogAsync(host, prosecutor.User.Id), outcome => outcome == "throttled");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_known_and_an_unknown_e_mail_get_the_same_answer(bool postgres)
    {
        await using var db = await TestDatabase.CreateAsync(postgres);
        await using var host = new AigaqHost(db, new HostOptions { Kestrel = true }).Started();
        var officer = await host.UserAsync(Roles.Officer);

        // The fourth failure of each: an answer that counted down to a lockout would tell the real account apart.
        var nobody = "nobody." + Guid.NewGuid().ToString("N") + "@test.aigaq.kz";
        (HttpStatusCode Status, string? Error, string? Path, TimeSpan? RetryAfter) known = default, unknown = default;
        for (var i = 0; i < 4; i++)
        {
            known = await SignInAsync(host, "192.0.2.1", officer.User.Email!, "wrong-password");
            unknown = await SignInAsync(host, "192.0.2.2", nobody, "wrong-password");
        }

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal((known.Status, known.Error, known.Path), (unknown.Status, unknown.Error, unknown.Path));
        Assert.Equal("The e-mail or password is wrong.", known.Error);
    }

    /// <summary>Whether the right password from <paramref name="address"/> leaves the sign-in page (redirects followed) with no error.</summary>
    private static async Task<bool> SignsInAsync(AigaqHost host, string address, string email)
    {
        var (status, error, path, _) = await SignInAsync(host, address, email, "test-password-2026");
        return status == HttpStatusCode.OK && error is null && path != "/signin";
    }

    /// <summary>The sign-in form in English from <paramref name="address"/>: the status, the error shown if any, where it ended, and any Retry-After.</summary>
    private static async Task<(HttpStatusCode Status, string? Error, string? Path, TimeSpan? RetryAfter)> SignInAsync(AigaqHost host, string address, string email, string password)
    {
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        var form = await client.GetStringAsync("/signin?culture=en");
        using var response = await client.PostAsync("/signin?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["Email"] = email,
            ["Password"] = password,
        }));
        var html = await response.Content.ReadAsStringAsync();
        var error = ErrorText().Match(html);
        return (response.StatusCode, error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value).Trim() : null, response.RequestMessage?.RequestUri?.AbsolutePath,
            response.Headers.RetryAfter?.Delta);
    }

    private static Task<List<string>> AccessLogAsync(AigaqHost host, Guid userId) =>
        host.WithDbAsync(d => d.Set<AccessLogEntry>().AsNoTracking().Where(e => e.UserId == userId).Select(e => e.Outcome).ToListAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("id=\"signin-error\">([^<]*)<")]
    private static partial Regex ErrorText();
}
