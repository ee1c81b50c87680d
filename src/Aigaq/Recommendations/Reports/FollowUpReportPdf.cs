using Aigaq.Web;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Aigaq.Recommendations;

/// <summary>
/// The follow-up report as a PDF for publishing (issue 18, item 5), in Kazakh, Russian or English, on
/// <see cref="PrintedDocument"/> as the examination report is (embedded DejaVu fonts for Kazakh letters, wrapping, page
/// breaks): a title page, then paragraph by paragraph the recommendation, the measures (overdue ones marked), each
/// indicator's years and its trend drawn as a line with axes and year labels, the actor's assessment with its reasoning
/// and the other actors' grades beside it, a disagreement marked.
/// </summary>
public sealed class FollowUpReportPdf(FollowUpReportText text)
{
    private const double ChartHeight = 130;

    public byte[] Render(FollowUpReportModel m) => FollowUpReportText.In(m.Language, () => Write(m));

    private byte[] Write(FollowUpReportModel m)
    {
        var title = text.Title(m);
        using var pdf = new PrintedDocument(title, m.Language);
        pdf.Title(title)
            .Fact(text["Document"], m.Document)
            .Fact(text["ActorLabel"], text.Actor(m.Actor))
            .Fact(text["GeneratedAt"], text.Time(m.GeneratedAt))
            .Fact(text["DataAsOf"], text.Time(m.DataAsOf))
            .PageBreak();

        foreach (var p in m.Paragraphs)
        {
            pdf.Heading(text.Heading(p))
                .Paragraph(text["Recommendation"], bold: true)
                .Paragraph(p.Summary);
            if (p.FollowUp)
            {
                pdf.Fact(text["FollowUpDue"], FollowUpReportText.Date(p.FollowUpDueBy));
            }

            pdf.Paragraph(text["Measures"], bold: true);
            if (p.Measures.Count == 0)
            {
                pdf.Paragraph(text["NoMeasures"]);
            }

            foreach (var measure in p.Measures)
            {
                pdf.Fact(
                    measure.Title,
                    text["Lead"] + ": " + measure.Lead
                    + (measure.Supporting.Count == 0 ? "" : "\n" + text["Supporting"] + ": " + string.Join(", ", measure.Supporting))
                    + "\n" + text["TargetDate"] + ": " + FollowUpReportText.Date(measure.TargetDate)
                    + "\n" + text["Status"] + ": " + text.Measure(measure));
            }

            pdf.Paragraph(text["Indicators"], bold: true);
            if (p.Indicators.Count == 0)
            {
                pdf.Paragraph(text["NoIndicators"]);
            }

            foreach (var indicator in p.Indicators)
            {
                pdf.Paragraph(indicator.Label, bold: true);
                foreach (var point in indicator.Points)
                {
                    pdf.Fact(FollowUpReportText.Year(point.Year), text.Value(indicator.Unit, point) + " · " + text["ComputedAt"] + " " + text.Time(point.ComputedAt));
                }

                if (indicator.Points.Count > 1)
                {
                    pdf.Drawing(ChartHeight, (g, box) => Chart(g, box, indicator));
                }
            }

            pdf.Paragraph(text["Assessment"], bold: true);
            if (p.Assessment is { } a)
            {
                pdf.Fact(text["Grade"], text.Grade(a) + " (" + text.Scale(a.ScaleId) + ")")
                    .Fact(text["Rationale"], a.Rationale)
                    .Fact(text["AssessedAt"], text.Time(a.At));
                if (a.Provisional)
                {
                    pdf.Paragraph("* " + text.ProvisionalNote);
                }
            }
            else
            {
                pdf.Paragraph(text["NoAssessment"]);
            }

            if (p.OtherAssessments.Count > 0)
            {
                pdf.Paragraph(text["OtherAssessments"], bold: true);
                foreach (var o in p.OtherAssessments)
                {
                    pdf.Fact(
                        text.Actor(o.Actor),
                        text.Grade(o) + " (" + text.Scale(o.ScaleId) + ")"
                        + (p.Assessment is { } mine ? " · " + text.Comparison(mine.Compare(o)) : "")
                        + (string.IsNullOrWhiteSpace(o.Rationale) ? "" : "\n" + o.Rationale)
                        + "\n" + text.Time(o.At));
                }
            }
        }

        return pdf.ToBytes();
    }

    /// <summary>The years along the bottom, the value axis on the left from 0 (or the lowest value) to the highest, a line through the values with a gap where one is withheld or missing.</summary>
    private void Chart(XGraphics g, XRect box, ReportIndicator indicator)
    {
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
        var small = new XFont("DejaVu Sans", 7, XFontStyleEx.Regular, options);
        var values = indicator.Points.Select(p => FollowUpReportText.Plotted(indicator.Unit, p)).ToList();
        var known = values.OfType<double>().ToList();
        var low = Math.Min(0, known.Count == 0 ? 0 : known.Min());
        var high = known.Count == 0 ? 1 : Math.Max(known.Max(), low + 1);
        var plot = new XRect(box.X + 48, box.Y + 6, Math.Min(box.Width - 60, 320), box.Height - 24);
        var axis = new XPen(XColors.Black, 0.7);
        g.DrawLine(axis, plot.Left, plot.Top, plot.Left, plot.Bottom);
        g.DrawLine(axis, plot.Left, plot.Bottom, plot.Right, plot.Bottom);
        var unit = text.Axis(indicator.Unit);
        foreach (var v in new[] { low, high })
        {
            var y = Y(v);
            g.DrawLine(axis, plot.Left - 3, y, plot.Left, y);
            g.DrawString(FollowUpReportText.Number(v) + (unit.Length == 0 ? "" : " " + unit), small, XBrushes.Black,
                new XRect(box.X, y - 5, 44, 10), XStringFormats.CenterRight);
        }

        var step = indicator.Points.Count > 1 ? plot.Width / (indicator.Points.Count - 1) : 0;
        double X(int i) => plot.Left + (i * step);
        double Y(double v) => plot.Bottom - ((v - low) / (high - low) * plot.Height);
        var line = new XPen(XColors.SteelBlue, 1.5);
        for (var i = 0; i < indicator.Points.Count; i++)
        {
            g.DrawLine(axis, X(i), plot.Bottom, X(i), plot.Bottom + 3);
            g.DrawString(FollowUpReportText.Year(indicator.Points[i].Year), small, XBrushes.Black, new XRect(X(i) - 20, plot.Bottom + 4, 40, 10), XStringFormats.TopCenter);
            if (values[i] is not { } v)
            {
                continue;
            }

            if (i > 0 && values[i - 1] is { } before)
            {
                g.DrawLine(line, X(i - 1), Y(before), X(i), Y(v));
            }

            g.DrawEllipse(XBrushes.SteelBlue, X(i) - 2, Y(v) - 2, 4, 4);
        }
    }
}
