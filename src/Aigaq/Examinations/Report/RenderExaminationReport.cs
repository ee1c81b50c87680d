using System.Globalization;
using Aigaq.Web;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Aigaq.Examinations;

/// <summary>
/// The sealed examination's report as a PDF in Kazakh, Russian or English (issue 16, item 7), under the headings of the
/// Istanbul Protocol's annex IV: case information, the examiner, the circumstances, consent, the allegations, the physical
/// examination with the body diagram, the photographs (by hash: the images themselves stay in the record), the
/// psychological evaluation, the interpretation and overall opinion, conclusions and recommendations, amendments and the
/// log receipt. Headings and fixed phrases are SharedResource entries; the record's own text is printed as written.
/// </summary>
public sealed class RenderExaminationReport(IStringLocalizer<SharedResource> t, LocalClock clock)
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    public byte[] Render(ExaminationReportModel m, string language)
    {
        if (!Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new ArgumentException("Not a report language.", nameof(language));
        }

        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return Write(m, language);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    private byte[] Write(ExaminationReportModel m, string language)
    {
        var title = t["Medical examination {0}", m.Number].Value;
        using var pdf = new PrintedDocument(title, language);
        pdf.Title(title).Paragraph(t["Documented under the Istanbul Protocol (2022)."], bold: true);

        var n = 0;
        string H(string heading) => (++n).ToString(CultureInfo.InvariantCulture) + ". " + t[heading];
        string Time(DateTimeOffset? at) => at is { } a ? clock.Format(a) : "";
        string YesNo(bool value) => value ? t["Yes"] : t["No"];
        var printed = new HashSet<string>(StringComparer.Ordinal);

        // The form's sections under the annex IV heading that holds them; a section of the form that no heading holds
        // (background, symptoms, or one a later version adds) gets a heading of its own, where the form places it.
        void Sections(params string[] ids)
        {
            foreach (var s in m.Sections.Where(s => ids.Contains(s.Id, StringComparer.Ordinal)))
            {
                printed.Add(s.Id);
                if (Held.Contains(s.Id, StringComparer.Ordinal))
                {
                    pdf.Paragraph(s.Heading, bold: true);
                }

                foreach (var f in s.Fields)
                {
                    pdf.Fact(f.Label, f.Value);
                }
            }
        }

        void Before(string id)
        {
            foreach (var s in m.Sections.TakeWhile(s => s.Id != id).Where(s => !printed.Contains(s.Id) && !Held.Contains(s.Id, StringComparer.Ordinal)).ToList())
            {
                pdf.Heading((++n).ToString(CultureInfo.InvariantCulture) + ". " + s.Heading);
                Sections(s.Id);
            }
        }

        pdf.Heading(H("Examination details"))
            .Fact(t["Examination number"], m.Number)
            .Fact(t["Examined person"], m.PersonLabel)
            .Fact(t["Requested"], Time(m.RequestedAt) + " · " + Term("RequesterKind.", m.RequestedBy) + (m.RequestReference is null ? "" : " · " + m.RequestReference))
            .Fact(t["Examination began"], Time(m.StartedAt))
            .Fact(t["Examination ended"], Time(m.EndedAt))
            .Fact(t["Place"], m.Place)
            .Fact(t["Sealed"], Time(m.SealedAt));

        pdf.Heading(H("Examiner's qualifications and independence"))
            .Fact(t["Examiner"], m.Examiner.Name)
            .Fact(t["Qualifications"], m.Examiner.Qualifications)
            .Fact(t["Declaration of independence"], m.Examiner.Declaration)
            .Fact(t["Independent of the agency accused"], YesNo(m.Examiner.Independent));

        pdf.Heading(H("Circumstances of the examination"))
            .Fact(t["Persons present"], string.Join('\n', m.Session.Present.Select(p => p.Name + " (" + p.Affiliation + ")")))
            .Fact(t["Police present"], YesNo(m.Session.PolicePresent))
            .Fact(t["Police asked to leave"], m.Session.PoliceAskedToLeave is { } left ? YesNo(left) : null)
            .Fact(t["Interpreter"], m.Session.Interpreter)
            .Fact(t["Restrictions on the examination"], m.Session.Restrictions);
        Sections("circumstances");

        pdf.Heading(H("Informed consent"));
        foreach (var c in m.Consent)
        {
            pdf.Fact(ExaminationFormLabels.ConsentItem(t, m.Form, c.Item), c.Given ? t["Given"] : t["Refused"]);
        }

        if (m.RefusalReason is not null)
        {
            pdf.Fact(t["Reason for refusal"], m.RefusalReason);
        }

        Before("allegations");
        if (m.Sections.Count == 0)
        {
            pdf.Heading(H("Allegations")).Paragraph(m.Allegations ?? "—");
        }
        else
        {
            pdf.Heading(H("Allegations"));
            Sections("allegations");
        }

        Before("physicalFindings");
        pdf.Heading(H("Physical examination and findings"));
        Sections("physicalFindings");
        if (m.Findings.Count == 0)
        {
            pdf.Paragraph(t["No physical findings."]);
        }

        foreach (var f in m.Findings)
        {
            pdf.Fact(
                t["Finding {0}", f.Number],
                ExaminationFormLabels.BodyRegion(t, m.Form, f.Region) + " (" + Term("BodyView.", f.View) + ")"
                + (f.Size is null ? "" : " · " + f.Size) + "\n" + f.Description + "\n"
                + t["Consistency"] + ": " + Term("Consistency.", f.Consistency) + "\n" + t["Reasoning"] + ": " + f.Rationale);
        }

        pdf.Paragraph(t["Body diagram"], bold: true).Drawing(DiagramHeight, (g, box) => DrawDiagram(g, box, m.Findings));

        pdf.Heading(H("Photographs"));
        if (m.Photos.Count == 0)
        {
            pdf.Paragraph(t["No photographs."]);
        }

        foreach (var p in m.Photos)
        {
            var flags = new List<string>
            {
                t["Scale shown"] + ": " + YesNo(p.ScaleShown),
                t["Colour chart shown"] + ": " + YesNo(p.ColourChartShown),
            };
            if (p.IdentifiesPerson)
            {
                flags.Add(t["Identifies the person"]);
            }

            if (p.Intimate)
            {
                flags.Add(t["Intimate"]);
            }

            pdf.Fact(
                t["Photograph {0}", p.Number],
                "SHA-256 " + p.Sha256 + "\n" + string.Join(" · ", flags)
                + (p.Finding is { } finding ? "\n" + t["Finding {0}", finding] : "")
                + (p.CameraTime is null ? "" : "\n" + t["Camera time"] + ": " + p.CameraTime));
        }

        Before("psychologicalEvaluation");
        pdf.Heading(H("Psychological evaluation"));
        if (m.Sections.Count == 0)
        {
            pdf.Paragraph(m.PsychologicalEvaluation ?? "—");
        }

        Sections("psychologicalEvaluation");

        Before("interpretation");
        pdf.Heading(H("Interpretation of findings and overall opinion"));
        Sections("interpretation", "opinion");
        pdf.Fact(t["Overall opinion"], m.Opinion is null ? null : Term("Consistency.", m.Opinion));

        Before("conclusions");
        pdf.Heading(H("Conclusions and recommendations"));
        Sections("conclusions", "recommendations");
        pdf.Fact(t["Conclusions"], m.Conclusions)
            .Fact(t["Recommendations"], m.Recommendations);
        if (m.AbsenceOfFindings)
        {
            pdf.Paragraph(t["The absence of physical or psychological findings does not prove that torture or ill-treatment did not take place."], bold: true);
        }

        Before("\u0000");
        pdf.Heading(H("Amendments"));
        if (m.Amendments.Count == 0)
        {
            pdf.Paragraph(t["No amendments."]);
        }

        foreach (var a in m.Amendments)
        {
            pdf.Fact(clock.Format(a.At), a.By + "\n" + t["Reason"] + ": " + a.Reason + "\n" + a.Change);
        }

        pdf.Heading(H("Transparency log"));
        if (m.Receipt is not { } r)
        {
            pdf.Paragraph(t["The record has no log entry yet."]);
        }
        else
        {
            pdf.Fact(t["Entry"], r.Index.ToString(CultureInfo.InvariantCulture)).Fact(t["Leaf hash"], r.LeafHash);
            if (r.Checkpoint is not null)
            {
                pdf.Fact(t["Signed checkpoint"], r.Checkpoint.TrimEnd('\n'));
            }

            if (r.CheckUrl is not null)
            {
                pdf.Fact(t["Check it at"], r.CheckUrl);
            }
        }

        return pdf.ToBytes();
    }

    /// <summary>The form's sections that an annex IV heading of the report holds; any other has a heading of its own.</summary>
    private static readonly string[] Held =
        ["circumstances", "allegations", "physicalFindings", "psychologicalEvaluation", "interpretation", "opinion", "conclusions", "recommendations"];

    /// <summary>A contract id in the report's language; an id with no entry is printed as it is rather than as its key.</summary>
    private string Term(string prefix, string id)
    {
        var text = t[prefix + id];
        return text.ResourceNotFound ? id : text.Value;
    }

    private const double DiagramHeight = 190;

    /// <summary>The six views side by side (the same shapes as the page's diagram), each finding numbered on its place.</summary>
    private void DrawDiagram(XGraphics g, XRect box, IReadOnlyList<ReportFinding> findings)
    {
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
        var caption = new XFont("DejaVu Sans", 6.5, XFontStyleEx.Regular, options);
        var number = new XFont("DejaVu Sans", 6, XFontStyleEx.Bold, options);
        var outline = new XPen(XColors.DimGray, 0.5);
        var fill = new XSolidBrush(XColor.FromArgb(238, 241, 244));
        var gap = 4.0;
        var cell = (box.Width - (gap * (BodyRegions.Views.Count - 1))) / BodyRegions.Views.Count;
        var scale = cell / BodyDiagramShapes.Width;
        var x0 = box.X;
        foreach (var view in BodyRegions.Views)
        {
            var top = box.Y;
            foreach (var s in BodyDiagramShapes.ByView[view])
            {
                var rect = s.Ellipse
                    ? new XRect(x0 + ((s.X - s.Width) * scale), top + ((s.Y - s.Height) * scale), 2 * s.Width * scale, 2 * s.Height * scale)
                    : new XRect(x0 + (s.X * scale), top + (s.Y * scale), s.Width * scale, s.Height * scale);
                if (s.Ellipse)
                {
                    g.DrawEllipse(outline, fill, rect);
                }
                else
                {
                    g.DrawRoundedRectangle(outline, fill, rect, new XSize(8 * scale, 8 * scale));
                }
            }

            var height = BodyDiagramShapes.HeightOf(view) * scale;
            foreach (var f in findings.Where(f => f.View == view))
            {
                var at = new XPoint(x0 + (Math.Clamp(f.X, 0, 1) * cell), top + (Math.Clamp(f.Y, 0, 1) * height));
                g.DrawEllipse(XBrushes.Firebrick, at.X - 2.5, at.Y - 2.5, 5, 5);
                g.DrawString(f.Number.ToString(CultureInfo.InvariantCulture), number, XBrushes.Firebrick, new XPoint(at.X + 3, at.Y - 1), XStringFormats.BottomLeft);
            }

            g.DrawString(Term("BodyView.", view), caption, XBrushes.Black, new XRect(x0, top + height + 2, cell, 10), XStringFormats.TopCenter);
            x0 += cell + gap;
        }
    }
}
