using System.Net;
using Aigaq.Access;

namespace Aigaq.Tests.Detentions;

/// <summary>GET /api/v1/detentions: newest first, filtered, paged with a cursor.</summary>
public abstract class ListDetentionsTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_list_pages_through_every_detention_once_with_the_cursor_newest_first()
    {
        var facility = await Host.FacilityAsync(region: "KZ-62");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-62");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-62");
        var registered = new List<string>();
        for (var i = 0; i < 55; i++)
        {
            registered.Add((await Host.RegisterAsync(officer, facility.Id)).Str("id"));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/detentions?region=KZ-62" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await prosecutor.Client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(page["items"].Objects().Select(d => d.Str("id")));
            Assert.True(page.ContainsKey("next"), "every list answers next, null on the last page");
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        registered.Reverse();
        Assert.Equal(registered, seen);
    }

    [Theory]
    [InlineData("status=asleep", "status")]
    [InlineData("status=1", "status")]
    [InlineData("region=KZ-00", "region")]
    [InlineData("cursor=abc", "cursor")]
    public async Task A_bad_filter_is_refused_naming_it(string query, string field)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);

        await (await prosecutor.Client.GetAsync("/api/v1/detentions?" + query)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }
}

public sealed class ListDetentionsOnSqlite(SqliteHost fixture) : ListDetentionsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ListDetentionsOnPostgres(PostgresHost fixture) : ListDetentionsTests(fixture), IClassFixture<PostgresHost>;
