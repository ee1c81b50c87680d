using System.Net;
using System.Text.RegularExpressions;
using Aigaq.Access;

namespace Aigaq.Tests.Web;

/// <summary>One menu: the header of every page and the home page's list offer the links the reader's role may follow.</summary>
public sealed partial class NavigationTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task The_home_page_lists_the_menu_the_header_shows()
    {
        var html = await PageAsync(fixture.Host.Anonymous(), "/");

        var header = Links(Between(html, "<nav", "</nav>"));
        Assert.Equal(["/lookup", "/anonymous", "/statistics", "/public/recommendations", "/signin"], header);
        Assert.Equal(header, Links(Between(html, "<main", "</main>")));
        Assert.DoesNotContain("action=\"/signout\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Officer, "/detentions/register", new[] { "/detentions/register", "/detentions", "/lookup", "/statistics", "/public/recommendations" })]
    [InlineData(Roles.Administrator, "/admin/users", new[] { "/admin/facilities", "/admin/users", "/recommendations", "/lookup", "/statistics" })]
    [InlineData(Roles.Reviewer, "/complaints", new[] { "/reports", "/cases", "/complaints", "/lookup", "/statistics", "/public/recommendations" })]
    public async Task The_menu_offers_the_links_the_role_may_follow_and_signing_out(string role, string page, string[] links)
    {
        var user = await fixture.Host.UserAsync(role);

        var html = await PageAsync(user.Client, page);

        var menu = Between(html, "<nav", "</nav>");
        Assert.Equal(links, Links(menu));
        Assert.Contains("action=\"/signout\"", menu, StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string[] Links(string html) => [.. Href().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
