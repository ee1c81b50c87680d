using System.Net;
using Aigaq.Access;
using Microsoft.EntityFrameworkCore;

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
    [InlineData("q=", "q", 101)]
    public async Task A_bad_filter_is_refused_naming_it(string query, string field, int padding = 0)
    {
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);

        await (await prosecutor.Client.GetAsync("/api/v1/detentions?" + query + new string('я', padding))).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_list_finds_a_detention_by_its_number_as_typed_or_by_the_start_of_the_name()
    {
        var facility = await Host.FacilityAsync(region: "KZ-63");
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-63");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-63");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var first = await Host.RegisterAsync(officer, facility.Id, change: b => b.With("person.lastName", "Іздеуов" + suffix).With("person.firstName", "Ерлан"));
        var second = await Host.RegisterAsync(officer, facility.Id, change: b => b.With("person.lastName", "Іздеуов" + suffix).With("person.firstName", "Марат"));
        await Host.RegisterAsync(officer, facility.Id, change: b => b.With("person.lastName", "Басқа" + suffix));

        async Task<List<string>> FoundAsync(string q) =>
            [.. (await (await prosecutor.Client.GetAsync("/api/v1/detentions?region=KZ-63&q=" + Uri.EscapeDataString(q))).ExpectAsync(HttpStatusCode.OK))["items"]
                .Objects().Select(d => d.Str("id"))];

        Assert.Equal([second.Str("id"), first.Str("id")], await FoundAsync("іздеуов" + suffix));
        Assert.Equal([first.Str("id")], await FoundAsync(" Іздеуов" + suffix + "  ер "));
        var number = first.Str("number");
        Assert.Equal([first.Str("id")], await FoundAsync(number.ToLowerInvariant()));
        // The digits without their leading zeros.
        Assert.Equal([first.Str("id")], await FoundAsync(number[..4] + long.Parse(number[4..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(await FoundAsync("Жоқ" + suffix));

        // The page searches the same way and keeps the search in its form and its export link; each reading is logged.
        var page = await Host.SignedInAsync(officer, "kk");
        var listed = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == officer.Id && e.Action == "detentions.list"));
        var html = await page.GetStringAsync("/detentions?region=KZ-63&q=" + Uri.EscapeDataString("Іздеуов" + suffix + " Ерлан"));
        Assert.True(html.Contains(first.Str("number"), StringComparison.Ordinal), html[html.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.DoesNotContain(second.Str("number"), html, StringComparison.Ordinal);
        Assert.Contains("value=\"Іздеуов" + suffix + " Ерлан\"", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("/detentions/export.csv?q=", html, StringComparison.Ordinal);
        Assert.Equal(listed + 1, await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == officer.Id && e.Action == "detentions.list")));
    }
}

public sealed class ListDetentionsOnSqlite(SqliteHost fixture) : ListDetentionsTests(fixture), IClassFixture<SqliteHost>;

public sealed class ListDetentionsOnPostgres(PostgresHost fixture) : ListDetentionsTests(fixture), IClassFixture<PostgresHost>;
