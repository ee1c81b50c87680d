using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Aigaq.Recommendations;

/// <summary>
/// The follow-up report's Word styles: Title and Heading 1-3 under Word's own style names and with outline levels, so
/// that Word's navigation pane, its table of contents and screen readers take them as headings; a bordered table grid;
/// the document's language for spelling and reading aloud.
/// </summary>
internal static class FollowUpReportStyles
{
    public const string Title = "Title";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string Grid = "TableGrid";

    public static void Add(MainDocumentPart main, string language)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        var tag = language switch { "kk" => "kk-KZ", "ru" => "ru-RU", _ => "en-GB" };
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                    new FontSize { Val = "22" },
                    new Languages { Val = tag })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading(Title, "Title", null, 48),
            Heading(Heading1, "heading 1", 0, 32),
            Heading(Heading2, "heading 2", 1, 26),
            Heading(Heading3, "heading 3", 2, 22),
            new Style(
                new StyleName { Val = "Table Grid" },
                new PrimaryStyle(),
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4U },
                        new LeftBorder { Val = BorderValues.Single, Size = 4U },
                        new BottomBorder { Val = BorderValues.Single, Size = 4U },
                        new RightBorder { Val = BorderValues.Single, Size = 4U },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U }),
                    new TableCellMarginDefault(
                        new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = Grid });
    }

    private static Style Heading(string id, string name, int? level, int halfPoints)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = level is null ? "0" : "240", After = "120" });
        if (level is { } l)
        {
            paragraph.Append(new OutlineLevel { Val = l });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}
