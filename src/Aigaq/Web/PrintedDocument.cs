using System.Collections.Frozen;
using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Aigaq.Web;

/// <summary>
/// A printed record (PDFsharp): A4 pages of headings, label-value facts, paragraphs and monospaced blocks that flow
/// onto as many pages as they need, each page footed with the document's title and "page N of M". Text is set in DejaVu
/// Sans, shipped inside the assembly (Web/Fonts, with its licence) and embedded in the file, so that Kazakh and Russian
/// letters print the same on a fresh server and in any reader.
/// </summary>
public sealed class PrintedDocument : IDisposable
{
    private const double Margin = 50;
    private const double FooterHeight = 24;
    private const double LabelWidth = 160;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);

    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private readonly XFont _title;
    private readonly XFont _heading;
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _mono;
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
    private XGraphics? _graphics;
    private double _y;

    static PrintedDocument() => EmbeddedFonts.Install();

    /// <summary>A document titled <paramref name="title"/> (in its properties and at the foot of every page), written in <paramref name="language"/>.</summary>
    public PrintedDocument(string title, string language)
    {
        _footer = title;
        _document.Info.Title = title;
        _document.Info.Creator = "Aigaq";
        _document.Language = language;
        _title = new XFont(EmbeddedFonts.Sans, 16, XFontStyleEx.Bold, Unicode);
        _heading = new XFont(EmbeddedFonts.Sans, 12, XFontStyleEx.Bold, Unicode);
        _body = new XFont(EmbeddedFonts.Sans, 9.5, XFontStyleEx.Regular, Unicode);
        _bold = new XFont(EmbeddedFonts.Sans, 9.5, XFontStyleEx.Bold, Unicode);
        _mono = new XFont(EmbeddedFonts.Mono, 7.5, XFontStyleEx.Regular, Unicode);
    }

    private double Width => XUnit.FromMillimeter(210).Point - (2 * Margin);

    private double Bottom => XUnit.FromMillimeter(297).Point - Margin - FooterHeight;

    public PrintedDocument Title(string text)
    {
        Write(text, _title, Margin, Width, 4);
        return this;
    }

    public PrintedDocument Heading(string text)
    {
        // A heading is not left alone at the foot of a page.
        Room(_heading.GetHeight() + (3 * _body.GetHeight()));
        _y += 8;
        Write(text, _heading, Margin, Width, 3);
        return this;
    }

    public PrintedDocument Paragraph(string text, bool bold = false)
    {
        Write(text, bold ? _bold : _body, Margin, Width, 3);
        return this;
    }

    /// <summary>A label and its value side by side; the value wraps under itself, onto the next page if it must.</summary>
    public PrintedDocument Fact(string label, string? value)
    {
        var height = _body.GetHeight();
        var labelLines = Lines(label, _bold, LabelWidth - 8);
        var valueLines = Lines(string.IsNullOrEmpty(value) ? "—" : value, _body, Width - LabelWidth);
        Room(height * Math.Max(labelLines.Count, Math.Min(valueLines.Count, 3)));
        var top = _y;
        var page = _document.PageCount;
        foreach (var line in labelLines)
        {
            _graphics!.DrawString(line, _bold, XBrushes.Black, new XPoint(Margin, _y), XStringFormats.TopLeft);
            _y += height;
        }

        var belowLabel = _y;
        _y = top;
        Write(valueLines, _body, Margin + LabelWidth, 0);
        _y = (_document.PageCount == page ? Math.Max(_y, belowLabel) : _y) + 2;
        return this;
    }

    /// <summary>Text as it is, line by line, in a monospaced face: a receipt to be copied exactly.</summary>
    public PrintedDocument Monospaced(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            Write(Lines(line.Length == 0 ? " " : line, _mono, Width), _mono, Margin, 0);
        }

        _y += 3;
        return this;
    }

    /// <summary>A figure <paramref name="height"/> points high across the text's width, drawn by <paramref name="draw"/> in the box it is given.</summary>
    public PrintedDocument Drawing(double height, Action<XGraphics, XRect> draw)
    {
        Room(height);
        draw(_graphics!, new XRect(Margin, _y, Width, height));
        _y += height + 4;
        return this;
    }

    /// <summary>What follows starts on a new page (after a title page).</summary>
    public PrintedDocument PageBreak()
    {
        Room(double.MaxValue / 2);
        return this;
    }

    /// <summary>The finished file.</summary>
    public byte[] ToBytes()
    {
        Room(0);
        _graphics?.Dispose();
        _graphics = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = XUnit.FromMillimeter(297).Point - Margin;
            g.DrawLine(XPens.Gray, Margin, y - FooterHeight + 6, Margin + Width, y - FooterHeight + 6);
            g.DrawString(_footer, _mono, XBrushes.Gray, new XPoint(Margin, y - 4), XStringFormats.BottomLeft);
            g.DrawString(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} / {count}"),
                _mono, XBrushes.Gray, new XPoint(Margin + Width, y - 4), XStringFormats.BottomRight);
        }

        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _measure.Dispose();
        _document.Dispose();
    }

    private void Write(string text, XFont font, double x, double width, double after) =>
        Write(Lines(text, font, width), font, x, after);

    private void Write(IReadOnlyList<string> lines, XFont font, double x, double after)
    {
        var height = font.GetHeight();
        foreach (var line in lines)
        {
            Room(height);
            _graphics!.DrawString(line, font, XBrushes.Black, new XPoint(x, _y), XStringFormats.TopLeft);
            _y += height;
        }

        _y += after;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> more fits on this one.</summary>
    private void Room(double height)
    {
        if (_graphics is not null && _y + height <= Bottom)
        {
            return;
        }

        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    /// <summary>The text broken into lines that fit <paramref name="width"/>: at spaces, and inside a word longer than a line.</summary>
    private List<string> Lines(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(candidate, font, width))
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (!Fits(line, font, width) && line.Length > 1)
                {
                    // The longest start that fits (at least one character), found by halving: shortening one character at
                    // a time measured a 4,000-character word millions of times over.
                    var (cut, over) = (1, line.Length - 1);
                    while (cut < over)
                    {
                        var mid = cut + ((over - cut + 1) / 2);
                        (cut, over) = Fits(line[..mid], font, width) ? (mid, over) : (cut, mid - 1);
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private bool Fits(string text, XFont font, double width) => _measure.MeasureString(text, font).Width <= width;

    /// <summary>The fonts shipped in the assembly, as PDFsharp's only font source: no system font is looked for.</summary>
    private sealed class EmbeddedFonts : IFontResolver
    {
        public const string Sans = "DejaVu Sans";
        public const string Mono = "DejaVu Sans Mono";

        private static readonly Lock Gate = new();
        private static readonly EmbeddedFonts Instance = new();

        private readonly FrozenDictionary<string, byte[]> _faces = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["DejaVuSans"] = Load("DejaVuSans.ttf"),
            ["DejaVuSans-Bold"] = Load("DejaVuSans-Bold.ttf"),
            ["DejaVuSansMono"] = Load("DejaVuSansMono.ttf"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

        /// <summary>PDFsharp's resolver is process-wide and may be set only before first use, always to the same instance.</summary>
        public static void Install()
        {
            lock (Gate)
            {
                if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
                {
                    GlobalFontSettings.FontResolver = Instance;
                }
            }
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => familyName switch
        {
            Mono => new FontResolverInfo("DejaVuSansMono"),
            _ => new FontResolverInfo(isBold ? "DejaVuSans-Bold" : "DejaVuSans"),
        };

        public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);

        private static byte[] Load(string file)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Aigaq.Web.Fonts." + file)
                ?? throw new InvalidOperationException($"The font {file} is not in the assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
