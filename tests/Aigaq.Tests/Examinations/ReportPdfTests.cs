using System.Globalization;
using System.Net;
using Aigaq.Access;
using Aigaq.Examinations;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using UglyToad.PdfPig;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// <c>GET /api/v1/examinations/{id}/report.pdf</c> (issue 16, item 7): once sealed, in kk, ru and en, to the examiner and
/// to the roles the consent opens the record to; the PDF holds the number, the finding, the opinion's level in the
/// language asked, the psychological evaluation, the amendment's reason and the seal's leaf hash; each download is in the
/// access log. Before the seal 409, an unknown language 400, and whoever may not read the medical content is refused.
/// </summary>
public abstract class ReportPdfTests(ExaminationHost fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_sealed_report_prints_in_each_language_for_readers_of_the_medical_content_only()
    {
        var exam = await SealedExamination.CreateAsync(Host, seal: false);
        var pdf = $"{exam.At}/report.pdf";
        await (await exam.Examiner.Client.GetAsync($"{pdf}?lang=ru")).ExpectProblemAsync(HttpStatusCode.Conflict, "status");
        // A photograph of the finding, taken before the seal: the report lists it by its hash.
        var image = new ByteArrayContent(MediaImages.PhoneJpeg());
        image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        using var upload = new MultipartFormDataContent
        {
            { image, "file", "IMG_0001.jpg" },
            { new StringContent("true"), "scaleShown" },
            { new StringContent("true"), "colourChartShown" },
            { new StringContent(exam.FindingId), "findingId" },
        };
        var sha = (await (await exam.Examiner.Client.PostAsync($"{exam.At}/photos", upload)).ExpectAsync(HttpStatusCode.Created)).Str("sha256");
        await exam.SealAsync();
        await (await exam.Examiner.Client.GetAsync($"{pdf}?lang=de")).ExpectProblemAsync(HttpStatusCode.BadRequest, "lang");

        var leaf = await Host.WithDbAsync(async db =>
        {
            var seal = await db.Set<ExaminationSeal>().SingleAsync(s => s.ExaminationId == exam.Id);
            return await db.Set<LedgerEntry>().Where(e => e.Kind == ExaminationLedger.Sealed && e.RecordId == seal.Id).Select(e => e.LeafHash).SingleAsync();
        });
        foreach (var language in new[] { "kk", "ru", "en" })
        {
            using var response = await exam.Examiner.Client.GetAsync($"{pdf}?lang={language}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var text = Read(await response.Content.ReadAsByteArrayAsync());
            var t = Localizer(language);
            Assert.Contains(Squeeze(exam.Number), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(SealedExamination.Description), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(SealedExamination.Mental), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["Overall opinion"]) + Squeeze(t["Consistency.highlyConsistent"]), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(SealedExamination.AmendmentReason), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(sha), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["Leaf hash"]) + leaf, text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["FormField.selfInflictionOrSimulationConsidered"]) + Squeeze(t["Yes"]), text, StringComparison.Ordinal);
            // Every section of the form with every field, not only the allegations and the psychological evaluation: the
            // background's recorded field with its label, and a field nobody filled printed with a dash.
            Assert.Contains(Squeeze(t["FormSection.background"]), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["FormField.pastMedicalHistory"]) + Squeeze(SealedExamination.PastHistory), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["FormField.diagnosticTests"]) + "—", text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["FormSection.interpretation"]), text, StringComparison.Ordinal);
            Assert.DoesNotContain("Ахметов", text, StringComparison.Ordinal);
        }

        // The requester reads it: the person consented to share with investigators. A forensic expert of the region reads
        // the request but not the medical content; a prosecutor of another region not even the request; an officer nothing.
        Assert.Equal(HttpStatusCode.OK, (await exam.Requester.Client.GetAsync(pdf)).StatusCode);
        await (await (await Host.UserAsync(Roles.ForensicExpert)).Client.GetAsync(pdf)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Host.UserAsync(Roles.Prosecutor, region: "KZ-71")).Client.GetAsync(pdf)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await (await Host.UserAsync(Roles.Officer)).Client.GetAsync(pdf)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var logged = await Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .Where(e => e.Action == GetExaminationReport.AccessAction && e.Resource == exam.Id.ToString()).Select(e => e.Outcome).ToListAsync());
        Assert.Equal(["allowed:en", "allowed:kk", "allowed:kk", "allowed:ru", "denied"], logged.Order(StringComparer.Ordinal));
    }

    private IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    /// <summary>Text without white space: a PDF places words, and readers guess the spaces between them.</summary>
    internal static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    internal static string Read(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        return Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
    }
}

public sealed class ReportPdfOnSqlite(ExaminationSqliteHost fixture) : ReportPdfTests(fixture), IClassFixture<ExaminationSqliteHost>;

public sealed class ReportPdfOnPostgres(ExaminationPostgresHost fixture) : ReportPdfTests(fixture), IClassFixture<ExaminationPostgresHost>;
