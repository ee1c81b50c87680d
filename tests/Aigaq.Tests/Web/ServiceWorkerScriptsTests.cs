using System.Net;

namespace Aigaq.Tests.Web;

/// <summary>
/// The service workers share one script (issue 17): sw.js (the registration form) and visits-sw.js (a visit's page) each
/// load /sw-keep.js with importScripts, and no longer repeat it. With <c>X-Content-Type-Options: nosniff</c> a worker
/// refuses an imported script not served as JavaScript, so each is served with a JavaScript type, from the site's root
/// (a worker's scope is its own path's; the imported script's path plays no part in it).
/// </summary>
public sealed class ServiceWorkerScriptsTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("/sw.js")]
    [InlineData("/visits-sw.js")]
    [InlineData("/sw-keep.js")]
    public async Task Each_worker_script_is_served_as_javascript(string path)
    {
        using var client = fixture.Host.Anonymous();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/sw.js")]
    [InlineData("/visits-sw.js")]
    public async Task Both_workers_load_the_shared_keeping_of_a_page_and_do_not_repeat_it(string path)
    {
        using var client = fixture.Host.Anonymous();

        var worker = await client.GetStringAsync(path);
        var shared = await client.GetStringAsync("/sw-keep.js");

        Assert.Contains("importScripts('/sw-keep.js');", worker, StringComparison.Ordinal);
        Assert.Contains("keepPage(CACHE, ", worker, StringComparison.Ordinal);
        Assert.Contains("function keepPage(", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("cache.add(asset)", worker, StringComparison.Ordinal);
    }
}
