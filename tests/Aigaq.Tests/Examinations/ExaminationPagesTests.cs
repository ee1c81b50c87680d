using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Examinations;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// The examination pages (issue 16) refuse a role without examinations, for reading and for every form, and write
/// nothing; every section and field of the embedded forms has its label in kk, ru and en, as the page draws the form
/// from its data. (The forensic expert's and the requester's way through the pages is in Chromium: ExaminationPagesTests.)
/// </summary>
public abstract class ExaminationPagesTests(HostFixture fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task A_role_without_examinations_is_denied_every_page_and_form_and_nothing_is_written()
    {
        var investigator = await Host.UserAsync(Roles.Investigator);
        var created = await (await investigator.Client.PostJsonAsync("/api/v1/examinations", new JsonObject
        {
            ["requestedAt"] = Requests.Instant(Host.Now.AddMinutes(-10)),
            ["requestedBy"] = new JsonObject { ["kind"] = "investigator" },
            ["person"] = new JsonObject { ["lastName"] = "Ахметов", ["firstName"] = "Данияр", ["birthDate"] = "1990-04-12" },
        })).ExpectAsync(HttpStatusCode.Created);
        var id = created.Str("id");

        var officer = await Host.UserAsync(Roles.Officer);
        var page = await Host.SignedInAsync(officer, "kk");
        foreach (var path in new[] { "/examinations", "/examinations/new", $"/examinations/{id}" })
        {
            using var response = await page.GetAsync(path);
            Assert.Equal("/denied", response.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // The forms post to the page: a token of the officer's own session, and still denied before anything runs.
        var token = Pages.FormToken(await page.GetStringAsync("/"));
        var before = await Host.CountAsync<Examination>() + await Host.CountAsync<ExaminationConsent>();
        foreach (var (handler, fields) in new[]
        {
            ("Consent", new Dictionary<string, string> { ["Form.Consent[examination]"] = "yes" }),
            ("Examiner", new Dictionary<string, string> { ["Form.Name"] = "Офицер" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            fields["Form.FormKey"] = Guid.NewGuid().ToString("N");
            using var response = await page.PostAsync($"/examinations/{id}?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.Equal("/denied", response.RequestMessage!.RequestUri!.AbsolutePath);
        }

        using (var posted = await page.PostAsync("/examinations/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Kind"] = "investigator",
            ["Form.LastName"] = "Ахметов",
            ["Form.FirstName"] = "Данияр",
        })))
        {
            Assert.Equal("/denied", posted.RequestMessage!.RequestUri!.AbsolutePath);
        }

        Assert.Equal(before, await Host.CountAsync<Examination>() + await Host.CountAsync<ExaminationConsent>());
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void Every_section_field_and_employer_has_a_label(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var t = Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var keys = Host.Services.GetRequiredService<ExaminationForms>().All
                .SelectMany(f => f.Sections.Select(s => "FormSection." + s.Id).Concat(f.Sections.SelectMany(s => s.Fields).Select(x => "FormField." + x.Id)))
                .Concat(Host.Services.GetRequiredService<Aigaq.Rules.RulePackCatalog>().At(Host.Now).Examinations.Employers.Select(e => "Employer." + e))
                .Concat(Enum.GetNames<ExaminationStatus>().Select(s => "ExaminationStatus." + s))
                .Distinct().ToList();
            Assert.Equal([], keys.Where(k => t[k].ResourceNotFound).ToArray());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

public sealed class ExaminationPagesOnSqlite(SqliteHost fixture) : ExaminationPagesTests(fixture), IClassFixture<SqliteHost>;

public sealed class ExaminationPagesOnPostgres(PostgresHost fixture) : ExaminationPagesTests(fixture), IClassFixture<PostgresHost>;
