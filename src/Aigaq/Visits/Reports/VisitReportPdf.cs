using Aigaq.Visits.Headcounts;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>
/// The visit report as a PDF (issue 17, item 10) in Kazakh, Russian or English, on <see cref="PrintedDocument"/> as the
/// follow-up report is: the facility and the visit, its team, approval, arrival and admission, areas and registers
/// checked, access denials, the headcount's findings, the facility's monitoring profile, then any further sections.
/// The public version prints what its model holds, which is nothing personal (<see cref="VisitReportAssembler"/>).
/// </summary>
public sealed class VisitReportPdf(VisitReportText text)
{
    public byte[] Render(VisitReportModel m) => VisitReportText.In(m.Language, () => Write(m));

    private byte[] Write(VisitReportModel m)
    {
        var title = text.Format(m.Full ? "Title" : "PublicTitle", m.Number);
        using var pdf = new PrintedDocument(title, m.Language);
        pdf.Title(title);
        if (!m.Full)
        {
            pdf.Paragraph(text["PublicNote"]);
        }

        pdf.Fact(text["Facility"], m.FacilityName)
            .Fact(text["FacilityType"], text.Label(m.FacilityType))
            .Fact(text["Agency"], text.Label(m.Agency))
            .Fact(text["Region"], m.Region)
            .Fact(text["Kind"], text.Label(m.Kind))
            .Fact(text["Announced"], text.YesNo(m.Announced) + (m.NoticeGivenAt is { } notice ? " · " + text["NoticeGiven"] + " " + text.Time(notice) : ""))
            .Fact(text["PlannedFor"], text.Time(m.PlannedFor))
            .Fact(text["GeneratedAt"], text.Time(m.GeneratedAt));

        pdf.Heading(text["Team"]);
        foreach (var member in m.Team)
        {
            pdf.Fact(text.Label(member.Role), member.Name ?? "");
        }

        pdf.Heading(text["Approval"]);
        if (m.ApprovedAt is { } approved)
        {
            pdf.Fact(text["ApprovedAt"], text.Time(approved));
            if (m.ApprovalComment is { Length: > 0 } comment)
            {
                pdf.Fact(text["Comment"], comment);
            }
        }
        else
        {
            pdf.Paragraph(text["NotApproved"]);
        }

        pdf.Heading(text["Arrival"]);
        if (m.ArrivedAt is { } arrived)
        {
            pdf.Fact(text["ArrivedAt"], text.Time(arrived))
                .Fact(text["AdmittedAt"], m.AdmittedAt is { } admitted ? text.Time(admitted) : text["NotAdmitted"]);
        }
        else
        {
            pdf.Paragraph(text["NotArrived"]);
        }

        pdf.Heading(text["Checks"])
            .Fact(text["AreasSeen"], VisitReportText.Number(m.Checks.Count(c => c.Kind == VisitCheckKind.Area)))
            .Fact(text["RegistersChecked"], VisitReportText.Number(m.Checks.Count(c => c.Kind == VisitCheckKind.Register)));
        foreach (var check in m.Checks.Where(c => c.Name is not null))
        {
            pdf.Fact(text.Label(check.Kind), check.Name + " · " + text.Time(check.At) + (string.IsNullOrWhiteSpace(check.Note) ? "" : "\n" + check.Note));
        }

        pdf.Heading(text["Denials"]);
        if (m.Denials.Count == 0 && m.DenialCounts is not { Any: true })
        {
            pdf.Paragraph(text["NoDenials"]);
        }
        else if (m.DenialCounts is { } denied)
        {
            // The public version: how many of each kind, a small count of a kind that points at people withheld.
            foreach (var what in Enum.GetValues<DeniedAccess>())
            {
                pdf.Fact(text.Label(what), denied.Counts.GetValueOrDefault(what) is { } shown ? VisitReportText.Number(shown) : text.FewerThan(denied.SmallCell));
            }
        }

        foreach (var d in m.Denials)
        {
            pdf.Fact(
                text.Label(d.What),
                text.Time(d.At)
                + (d.Minutes is { } minutes ? "\n" + text["Minutes"] + ": " + VisitReportText.Number(minutes) : "")
                + (d.By is null ? "" : "\n" + text["DeniedBy"] + ": " + d.By)
                + (string.IsNullOrWhiteSpace(d.Reason) ? "" : "\n" + text["Reason"] + ": " + d.Reason));
        }

        pdf.Heading(text["Headcount"]);
        if (m.Headcount is { } count)
        {
            pdf.Fact(text["CountedAt"], text.Time(count.At));
            foreach (var finding in Enum.GetValues<HeadcountFinding>())
            {
                pdf.Fact(text.Finding(finding), count.Counts.GetValueOrDefault(finding) is { } n ? VisitReportText.Number(n) : text.FewerThan(count.SmallCell));
            }

            foreach (var line in count.Lines)
            {
                pdf.Fact(text.Finding(line.Finding), string.Join(" · ", new[] { line.Name, line.DetentionNumber is null ? null : text["Detention"] + " " + line.DetentionNumber }.OfType<string>()));
            }
        }
        else
        {
            pdf.Paragraph(text["NoHeadcount"]);
        }

        pdf.Heading(text["Profile"])
            .Fact(text["Capacity"], m.Profile.Capacity is { } capacity ? VisitReportText.Number(capacity) : "—")
            .Fact(text["ClosedToMonitoring"], text.YesNo(m.Profile.Closed) + (m.Profile.ClosedReason is { Length: > 0 } why ? "\n" + why : ""))
            .Fact(text["FacilityDenials"], VisitReportText.Number(m.Profile.AccessDenials));

        foreach (var section in m.Sections.Where(s => s.Lines.Count > 0))
        {
            pdf.Heading(section.Title);
            foreach (var line in section.Lines)
            {
                pdf.Fact(line.Label, line.Value);
            }
        }

        return pdf.ToBytes();
    }
}
