using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using UglyToad.PdfPig;

namespace Aigaq.Tests.Detentions;

/// <summary>
/// The custody record as a PDF (issue 14, item 8): in the reader's language, its Kazakh and Russian letters drawn by the
/// font it embeds, with the log receipt of the registration; for exactly those who may open the record's page (the
/// others get its 404), with need to know as on the page, and each download logged as an access.
/// </summary>
public abstract class PrintTests(HostFixture fixture)
{
    private const string LastName = "Құрманғазыұлы";
    private const string FirstName = "Әлихан";

    private AigaqHost Host => fixture.Host;

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_record_prints_in_the_readers_language_with_its_letters_and_its_log_receipt(string culture)
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var created = await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1), b =>
        {
            b["person"]!["lastName"] = LastName;
            b["person"]!["firstName"] = FirstName;
        });
        var id = created.Id();
        var number = created.Str("number");
        await IntegrateAsync();
        var entry = await Host.WithDbAsync(db => db.Set<LedgerEntry>()
            .Where(e => e.RecordId == id && e.Kind == DetentionLedger.Registered).Select(e => new { e.Index, e.LeafHash }).SingleAsync());

        var client = await Host.SignedInAsync(officer, culture);
        using var response = await client.GetAsync($"/detentions/{id}/pdf?culture={culture}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"aigaq-{number}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = Read(await response.Content.ReadAsByteArrayAsync());
        var t = Localizer(culture);
        Assert.Contains(Squeeze(t["Custody record {0}", number]), pdf.Text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(t["Leaf hash"]), pdf.Text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(t["Detained (stated by the officer)"]), pdf.Text, StringComparison.Ordinal);
        Assert.Contains(LastName + FirstName, pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Бауыржанұлы", pdf.Text, StringComparison.Ordinal);

        // Every letter is drawn from a glyph of the embedded DejaVu, the Kazakh ones too: nothing falls back to a blank box.
        Assert.All(pdf.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)), l => Assert.Contains("DejaVu", l.FontName, StringComparison.Ordinal));
        foreach (var letter in "ҚұғӘ")
        {
            var drawn = pdf.Letters.Where(l => l.Value == letter.ToString()).ToList();
            Assert.NotEmpty(drawn);
            Assert.All(drawn, l => Assert.True(l.BoundingBox.Width > 0, $"{letter} has no glyph"));
        }

        // The receipt: entry, leaf hash, the checkpoint it is proved against, and where anyone can check it.
        Assert.Contains(Squeeze(entry.LeafHash), pdf.Text, StringComparison.Ordinal);
        Assert.Contains(Squeeze($"http://localhost/log/receipt?index={entry.Index.ToString(CultureInfo.InvariantCulture)}"), pdf.Text, StringComparison.Ordinal);
        Assert.Contains("c2sp.org/tlog-proof@v1", pdf.Text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(t["Signed checkpoint"]), pdf.Text, StringComparison.Ordinal);

        var log = await Host.WithDbAsync(db => db.Set<AccessLogEntry>().Where(a => a.UserId == officer.Id && a.Resource == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains(PrintDetention.AccessAction, log);
    }

    [Fact]
    public async Task Only_those_who_may_open_the_record_get_its_PDF_and_the_others_get_the_pages_404()
    {
        var facility = await Host.FacilityAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var id = (await Host.RegisterAsync(officer, facility.Id, Host.Now.AddHours(-1))).Id();
        var otherOfficer = await Host.UserAsync(Roles.Officer);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);
        var prosecutorElsewhere = await Host.UserAsync(Roles.Prosecutor, region: "KZ-71");

        var other = await Host.SignedInAsync(otherOfficer, "en");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/detentions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/detentions/{id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.Client.GetAsync($"{Scenario.Detentions}/{id}/pdf")).StatusCode);

        using (var elsewhere = await prosecutorElsewhere.Client.GetAsync($"{Scenario.Detentions}/{id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
            Assert.Equal("application/problem+json", elsewhere.Content.Headers.ContentType?.MediaType);
        }

        using (var api = await prosecutor.Client.GetAsync($"{Scenario.Detentions}/{id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal("application/pdf", api.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await api.Content.ReadAsByteArrayAsync(), 0, 5), StringComparison.Ordinal);
        }

        using (var unknown = await prosecutor.Client.GetAsync($"{Scenario.Detentions}/{Guid.NewGuid()}/pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var printedBy = await Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .Where(a => a.Resource == id.ToString() && a.Action == PrintDetention.AccessAction).Select(a => a.UserId).ToListAsync());
        Assert.Equal([prosecutor.Id], printedBy);
    }

    [Fact]
    public async Task A_complaint_prints_only_for_a_reader_who_needs_to_know_it()
    {
        const string Allegation = "Beaten in the corridor by Sergeant Kairatov";
        var held = await Host.HeldAsync();
        var officer = await Host.UserAsync(Roles.Officer);
        var id = (await Host.RegisterAsync(officer, held.Facility, Host.Now.AddHours(-1))).Id();
        await (await held.Custody.Client.PostJsonAsync(Scenario.EventsUrl(id), new JsonObject
        {
            ["type"] = "illTreatmentComplaint",
            ["at"] = Requests.Instant(Host.Now.AddMinutes(-30)),
            ["by"] = "the detainee",
            ["note"] = Allegation,
        })).ExpectAsync(HttpStatusCode.Created);
        var prosecutor = await Host.UserAsync(Roles.Prosecutor);

        var withheld = Read(await (await Host.SignedInAsync(officer, "en")).GetByteArrayAsync($"/detentions/{id}/pdf?culture=en"));
        var read = Read(await prosecutor.Client.GetByteArrayAsync($"{Scenario.Detentions}/{id}/pdf?culture=en"));

        Assert.DoesNotContain(Squeeze(Allegation), withheld.Text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(Localizer("en")["Event.withheld"]), withheld.Text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(Allegation), read.Text, StringComparison.Ordinal);
    }

    private async Task IntegrateAsync()
    {
        var keys = Host.Services.GetRequiredService<LedgerKeys>();
        await Host.WithDbAsync(async db =>
        {
            var tree = new IntegratorTree();
            while ((await LedgerIntegrator.IntegrateOnceAsync(db, keys.Signer, "print-test", TimeProvider.System, tree)).Integrated > 0)
            {
            }

            return 0;
        });
    }

    private IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    /// <summary>Text without white space: a PDF places words, and readers guess the spaces between them.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static (string Text, IReadOnlyList<UglyToad.PdfPig.Content.Letter> Letters) Read(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        var pages = document.GetPages().ToList();
        return (Squeeze(string.Concat(pages.Select(p => p.Text))), [.. pages.SelectMany(p => p.Letters)]);
    }
}

public sealed class PrintOnSqlite(SqliteHost fixture) : PrintTests(fixture), IClassFixture<SqliteHost>;

public sealed class PrintOnPostgres(PostgresHost fixture) : PrintTests(fixture), IClassFixture<PostgresHost>;
