using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Aigaq.Recommendations;

/// <summary>
/// The follow-up report as a Word document to edit (issue 18, item 5), in Kazakh, Russian or English: a title page
/// (document, actor, date, data as of), then paragraph by paragraph under real heading styles (navigable, read out as
/// headings): the recommendation, the measures as a table (overdue ones marked), each indicator's years as a table with
/// a native line chart of its trend (a DrawingML chart with its data in an embedded workbook, so Word edits it), the
/// actor's assessment with its reasoning, and the other actors' grades side by side, a disagreement marked.
/// </summary>
public sealed class FollowUpReportDocx(FollowUpReportText text)
{
    public byte[] Render(FollowUpReportModel m) => FollowUpReportText.In(m.Language, () => Write(m));

    private byte[] Write(FollowUpReportModel m)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            FollowUpReportStyles.Add(main, m.Language);
            var body = new Body();
            main.Document = new Document(body);
            var title = text.Title(m);
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "Aigaq";
            document.PackageProperties.Language = m.Language;

            body.Append(Styled(FollowUpReportStyles.Title, title));
            body.Append(Labelled(text["Document"], m.Document));
            body.Append(Labelled(text["ActorLabel"], text.Actor(m.Actor)));
            body.Append(Labelled(text["GeneratedAt"], text.Time(m.GeneratedAt)));
            body.Append(Labelled(text["DataAsOf"], text.Time(m.DataAsOf)));
            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));

            var chart = 0u;
            foreach (var p in m.Paragraphs)
            {
                body.Append(Styled(FollowUpReportStyles.Heading1, text.Heading(p)));
                body.Append(Styled(FollowUpReportStyles.Heading2, text["Recommendation"]));
                body.Append(Plain(p.Summary));
                if (p.FollowUp)
                {
                    body.Append(Labelled(text["FollowUpDue"], FollowUpReportText.Date(p.FollowUpDueBy)));
                }

                body.Append(Styled(FollowUpReportStyles.Heading2, text["Measures"]));
                if (p.Measures.Count == 0)
                {
                    body.Append(Plain(text["NoMeasures"]));
                }
                else
                {
                    body.Append(Table(
                        [text["Measure"], text["Lead"], text["Supporting"], text["TargetDate"], text["Status"]],
                        p.Measures.Select(x => new Cell[]
                        {
                            x.Title, x.Lead, string.Join(", ", x.Supporting), FollowUpReportText.Date(x.TargetDate),
                            new(text.Measure(x), x.Overdue),
                        })));
                }

                body.Append(Styled(FollowUpReportStyles.Heading2, text["Indicators"]));
                if (p.Indicators.Count == 0)
                {
                    body.Append(Plain(text["NoIndicators"]));
                }

                foreach (var indicator in p.Indicators)
                {
                    body.Append(Styled(FollowUpReportStyles.Heading3, indicator.Label));
                    body.Append(Table(
                        [text["Year"], text["Value"], text["ComputedAt"]],
                        indicator.Points.Select(x => new Cell[] { FollowUpReportText.Year(x.Year), new(text.Value(indicator.Unit, x), x.Suppressed), text.Time(x.ComputedAt) })));
                    if (indicator.Points.Count > 1)
                    {
                        body.Append(FollowUpReportChart.Add(main, ++chart, indicator, text));
                    }
                }

                body.Append(Styled(FollowUpReportStyles.Heading2, text["Assessment"]));
                if (p.Assessment is { } a)
                {
                    body.Append(Labelled(text["Grade"], text.Grade(a) + " (" + text.Scale(a.ScaleId) + ")"));
                    body.Append(Labelled(text["Rationale"], a.Rationale ?? "—"));
                    body.Append(Labelled(text["AssessedAt"], text.Time(a.At)));
                    if (a.Provisional)
                    {
                        body.Append(Plain("* " + text.ProvisionalNote));
                    }
                }
                else
                {
                    body.Append(Plain(text["NoAssessment"]));
                }

                if (p.OtherAssessments.Count > 0)
                {
                    body.Append(Styled(FollowUpReportStyles.Heading2, text["OtherAssessments"]));
                    var rows = new List<Cell[]>();
                    if (p.Assessment is { } own)
                    {
                        rows.Add([text.Actor(own.Actor), text.Scale(own.ScaleId), text.Grade(own), own.Rationale ?? "", text.Time(own.At), ""]);
                    }

                    rows.AddRange(p.OtherAssessments.Select(o =>
                    {
                        var c = p.Assessment?.Compare(o);
                        return new Cell[]
                        {
                            text.Actor(o.Actor), text.Scale(o.ScaleId), text.Grade(o), o.Rationale ?? "", text.Time(o.At),
                            new(c is { } k ? text.Comparison(k) : "", c == GradeComparison.Differs),
                        };
                    }));
                    body.Append(Table([text["ActorLabel"], text["Scale"], text["Grade"], text["Rationale"], text["AssessedAt"], text["Comparison"]], rows));
                }
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A table cell's text, emphasised (bold, dark red) when it marks something: overdue, withheld, a disagreement.</summary>
    private sealed record Cell(string Text, bool Marked = false)
    {
        public static implicit operator Cell(string text) => new(text);
    }

    private static Paragraph Styled(string style, string content) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), Runs(content, bold: false, marked: false));

    private static Paragraph Plain(string content) => new(Runs(content, bold: false, marked: false));

    private static Paragraph Labelled(string label, string value) =>
        new(new Run(new RunProperties(new Bold()), new Text(label + ": ") { Space = SpaceProcessingModeValues.Preserve }), Runs(value, bold: false, marked: false));

    /// <summary>The text as one run, its line breaks as Word's.</summary>
    private static Run Runs(string content, bool bold, bool marked)
    {
        var run = new Run();
        if (bold || marked)
        {
            run.Append(new RunProperties(new Bold(), marked ? new Color { Val = "9C0006" } : new Color { Val = "auto" }));
        }

        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static Table Table(IReadOnlyList<string> headers, IEnumerable<Cell[]> rows)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = FollowUpReportStyles.Grid },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(new TableGrid(headers.Select(_ => new GridColumn())));
        var head = new TableRow(new TableRowProperties(new TableHeader()));
        head.Append(headers.Select(h => new TableCell(new Paragraph(Runs(h, bold: true, marked: false)))));
        table.Append(head);
        foreach (var row in rows)
        {
            table.Append(new TableRow(row.Select(c => new TableCell(new Paragraph(Runs(c.Text, bold: false, marked: c.Marked))))));
        }

        return table;
    }
}
