using Aigaq.Web;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Aigaq.Visits;

/// <summary>
/// The annual figures as a PDF for the annual report (issue 17, item 10), in Kazakh, Russian or English: the figures as
/// the JSON gives them, with bar charts of the visits made by agency, the access denials by what was denied, and the
/// recommendations by theme and by the authority's latest response,
/// each bar labelled with its count so the chart says nothing the figures do not.
/// </summary>
public sealed class AnnualVisitFiguresPdf(VisitReportText text)
{
    private const double BarHeight = 12;

    public byte[] Render(AnnualVisitFiguresView f, string language) => VisitReportText.In(language, () => Write(f, language));

    private byte[] Write(AnnualVisitFiguresView f, string language)
    {
        var title = text.Format("Annual.Title", VisitReportText.Number(f.Year));
        using var pdf = new PrintedDocument(title, language);
        pdf.Title(title)
            .Fact(text["Region"], f.Region ?? text["Annual.Country"])
            .Fact(text["Annual.Planned"], VisitReportText.Number(f.VisitsPlanned))
            .Fact(text["Annual.Made"], VisitReportText.Number(f.VisitsMade));

        pdf.Heading(text["Annual.ByKind"]);
        foreach (var k in f.ByKind)
        {
            pdf.Fact(text.Label(k.Kind), text["Annual.Planned"] + ": " + VisitReportText.Number(k.Planned) + " · " + text["Annual.Made"] + ": " + VisitReportText.Number(k.Made));
        }

        pdf.Heading(text["Annual.ByAgency"]);
        foreach (var a in f.ByAgency)
        {
            pdf.Fact(
                text.Label(a.Agency),
                text["Annual.Facilities"] + ": " + VisitReportText.Number(a.Facilities) + " · " + text["Annual.Visited"] + ": " + VisitReportText.Number(a.Visited)
                + " · " + text["Annual.Made"] + ": " + VisitReportText.Number(a.Made));
        }

        Bars(pdf, [.. f.ByAgency.Select(a => (text.Label(a.Agency), a.Made))]);

        pdf.Heading(text["Annual.NeverVisited"])
            .Fact(text["Annual.NeverVisitedCount"], VisitReportText.Number(f.NeverVisited.Count) + " / " + VisitReportText.Number(f.Facilities));
        foreach (var p in f.NeverVisited)
        {
            pdf.Fact(p.Name, text.Label(p.Type) + " · " + text.Label(p.Agency) + " · " + p.Region);
        }

        pdf.Heading(text["Denials"])
            .Fact(text["Annual.Total"], VisitReportText.Number(f.AccessDenials));
        foreach (var d in f.AccessDenialsByWhat)
        {
            pdf.Fact(text.Label(d.What), VisitReportText.Number(d.Count));
        }

        if (f.AccessDenials > 0)
        {
            Bars(pdf, [.. f.AccessDenialsByWhat.Where(d => d.Count > 0).Select(d => (text.Label(d.What), d.Count))]);
        }

        pdf.Heading(text["Headcount"])
            .Fact(text["Annual.Headcounts"], VisitReportText.Number(f.Headcounts.Headcounts));
        foreach (var finding in f.Headcounts.Findings)
        {
            pdf.Fact(text.Finding(finding.Finding), VisitReportText.Number(finding.Count));
        }

        var r = f.Recommendations;
        pdf.Heading(text["Annual.Recommendations"])
            .Fact(text["RecommendationsMade"], VisitReportText.Number(r.Made))
            .Fact(text["MadeAgain"], VisitReportText.Number(r.Repeated))
            .Fact(text["Annual.FoundImplemented"], VisitReportText.Number(r.FoundImplemented))
            .Fact(text["Annual.Overdue"], VisitReportText.Number(r.Overdue))
            .Fact(text["Addressees"], VisitReportText.Number(r.Addressees));
        pdf.Heading(text["RecommendationsByTheme"]);
        foreach (var t in r.ByTheme)
        {
            pdf.Fact(VisitReportParts.ThemeLabel(text, t.Name), VisitReportText.Number(t.Count));
        }

        Bars(pdf, [.. r.ByTheme.Select(t => (VisitReportParts.ThemeLabel(text, t.Name), t.Count))]);
        pdf.Heading(text["Annual.RecommendationsByAgency"]);
        foreach (var a in r.ByAgency)
        {
            pdf.Fact(text.Label(a.Agency), VisitReportText.Number(a.Count));
        }

        pdf.Heading(text["RecommendationsByStatus"]);
        foreach (var st in r.ByStatus)
        {
            pdf.Fact(StatusLabel(st.Name), VisitReportText.Number(st.Count));
        }

        if (r.Made > 0)
        {
            Bars(pdf, [.. r.ByStatus.Where(st => st.Count > 0).Select(st => (StatusLabel(st.Name), st.Count))]);
        }

        return pdf.ToBytes();
    }

    private string StatusLabel(string status) => text.Named("RecommendationStatus." + status, status);

    /// <summary>Horizontal bars, one per label, scaled to the largest count, each with its count at its end.</summary>
    private static void Bars(PrintedDocument pdf, IReadOnlyList<(string Label, int Count)> bars)
    {
        if (bars.Count == 0)
        {
            return;
        }

        pdf.Drawing((bars.Count * (BarHeight + 4)) + 8, (g, box) =>
        {
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
            var small = new XFont("DejaVu Sans", 7, XFontStyleEx.Regular, options);
            var max = Math.Max(1, bars.Max(b => b.Count));
            var left = box.X + 150;
            var width = Math.Min(box.Width - 190, 300);
            var axis = new XPen(XColors.Black, 0.7);
            g.DrawLine(axis, left, box.Y, left, box.Y + (bars.Count * (BarHeight + 4)) + 4);
            for (var i = 0; i < bars.Count; i++)
            {
                var y = box.Y + 4 + (i * (BarHeight + 4));
                g.DrawString(bars[i].Label, small, XBrushes.Black, new XRect(box.X, y, 144, BarHeight), XStringFormats.CenterRight);
                var length = width * bars[i].Count / max;
                if (length > 0)
                {
                    g.DrawRectangle(XBrushes.SteelBlue, left, y, length, BarHeight);
                }

                g.DrawString(VisitReportText.Number(bars[i].Count), small, XBrushes.Black, new XRect(left + length + 4, y, 40, BarHeight), XStringFormats.CenterLeft);
            }
        });
    }
}
