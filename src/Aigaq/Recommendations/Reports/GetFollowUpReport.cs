using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Recommendations;

/// <summary>
/// <c>GET /api/v1/recommendations/report?document=&amp;actor=&amp;lang=&amp;format=docx|pdf</c> (CONTRACT.md; issue 18, item 5):
/// the follow-up report on a document for an actor, as a DOCX to edit or a PDF to publish, in kk, ru or en. 400 naming
/// <c>document</c> (none given, or none of its paragraphs registered), <c>actor</c>, <c>lang</c> or <c>format</c>; nothing
/// is written then. Every report made is an access (<see cref="AccessAction"/>), naming the document, language and format.
/// </summary>
public sealed class GetFollowUpReport(FollowUpReportAssembler assembler, FollowUpReportDocx docx, FollowUpReportPdf pdf, AccessLog log)
{
    public const string AccessAction = "recommendations.report";

    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string PdfType = "application/pdf";

    private static readonly string[] Formats = ["docx", "pdf"];

    public async Task<IResult> HandleAsync(string? document, string? actor, string? lang, string? format, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var symbol = v.Required("document", document, RegisterRecommendation.MaxDocument);
        var who = v.OptionalEnum<AssessmentActor>("actor", actor);
        if (actor is null)
        {
            v.Add("actor", "is required");
        }

        if (lang is null || !FollowUpReportText.Languages.Contains(lang, StringComparer.Ordinal))
        {
            v.Add("lang", "must be " + string.Join(", ", FollowUpReportText.Languages));
        }

        if (format is null || !Formats.Contains(format, StringComparer.Ordinal))
        {
            v.Add("format", "must be docx or pdf");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var model = await assembler.AssembleAsync(symbol, who!.Value, lang!, ct);
        if (model is null)
        {
            v.Add("document", "has no recommendation registered");
            return v.Problem();
        }

        var (bytes, type) = format == "docx" ? (docx.Render(model), DocxType) : (pdf.Render(model), PdfType);
        await log.WriteAsync(user.UserId(), AccessAction, model.Document, $"allowed:{model.Actor}:{lang}:{format}", ct);
        return Results.File(bytes, type, FileName(model, format!));
    }

    /// <summary>Such as <c>follow-up-CAT-C-KAZ-CO-4-ngo-ru.pdf</c>: the symbol's slashes and other signs made dashes.</summary>
    public static string FileName(FollowUpReportModel m, string format) =>
        $"follow-up-{new string([.. m.Document.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')])}-{m.Actor}-{m.Language}.{format}";
}
