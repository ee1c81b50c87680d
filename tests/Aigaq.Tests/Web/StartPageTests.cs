using System.Net;
using Aigaq.Access;

namespace Aigaq.Tests.Web;

/// <summary>Each role starts at its own page (issue 14, item 6); a return address given to the sign-in still wins.</summary>
public sealed class StartPageTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData(Roles.Administrator, "/admin/users")]
    [InlineData(Roles.Officer, "/detentions/register")]
    [InlineData(Roles.CustodyOfficer, "/detentions")]
    [InlineData(Roles.Investigator, "/referrals")]
    [InlineData(Roles.Prosecutor, "/dashboard")]
    [InlineData(Roles.SpecialProsecutor, "/dashboard")]
    [InlineData(Roles.Defender, "/detentions")]
    [InlineData(Roles.Reviewer, "/complaints")]
    [InlineData(Roles.Monitor, "/reports")]
    [InlineData(Roles.Analyst, "/statistics")]
    [InlineData(Roles.ProtectionOfficer, "/protection")]
    [InlineData(Roles.ForensicExpert, "/examinations")]
    public async Task Each_role_starts_at_a_page_it_may_open(string role, string? start)
    {
        var facility = role == Roles.CustodyOfficer ? (await fixture.Host.FacilityAsync()).Id : (Guid?)null;
        var user = await fixture.Host.UserAsync(role, facility: facility);

        Assert.Equal(start, StartPages.For(role));
        if (start == "/detentions")
        {
            // The list takes the sign-in cookie only (no policy names the token scheme): its permission stands for it.
            Assert.Contains(Permissions.ViewDetentions, Permissions.For(role));
        }
        else if (start is not null)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync(start)).StatusCode);
        }
    }

    [Fact]
    public async Task Signing_in_leads_to_the_start_page_and_a_return_address_wins()
    {
        var analyst = await fixture.Host.UserAsync(Roles.Analyst);
        var officer = await fixture.Host.UserAsync(Roles.Officer);

        Assert.Equal("/statistics", await LandingAsync(analyst, null));
        Assert.Equal("/detentions/register", await LandingAsync(officer, null));
        Assert.Equal("/detentions", await LandingAsync(officer, "/detentions"));
        // A return address off the site is not followed: the start page is.
        Assert.Equal("/statistics", await LandingAsync(analyst, "https://evil.example/"));
        // Signed in, the home page leads there too, keeping the language asked for.
        Assert.Equal("/statistics?culture=ru", await LandingAsync(analyst, null, "/?culture=ru"));
    }

    [Fact]
    public async Task A_visitor_sees_the_public_home_page()
    {
        var response = await fixture.Host.Anonymous().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string?> LandingAsync(TestUser user, string? returnUrl, string? then = null)
    {
        var client = fixture.Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = true,
            HandleCookies = true,
            BaseAddress = fixture.Host.ClientOptions.BaseAddress,
        });
        var query = returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await client.GetStringAsync("/signin" + query);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await client.PostAsync("/signin" + query, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = user.User.Email!,
            ["Password"] = "test-password-2026",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (then is not null)
        {
            using var home = await client.GetAsync(then);
            return home.RequestMessage?.RequestUri?.PathAndQuery;
        }

        return response.RequestMessage?.RequestUri?.AbsolutePath;
    }
}
