using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>
/// <c>GET /api/v1/visits/{id}/report?lang=kk|ru|en&amp;version=full|public</c> (issue 17, item 10): the visit report as a
/// PDF, full (team names, who refused and why, the headcount's names and detention numbers) or public (anonymised: nothing
/// personal at all). For whoever reads the visit (<see cref="Visit.Readable"/>); 404 alike for an unknown visit and another
/// region's. 400 naming <c>lang</c> or <c>version</c> first, nothing written. Every full report read is an access
/// (<see cref="AccessAction"/>); a public one is logged too, as such, so that who printed what stays visible.
/// </summary>
public sealed class GetVisitReport(VisitReportAssembler assembler, VisitReportPdf pdf, AccessLog log)
{
    public const string AccessAction = "visit.report";

    public const string PdfType = "application/pdf";

    private static readonly string[] Versions = ["full", "public"];

    public async Task<IResult> HandleAsync(Guid id, string? lang, string? version, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        if (lang is null || !VisitReportText.Languages.Contains(lang, StringComparer.Ordinal))
        {
            v.Add("lang", "must be " + string.Join(", ", VisitReportText.Languages));
        }

        if (version is null || !Versions.Contains(version, StringComparer.Ordinal))
        {
            v.Add("version", "must be full or public");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var full = version == "full";
        var model = await assembler.AssembleAsync(id, full, lang!, user, ct);
        if (model is null)
        {
            return ProblemTypes.NotFoundProblem("The visit");
        }

        var bytes = pdf.Render(model);
        await log.WriteAsync(user.UserId(), AccessAction, id.ToString(), $"allowed:{version}:{lang}", ct);
        return Results.File(bytes, PdfType, $"visit-{model.Number}-{version}-{lang}.pdf");
    }
}
