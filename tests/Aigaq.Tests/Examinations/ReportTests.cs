using System.Globalization;
using Aigaq.Examinations;
using Aigaq.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using UglyToad.PdfPig;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// The sealed examination's report as a PDF (issue 16, item 7): the Istanbul Protocol's headings and the record's values
/// in each of kk, ru and en, read back out of the file, Kazakh letters and all; the body diagram numbered with the
/// findings; the absence-of-findings statement only where it applies. The renderer touches no database: one provider.
/// </summary>
public sealed class ReportTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private const string Kazakh = "Әріптес ғалым қоңыр өңді ұлы үйге һәм інісіне";
    private const string LeafHash = "9f2c6b1d8e4a7f03c5b2e1d0a9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6";
    private const string PhotoHash = "5b41362bc82b7f3d56edc5a306db22105707d01ff4819e26faef9724a2d406c9";

    private static readonly DateTimeOffset Requested = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void The_report_follows_the_protocols_headings_in_the_readers_language_with_the_records_values(string language)
    {
        var model = Model(absence: false);
        byte[] pdf;
        using (var scope = fixture.Host.Services.CreateScope())
        {
            pdf = scope.ServiceProvider.GetRequiredService<RenderExaminationReport>().Render(model, language);
        }

        var text = Read(pdf);
        var t = Localizer(language);
        string L(string key, params object[] args) => Squeeze(t[key, args]);
        foreach (var heading in new[]
        {
            "Examination details", "Examiner's qualifications and independence", "Circumstances of the examination", "Informed consent",
            "Allegations", "Physical examination and findings", "Photographs", "Psychological evaluation",
            "Interpretation of findings and overall opinion", "Conclusions and recommendations", "Amendments", "Transparency log",
        })
        {
            Assert.Contains(L(heading), text, StringComparison.Ordinal);
        }

        Assert.Contains(L("Medical examination {0}", "EX-2026-000017"), text, StringComparison.Ordinal);
        Assert.Contains(Squeeze("P-7 " + Kazakh), text, StringComparison.Ordinal);
        Assert.Contains(L("Finding {0}", 2) + L("BodyRegion.leftThigh") + "(" + L("BodyView.back") + ")", text, StringComparison.Ordinal);
        Assert.Contains(L("Consistency") + ":" + L("Consistency.highlyConsistent"), text, StringComparison.Ordinal);
        Assert.Contains(L("Consistency") + ":" + L("Consistency.typicalOf"), text, StringComparison.Ordinal);
        Assert.Contains(L("Overall opinion") + L("Consistency.diagnosticOf"), text, StringComparison.Ordinal);
        Assert.Contains(L("ConsentItem.photographs") + L("Given"), text, StringComparison.Ordinal);
        Assert.Contains(L("ConsentItem.shareWithInvestigators") + L("Refused"), text, StringComparison.Ordinal);
        Assert.Contains(L("Police asked to leave") + L("Yes"), text, StringComparison.Ordinal);
        Assert.Contains(L("RequesterKind.defender"), text, StringComparison.Ordinal);
        Assert.Contains("SHA-256" + PhotoHash, text, StringComparison.Ordinal);
        Assert.Contains(L("Scale shown") + ":" + L("Yes"), text, StringComparison.Ordinal);
        Assert.Contains(L("Colour chart shown") + ":" + L("No"), text, StringComparison.Ordinal);
        Assert.Contains(L("Leaf hash") + LeafHash, text, StringComparison.Ordinal);
        Assert.Contains(L("Entry") + "4711", text, StringComparison.Ordinal);
        Assert.Contains("29.11.202613:00", text, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Typo in the size of finding 1"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(L("The absence of physical or psychological findings does not prove that torture or ill-treatment did not take place."), text, StringComparison.Ordinal);
        foreach (var view in BodyRegions.Views)
        {
            Assert.Contains(L("BodyView." + view), text, StringComparison.Ordinal);
        }

        foreach (var letter in "әғқңөұүһі")
        {
            Assert.Contains(letter, text);
        }

        if (language == "kk")
        {
            // The headings themselves are Kazakh, not a fallback to another language.
            Assert.Contains(Squeeze("Сарапшының біліктілігі және тәуелсіздігі"), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze("Жоғары дәрежеде сәйкес келеді"), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_report_without_findings_says_that_their_absence_does_not_prove_the_absence_of_torture()
    {
        var model = Model(absence: true) with { Findings = [], Photos = [], Opinion = null, Receipt = null };
        using var scope = fixture.Host.Services.CreateScope();
        var text = Read(scope.ServiceProvider.GetRequiredService<RenderExaminationReport>().Render(model, "ru"));

        var t = Localizer("ru");
        Assert.Contains(Squeeze("Отсутствие физических или психологических признаков не доказывает, что пыток или жестокого обращения не было."), text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(t["No physical findings."]), text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(t["The record has no log entry yet."]), text, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => scope.ServiceProvider.GetRequiredService<RenderExaminationReport>().Render(model, "de"));
    }

    [Fact]
    public void A_word_longer_than_many_lines_is_printed_whole_broken_at_the_width()
    {
        // 4,000 characters without a space (L5): broken by halving, every character printed once and in order.
        var word = string.Concat(Enumerable.Range(0, 400).Select(i => (i % 10).ToString(CultureInfo.InvariantCulture) + "абвгдеёжз"));
        var model = Model(absence: false) with { Conclusions = word };
        using var scope = fixture.Host.Services.CreateScope();
        var text = Read(scope.ServiceProvider.GetRequiredService<RenderExaminationReport>().Render(model, "en"));
        // Across a page break the running head ("Medical examination <number> <page>/<pages>") comes between.
        var running = System.Text.RegularExpressions.Regex.Replace(text, "MedicalexaminationEX-2026-000017[0-9]+/[0-9]+", "");
        Assert.Contains(word, running, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_diagrams_preview_page_is_not_there_outside_development()
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync("/dev/examinations/body-diagram");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private static ExaminationReportModel Model(bool absence) => new(
        "EX-2026-000017",
        "P-7 " + Kazakh,
        Requested,
        "defender",
        "№ 12-3/45",
        Requested.AddHours(5),
        Requested.AddHours(6),
        Requested.AddHours(7),
        "Алматы, ҚР ДСМ Сот-медициналық сараптама орталығы",
        new ReportExaminer("Dr Saule Nurlanovna", "Forensic physician, 12 years", "I have no tie to the police of Almaty.", true),
        new ReportSession([new ReportPresent("Aliya K.", "interpreter"), new ReportPresent("Sgt. B.", "police")], true, true, "Aliya K.", null),
        [new ReportConsent("examination", true), new ReportConsent("photographs", true), new ReportConsent("shareWithInvestigators", false)],
        "Does not trust the investigator.",
        "Beaten with a baton on the back of the thighs on 27.11.2026.",
        [
            new ReportFinding(1, "front", "chest", 0.5, 0.25, "Bruise 3 x 4 cm, yellow-green", "3 x 4 cm", "highlyConsistent", "Colour fits 3-5 days."),
            new ReportFinding(2, "back", "leftThigh", 0.4, 0.6, "Parallel linear bruises (tramline)", null, "typicalOf", "Tramlines follow a rod."),
        ],
        [new ReportPhoto(1, PhotoHash, 2, true, false, false, false, "2026-11-29T13:10:00+05:00")],
        "Anxious, sleeps badly; " + Kazakh,
        "diagnosticOf",
        "Findings consistent with the account.",
        "Refer for psychological care.",
        absence,
        [new ReportAmendment(Requested.AddDays(1), "Dr Saule Nurlanovna", "Typo in the size of finding 1", "3 x 4 cm, not 3 x 5 cm")],
        new ReportReceipt(4711, LeafHash, "aigaq.example.kz/log\n4712\nAbCd=\n", "https://aigaq.example.kz/log/receipt?index=4711"));

    private IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return fixture.Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    /// <summary>Text without white space: a PDF places words, and readers guess the spaces between them.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Read(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        return Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
    }
}
