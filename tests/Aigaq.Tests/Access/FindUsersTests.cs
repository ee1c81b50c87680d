using System.Net;
using Aigaq.Access;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Access;

/// <summary>
/// Finding accounts on /admin/users (issue 14, item 6): by part of a name or an e-mail address, by role, region and
/// whether the account is active; meaningless filters are dropped, and every list is logged as an access.
/// </summary>
public abstract class FindUsersTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task Accounts_are_found_by_name_or_e_mail_and_filtered_by_role_region_and_state()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var admin = await Host.UserAsync(Roles.Administrator, region: null);
        var officer = await Host.UserAsync(Roles.Officer, region: "KZ-55", email: $"izdeu.{suffix}.a@test.aigaq.kz");
        var analyst = await Host.UserAsync(Roles.Analyst, region: "KZ-55", email: $"izdeu.{suffix}.b@test.aigaq.kz");
        var gone = await Host.UserAsync(Roles.Officer, region: "KZ-71", email: $"izdeu.{suffix}.c@test.aigaq.kz");
        await Host.WithDbAsync(async db =>
        {
            var named = await db.Users.SingleAsync(u => u.Id == officer.Id);
            named.DisplayName = "Әлібеков Нұржан " + suffix;
            var deactivated = await db.Users.SingleAsync(u => u.Id == gone.Id);
            deactivated.Deactivated = true;
            return await db.SaveChangesAsync();
        });

        async Task<List<Guid>> FoundAsync(string query)
        {
            var response = await admin.Client.GetAsync("/admin/users?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            return [.. new[] { officer, analyst, gone }.Where(u => html.Contains($"id=\"user-{u.Id}\"", StringComparison.Ordinal)).Select(u => u.Id)];
        }

        var q = "q=" + Uri.EscapeDataString("IZDEU." + suffix);
        Assert.Equal([officer.Id, analyst.Id, gone.Id], await FoundAsync(q));
        Assert.Equal([officer.Id, gone.Id], await FoundAsync(q + "&role=Officer"));
        Assert.Equal([officer.Id, analyst.Id], await FoundAsync(q + "&region=KZ-55"));
        Assert.Equal([gone.Id], await FoundAsync(q + "&state=deactivated"));
        Assert.Equal([officer.Id, analyst.Id], await FoundAsync(q + "&state=active"));
        Assert.Equal([analyst.Id], await FoundAsync(q + "&role=Analyst&region=KZ-55&state=active"));
        // A name in the casing it was not written in.
        Assert.Equal([officer.Id], await FoundAsync("q=" + Uri.EscapeDataString("әлібеков нұржан")));
        Assert.Equal([officer.Id], await FoundAsync("q=" + Uri.EscapeDataString("ӘЛІБЕКОВ")));
        // Filters that mean nothing are dropped, not refused.
        Assert.Equal([officer.Id, analyst.Id, gone.Id], await FoundAsync(q + "&role=Janitor&region=KZ-00&state=asleep"));
        var none = await admin.Client.GetStringAsync("/admin/users?q=nobody-" + suffix);
        Assert.Contains("id=\"users-none\"", none, StringComparison.Ordinal);

        var logged = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().CountAsync(e => e.UserId == admin.Id && e.Action == "users.list"));
        Assert.True(logged >= 9, $"{logged} lists logged");
    }
}

public sealed class FindUsersOnSqlite(SqliteHost fixture) : FindUsersTests(fixture), IClassFixture<SqliteHost>;

public sealed class FindUsersOnPostgres(PostgresHost fixture) : FindUsersTests(fixture), IClassFixture<PostgresHost>;
