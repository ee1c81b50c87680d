using System.Globalization;
using Aigaq.Web;
using Microsoft.Extensions.Localization;

namespace Aigaq.Recommendations;

/// <summary>
/// The follow-up report's words and figures in its language, shared by the DOCX and the PDF so that both say the same:
/// headings and fixed phrases from SharedResource (<c>FollowUp.*</c>), figures in the language's number format, a
/// withheld value as withheld (never 0), dates as the rest of the application prints them.
/// </summary>
public sealed class FollowUpReportText(IStringLocalizer<SharedResource> t, LocalClock clock)
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    /// <summary>Runs <paramref name="write"/> with the UI culture of <paramref name="language"/>, restoring it after.</summary>
    public static T In<T>(string language, Func<T> write)
    {
        if (!Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new ArgumentException("Not a report language.", nameof(language));
        }

        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return write();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    private static CultureInfo Numbers => CultureInfo.CurrentUICulture;

    public string this[string key] => t["FollowUp." + key].Value;

    public string Title(FollowUpReportModel m) => t["FollowUp.Title", m.Document].Value;

    public string Actor(string actor)
    {
        var text = t["FollowUp.Actor." + actor];
        return text.ResourceNotFound ? actor : text.Value;
    }

    public string Heading(ReportParagraph p) =>
        t["FollowUp.Paragraph", p.SubParagraph is null ? p.Paragraph : p.Paragraph + " (" + p.SubParagraph + ")"].Value;

    public string Trend(string label) => t["FollowUp.Trend", label].Value;

    public string Time(DateTimeOffset at) => clock.Format(at);

    public static string Date(DateOnly? date) => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A chart's axis figure in the report's number format.</summary>
    public static string Number(double value) => value.ToString("0.#", Numbers);

    public static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>A scale's name in the report's language (SharedResource's <c>Scale.&lt;id&gt;</c>), or its id.</summary>
    public string Scale(string scale)
    {
        var text = t["Scale." + scale];
        return text.ResourceNotFound ? scale : text.Value;
    }

    /// <summary>The grade's label, marked when its scale's labels are provisional.</summary>
    public string Grade(ReportAssessment a) => a.Provisional ? a.GradeLabel + " *" : a.GradeLabel;

    public string ProvisionalNote => t["Scale.Provisional"].Value;

    public string Comparison(GradeComparison c) => c switch
    {
        GradeComparison.Same => this["Same"],
        GradeComparison.Differs => "≠ " + this["Differs"],
        _ => this["OtherScale"],
    };

    public string Measure(ReportMeasure m) => m.Overdue ? m.Status + " — " + this["Overdue"] : m.Status;

    /// <summary>A year's value as the report prints it: "7,5 % (3 of 40)", "12", "withheld (small number)", "—".</summary>
    public string Value(ReportUnit unit, ReportIndicatorPoint p)
    {
        if (p.Suppressed)
        {
            return this["Withheld"];
        }

        if (p.Value is not { } v)
        {
            return p.Whole is { } w ? "— (" + t["FollowUp.PartOfWhole", p.Part ?? 0, w].Value + ")" : "—";
        }

        var figure = unit switch
        {
            ReportUnit.Share => (v * 100).ToString("0.#", Numbers) + " %",
            ReportUnit.Hours => t["FollowUp.Hours", v.ToString("0.#", Numbers)].Value,
            ReportUnit.Count => v.ToString("0", Numbers),
            _ => v.ToString("0.##", Numbers),
        };
        return p.Part is { } part && p.Whole is { } whole ? figure + " (" + t["FollowUp.PartOfWhole", part, whole].Value + ")" : figure;
    }

    /// <summary>The figure a chart draws for a year (a share in per cent), or none: a gap, not a zero.</summary>
    public static double? Plotted(ReportUnit unit, ReportIndicatorPoint p) =>
        p.Suppressed || p.Value is not { } v ? null : (double)(unit == ReportUnit.Share ? v * 100 : v);

    /// <summary>What the chart's value axis is in.</summary>
    public string Axis(ReportUnit unit) => unit switch
    {
        ReportUnit.Share => "%",
        ReportUnit.Hours => t["FollowUp.Hours", ""].Value.Trim(),
        _ => "",
    };
}
