using System.Globalization;
using Aigaq.Recommendations;
using Aigaq.Web;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using PdfDocument = UglyToad.PdfPig.PdfDocument;

namespace Aigaq.Tests.Recommendations.Reports;

/// <summary>
/// The follow-up report's renderers (issue 18, item 5), given the coalition's grades for CAT/C/KAZ/CO/4 (10: 2, 11: 1,
/// 44: n/a with its reason): in kk, ru and en, the DOCX read back through the Open XML SDK (heading styles, table cells,
/// the chart parts with their series values) and the PDF's text extracted; in both a withheld count is printed as
/// withheld, not 0, an overdue measure is marked, a grade that differs from the coalition's on its scale is marked, and a
/// long rationale comes out whole (in the PDF across a page break).
/// </summary>
public sealed class FollowUpReportTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private static readonly DateTimeOffset Generated = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Computed = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
    private const string Summary10 = "Ұсталған адам бірінші сағаттан бастап қорғаушыға қол жеткізуі керек; задержание регистрируется с момента фактического задержания.";
    private const string OverdueMeasure = "Amend Article 131 of the Code of Criminal Procedure";
    private const string DoneMeasure = "Video recording in every interview room";

    /// <summary>A reason long enough to run over a page, its last words marked so that a loss at the break shows.</summary>
    private static readonly string Reason44 = string.Join(' ', Enumerable.Range(1, 900).Select(i => i % 13 == 0 ? $"қадам{i}." : $"сөз{i}")) + " соңы.";

    private AigaqHost Host => fixture.Host;

    [Fact]
    public void The_report_in_each_language_as_docx_holds_headings_tables_charts_and_marks()
    {
        foreach (var language in FollowUpReportText.Languages)
        {
            var model = Model(language);
            var bytes = Host.Services.GetRequiredService<FollowUpReportDocx>().Render(model);
            var t = Localizer(language);
            using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            // Valid against the Office schemas (Word refuses or "repairs" a file that is not), the chart parts included.
            Assert.Empty(new OpenXmlValidator().Validate(word).Select(e => e.Path?.XPath + ": " + e.Description));
            var main = word.MainDocumentPart!;
            var paragraphs = main.Document!.Body!.Elements<Paragraph>().ToList();
            string[] Styled(string style) => paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText).ToArray();

            Assert.Equal([t["FollowUp.Title", "CAT/C/KAZ/CO/4"].Value], Styled("Title"));
            Assert.Equal(new[] { "10", "11", "44" }.Select(n => t["FollowUp.Paragraph", n].Value), Styled("Heading1"));
            Assert.Contains(t["FollowUp.Measures"].Value, Styled("Heading2"));
            Assert.Contains(t["Indicator.reprisalsReported"].Value, Styled("Heading3"));
            // Real heading styles: Word's own names, with outline levels for the navigation pane.
            var heading1 = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Heading1");
            Assert.Equal(("heading 1", 0), (heading1.StyleName!.Val!.Value, heading1.StyleParagraphProperties!.OutlineLevel!.Val!.Value));
            var text = string.Join('\n', paragraphs.Select(p => p.InnerText));
            Assert.Contains(t["FollowUp.DataAsOf"] + ": " + Clock.Format(AsOf), text, StringComparison.Ordinal);
            Assert.Contains(t["FollowUp.ActorLabel"] + ": " + t["FollowUp.Actor.ngo"], text, StringComparison.Ordinal);
            Assert.Contains(Summary10, text, StringComparison.Ordinal);
            Assert.Contains(t["FollowUp.Grade"] + ": " + t["Scale.coalition.2"] + " * (" + t["Scale.coalition"] + ")", text, StringComparison.Ordinal);
            Assert.Contains(t["FollowUp.Rationale"] + ": " + Reason44, text, StringComparison.Ordinal);

            var rows = main.Document.Body.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
            string[] Row(string first, int nth = 0) => rows.Where(r => r[0] == first).ElementAt(nth);
            Assert.Equal("In progress — " + t["FollowUp.Overdue"], Row(OverdueMeasure)[4]);
            Assert.Equal("Completed", Row(DoneMeasure)[4]);
            Assert.Equal(Share(language), Row("2023")[1]);
            // The late-registration share's 2024 row, then the reprisals': withheld, not zero.
            Assert.Equal(t["FollowUp.Withheld"].Value, Row("2024", 1)[1]);
            Assert.Equal("12", Row("2023", 1)[1]);
            Assert.Equal("≠ " + t["FollowUp.Differs"], Row(t["FollowUp.Actor.state"], 0)[5]);
            Assert.Equal(t["FollowUp.OtherScale"].Value, Row(t["FollowUp.Actor.committee"])[5]);
            Assert.Equal(t["FollowUp.Same"].Value, Row(t["FollowUp.Actor.state"], 1)[5]);
            Assert.Equal(t["Scale.coalition.3"] + " *", Row(t["FollowUp.Actor.state"], 0)[2]);
            Assert.Contains(t["FollowUp.Grade"] + ": " + t["Scale.coalition.na"] + " * (" + t["Scale.coalition"] + ")", text, StringComparison.Ordinal);

            // One chart per indicator with a series, in the document's order, its values cached and in its workbook.
            var charts = main.Document.Body.Descendants<C.ChartReference>().Select(r => (ChartPart)main.GetPartById(r.Id!.Value!)).ToList();
            Assert.Equal(2, charts.Count);
            string[] Values(ChartPart c) => c.ChartSpace!.Descendants<C.Values>().Single().Descendants<C.NumericPoint>().Select(p => p.Index!.Value + ":" + p.InnerText).ToArray();
            Assert.Equal(["0:7.5", "1:5", "2:10"], Values(charts[0]));
            Assert.Equal(["0:12", "2:7"], Values(charts[1]));
            Assert.Equal(["2023", "2024", "2025"], charts[1].ChartSpace!.Descendants<C.CategoryAxisData>().Single().Descendants<C.StringPoint>().Select(p => p.InnerText));
            Assert.All(charts, c => Assert.NotNull(c.EmbeddedPackagePart));
        }
    }

    [Fact]
    public void The_report_in_each_language_as_pdf_prints_the_same_and_a_long_reason_runs_over_a_page_whole()
    {
        foreach (var language in FollowUpReportText.Languages)
        {
            var model = Model(language);
            var bytes = Host.Services.GetRequiredService<FollowUpReportPdf>().Render(model);
            var t = Localizer(language);
            var pages = Pages(bytes, t["FollowUp.Title", "CAT/C/KAZ/CO/4"]);
            var text = string.Concat(pages);

            Assert.Contains(Squeeze(t["FollowUp.DataAsOf"]) + Squeeze(Clock.Format(AsOf)), pages[0], StringComparison.Ordinal);
            Assert.DoesNotContain(Squeeze(t["FollowUp.Paragraph", "10"]), pages[0], StringComparison.Ordinal);
            foreach (var n in new[] { "10", "11", "44" })
            {
                Assert.Contains(Squeeze(t["FollowUp.Paragraph", n]), text, StringComparison.Ordinal);
            }

            Assert.Contains(Squeeze(Summary10), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(OverdueMeasure) + Squeeze(t["FollowUp.Lead"]), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze("In progress — " + t["FollowUp.Overdue"]), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["FollowUp.Status"] + ": Completed") + Squeeze(t["FollowUp.Indicators"]), text, StringComparison.Ordinal);
            Assert.Contains("2023" + Squeeze(Share(language)), text, StringComparison.Ordinal);
            Assert.Contains("2024" + Squeeze(t["FollowUp.Withheld"]), text, StringComparison.Ordinal);
            Assert.DoesNotContain("20240·", text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["FollowUp.Grade"] + t["Scale.coalition.1"] + " * (" + t["Scale.coalition"] + ")"), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(t["Scale.coalition.3"] + " * (" + t["Scale.coalition"] + ") · ≠ " + t["FollowUp.Differs"]), text, StringComparison.Ordinal);
            // The reason whole, and over a page break: it starts on one page and ends on a later one.
            Assert.Contains(Squeeze(t["FollowUp.Rationale"] + Reason44), text, StringComparison.Ordinal);
            Assert.True(
                pages.FindIndex(p => p.Contains("сөз1сөз2", StringComparison.Ordinal)) < pages.FindIndex(p => p.Contains("соңы.", StringComparison.Ordinal)),
                "the long reason fits on one page: it tests no break");
        }
    }

    private LocalClock Clock => Host.Services.GetRequiredService<LocalClock>();

    private static string Share(string language) => language switch
    {
        "en" => "7.5 % (3 of 40)",
        "ru" => "7,5 % (3 из 40)",
        _ => "7,5 % (40 ішінен 3)",
    };

    private IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Host.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    private FollowUpReportModel Model(string language)
    {
        var t = Localizer(language);
        ReportAssessment Coalition(string grade, string? reason) =>
            new("ngo", "coalition", 1, grade, t["Scale.coalition." + grade], true, reason, AsOf.AddDays(-20));
        ReportIndicatorPoint Point(int year, decimal? value, int? part = null, int? whole = null, bool suppressed = false) =>
            new(year, value, part, whole, suppressed, Computed);
        var late = new ReportIndicator("lateRegistrationShare", t["Indicator.lateRegistrationShare"], ReportUnit.Share,
            [Point(2023, 0.075m, 3, 40), Point(2024, 0.05m, 2, 40), Point(2025, 0.1m, 4, 40)]);
        var reprisals = new ReportIndicator("reprisalsReported", t["Indicator.reprisalsReported"], ReportUnit.Count,
            [Point(2023, 12), Point(2024, null, suppressed: true), Point(2025, 7)]);
        var state = new ReportAssessment("state", "coalition", 1, "3", t["Scale.coalition.3"], true, null, AsOf.AddDays(-40));
        var committee = new ReportAssessment("committee", "catFollowUp", 1, "initialSteps", t["Scale.catFollowUp.initialSteps"], false, null, AsOf.AddDays(-90));
        return new FollowUpReportModel("CAT/C/KAZ/CO/4", "ngo", language, Generated, AsOf,
        [
            new("10", null, Summary10, true, new DateOnly(2027, 5, 12),
                [
                    new(OverdueMeasure, "Prosecutor General's Office", ["Ministry of Internal Affairs"], new DateOnly(2025, 12, 31), "In progress", true),
                    new(DoneMeasure, "Ministry of Internal Affairs", [], new DateOnly(2026, 6, 30), "Completed", false),
                ],
                [late, reprisals], Coalition("2", "Partly done."), [state, committee]),
            new("11", null, "Investigate every allegation promptly.", true, null, [], [], Coalition("1", null),
                [state with { GradeId = "1", GradeLabel = t["Scale.coalition.1"] }]),
            new("44", null, "Ratify the Optional Protocol.", false, null, [], [], Coalition("na", Reason44), []),
        ]);
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Each page's text without white space and without its foot (the title and "page / pages").</summary>
    private static List<string> Pages(byte[] bytes, string title)
    {
        using var document = PdfDocument.Open(bytes);
        var count = document.NumberOfPages;
        return document.GetPages().Select((p, i) =>
        {
            var text = Squeeze(p.Text);
            var foot = Squeeze(title) + (i + 1).ToString(CultureInfo.InvariantCulture) + "/" + count.ToString(CultureInfo.InvariantCulture);
            Assert.EndsWith(foot, text, StringComparison.Ordinal);
            return text[..^foot.Length];
        }).ToList();
    }
}
