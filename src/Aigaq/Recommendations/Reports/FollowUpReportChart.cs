using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Aigaq.Recommendations;

/// <summary>
/// An indicator's trend in the Word report: a native DrawingML line chart (years along the bottom, the values up the
/// side, a gap where a value is withheld or missing), its figures cached in the chart and kept in an embedded workbook
/// so that Word's "Edit data" opens them; the alternative text lists the years and values for screen readers.
/// </summary>
internal static class FollowUpReportChart
{
    private const long Width = 5486400;
    private const long Height = 2743200;

    /// <summary>The paragraph that holds chart number <paramref name="number"/> of <paramref name="indicator"/>, its part added to <paramref name="main"/>.</summary>
    public static W.Paragraph Add(MainDocumentPart main, uint number, ReportIndicator indicator, FollowUpReportText text)
    {
        var part = main.AddNewPart<ChartPart>();
        var name = indicator.Label + (text.Axis(indicator.Unit) is { Length: > 0 } unit ? " (" + unit + ")" : "");
        var values = indicator.Points.Select(p => FollowUpReportText.Plotted(indicator.Unit, p)).ToList();
        var years = indicator.Points.Select(p => FollowUpReportText.Year(p.Year)).ToList();
        var workbook = part.AddEmbeddedPackagePart("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var data = new MemoryStream(Workbook(name, years, values)))
        {
            workbook.FeedData(data);
        }

        var last = (indicator.Points.Count + 1).ToString(CultureInfo.InvariantCulture);
        var count = (uint)indicator.Points.Count;
        var numbers = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = count });
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                numbers.Append(new C.NumericPoint(new C.NumericValue(v.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)i });
            }
        }

        var categories = new C.StringCache(new C.PointCount { Val = count });
        categories.Append(years.Select((y, i) => new C.StringPoint(new C.NumericValue(y)) { Index = (uint)i }));
        part.ChartSpace = new C.ChartSpace(
            new C.EditingLanguage { Val = "en-US" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                new C.PlotArea(
                    new C.Layout(),
                    new C.LineChart(
                        new C.Grouping { Val = C.GroupingValues.Standard },
                        new C.VaryColors { Val = false },
                        new C.LineChartSeries(
                            new C.Index { Val = 0U },
                            new C.Order { Val = 0U },
                            new C.SeriesText(new C.StringReference(
                                new C.Formula("Sheet1!$B$1"),
                                new C.StringCache(new C.PointCount { Val = 1U }, new C.StringPoint(new C.NumericValue(name)) { Index = 0U }))),
                            new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }),
                            new C.CategoryAxisData(new C.StringReference(new C.Formula("Sheet1!$A$2:$A$" + last), categories)),
                            new C.Values(new C.NumberReference(new C.Formula("Sheet1!$B$2:$B$" + last), numbers)),
                            new C.Smooth { Val = false }),
                        new C.ShowMarker { Val = true },
                        new C.AxisId { Val = 1U },
                        new C.AxisId { Val = 2U }),
                    new C.CategoryAxis(
                        new C.AxisId { Val = 1U },
                        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                        new C.Delete { Val = false },
                        new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                        new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                        new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
                        new C.CrossingAxis { Val = 2U },
                        new C.Crosses { Val = C.CrossesValues.AutoZero },
                        new C.AutoLabeled { Val = true },
                        new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                        new C.LabelOffset { Val = 100 }),
                    new C.ValueAxis(
                        new C.AxisId { Val = 2U },
                        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                        new C.Delete { Val = false },
                        new C.AxisPosition { Val = C.AxisPositionValues.Left },
                        new C.MajorGridlines(),
                        new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                        new C.CrossingAxis { Val = 1U },
                        new C.Crosses { Val = C.CrossesValues.AutoZero },
                        new C.CrossBetween { Val = C.CrossBetweenValues.Between })),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }),
            new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = part.GetIdOfPart(workbook) });

        var alt = text.Trend(name) + ": " + string.Join("; ", indicator.Points.Select(p => FollowUpReportText.Year(p.Year) + " " + text.Value(indicator.Unit, p)));
        return new W.Paragraph(new W.Run(new W.Drawing(new DW.Inline(
            new DW.Extent { Cx = Width, Cy = Height },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = number, Name = "Chart " + number.ToString(CultureInfo.InvariantCulture), Description = alt },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(part) })
            {
                Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
            }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        })));
    }

    /// <summary>The chart's data as a one-sheet workbook: the years in A, the values in B (empty where withheld).</summary>
    private static byte[] Workbook(string name, IReadOnlyList<string> years, IReadOnlyList<double?> values)
    {
        using var stream = new MemoryStream();
        using (var book = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = book.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var rows = new SheetData(new Row(Text("A1", ""), Text("B1", name)) { RowIndex = 1U });
            for (var i = 0; i < years.Count; i++)
            {
                var r = (uint)(i + 2);
                var row = new Row(Text("A" + r.ToString(CultureInfo.InvariantCulture), years[i])) { RowIndex = r };
                if (values[i] is { } v)
                {
                    row.Append(new Cell(new CellValue(v.ToString("R", CultureInfo.InvariantCulture)))
                    {
                        CellReference = "B" + r.ToString(CultureInfo.InvariantCulture),
                        DataType = CellValues.Number,
                    });
                }

                rows.Append(row);
            }

            sheet.Worksheet = new Worksheet(rows);
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1U, Id = workbook.GetIdOfPart(sheet) }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Cell Text(string reference, string value) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value))) { CellReference = reference, DataType = CellValues.InlineString };
}
