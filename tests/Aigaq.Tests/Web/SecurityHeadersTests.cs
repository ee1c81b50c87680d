using System.Net;

namespace Aigaq.Tests.Web;

/// <summary>Every answer carries the security headers (issue 13, item 7): pages, API answers, static files, refusals.</summary>
public sealed class SecurityHeadersTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("/signin", HttpStatusCode.OK)]
    [InlineData("/lookup", HttpStatusCode.OK)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/api/v1/detentions", HttpStatusCode.Unauthorized)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Every_answer_forbids_inline_script_framing_sniffing_and_referrers(string path, HttpStatusCode status)
    {
        using var client = fixture.Host.Anonymous();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }
}
