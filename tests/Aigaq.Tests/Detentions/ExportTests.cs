using System.Globalization;
using System.Net;
using System.Text;
using Aigaq.Access;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// The detentions list as a CSV file (issue 14, item 8): the rows the reader may see and the list's filters keep, headers
/// in the reader's language, UTF-8 with a byte-order mark for Excel, RFC 4180 quoting, no cell a spreadsheet would run as
/// a formula, sent as an attachment, and logged as an access. The alerts' export answers the same way.
/// </summary>
public abstract class ExportTests(HostFixture fixture)
{
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"Ахметов, Е.\")";

    private AigaqHost Host => fixture.Host;

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_list_exports_what_the_reader_may_see_in_their_language_quoted_and_disarmed(string culture)
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var mine = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1), b => b["person"]!["lastName"] = Formula);
        var plain = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1), b => b["person"]!["lastName"] = "Сәтбаев");
        var someoneElses = await Host.RegisterAsync(await Host.UserAsync(Roles.Officer), facility.Id, Host.Now.AddHours(-1));

        var client = await Host.SignedInAsync(officer, culture);
        using var response = await client.GetAsync($"/detentions/export.csv?culture={culture}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n");
        Assert.Equal("", lines[^1]);

        var t = Localizer(culture);
        Assert.StartsWith(Csv.Field(t["Detention"]) + "," + Csv.Field(t["Status"]) + "," + Csv.Field(t["Last name"]) + ",", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        var armed = lines.Single(l => l.StartsWith(mine.Str("number"), StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Ахметов, Е.\"\")\",", armed, StringComparison.Ordinal);
        Assert.Contains(Csv.Field(t["CustodyStatus.InTransit"]), armed, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(plain.Str("number") + ",", StringComparison.Ordinal) && l.Contains(",Сәтбаев,", StringComparison.Ordinal));
        Assert.DoesNotContain(someoneElses.Str("number"), text, StringComparison.Ordinal);

        var logged = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(a => a.UserId == officer.Id && a.Action == "detentions.export").Select(a => a.Resource).ToListAsync());
        Assert.Equal(["2 records"], logged);
    }

    [Fact]
    public async Task The_export_keeps_the_lists_filters_and_names_a_bad_one()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var held = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1));
        var client = await Host.SignedInAsync(officer, "en");

        var inTransit = await client.GetStringAsync("/detentions/export.csv?status=inTransit&culture=en");
        var released = await client.GetStringAsync("/detentions/export.csv?status=released&culture=en");
        var elsewhere = await client.GetStringAsync("/detentions/export.csv?region=KZ-71&culture=en");
        Assert.Contains(held.Str("number"), inTransit, StringComparison.Ordinal);
        Assert.DoesNotContain(held.Str("number"), released, StringComparison.Ordinal);
        Assert.DoesNotContain(held.Str("number"), elsewhere, StringComparison.Ordinal);

        using var bad = await client.GetAsync("/detentions/export.csv?status=asleep");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"status\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The list page's link to it carries the page's own query.
        var page = await client.GetStringAsync("/detentions?status=inTransit&culture=en");
        Assert.Contains("href=\"/detentions/export.csv?status=inTransit&amp;culture=en\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alerts_export_holds_the_alerts_the_reader_may_see_with_the_dashboards_filters()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var here = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1), b => b.Remove("rightsExplainedAt"));
        var elsewhereFacility = await Host.FacilityAsync(region: "KZ-71");
        var there = await Host.RegisterAsync(await Host.UserAsync(Roles.Officer, region: "KZ-71"), elsewhereFacility.Id, Host.Now.AddHours(-1), b => b.Remove("rightsExplainedAt"));
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);

        using var response = await prosecutor.Client.GetAsync("/alerts/export.csv?code=RightsNotExplained&culture=ru");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var t = Localizer("ru");
        Assert.StartsWith(t["Alert"] + "," + t["Severity"] + ",", text, StringComparison.Ordinal);
        Assert.Contains(t["Alert.RightsNotExplained"], text, StringComparison.Ordinal);
        Assert.Contains(here.Str("number"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(there.Str("number"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(t["Alert.LateRegistration"], text, StringComparison.Ordinal);

        using var bad = await prosecutor.Client.GetAsync("/alerts/export.csv?severity=dreadful");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"severity\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An officer does not see alerts: the export is refused as the dashboard is.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync("/alerts/export.csv")).StatusCode);
        Assert.Contains("alerts.export", await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(a => a.UserId == prosecutor.Id).Select(a => a.Action).ToListAsync()));
    }

    private IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }
}

public sealed class ExportOnSqlite(SqliteHost fixture) : ExportTests(fixture), IClassFixture<SqliteHost>;

public sealed class ExportOnPostgres(PostgresHost fixture) : ExportTests(fixture), IClassFixture<PostgresHost>;
