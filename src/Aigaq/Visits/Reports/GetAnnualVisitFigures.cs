using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>
/// <c>GET /api/v1/visits/annual?year=&amp;region=&amp;format=json|pdf&amp;lang=</c> (issue 17, item 10): the year's figures for
/// the annual report, as JSON or as a PDF with charts. A user of a region reads their region's (another region is 403
/// naming <c>region</c>); a national analyst the country's or a region's; a monitor without a region none. 400 naming
/// <c>year</c> (a year from 2000 to this one; this one by default), <c>region</c>, <c>format</c> or <c>lang</c> (required
/// for a PDF). Counts only: nothing personal is read, so nothing is added to the access log.
/// </summary>
public sealed class GetAnnualVisitFigures(ComputeAnnualVisitFigures compute, AnnualVisitFiguresPdf pdf, LocalClock clock)
{
    private static readonly string[] Formats = ["json", "pdf"];

    public async Task<IResult> HandleAsync(string? year, string? region, string? format, string? lang, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var current = clock.ToLocal(clock.Now).Year;
        var wanted = current;
        if (!string.IsNullOrEmpty(year)
            && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out wanted) || wanted < 2000 || wanted > current))
        {
            v.Add("year", $"must be a year from 2000 to {current}");
        }

        region = string.IsNullOrEmpty(region) ? null : region;
        v.Region("region", region);
        format = string.IsNullOrEmpty(format) ? "json" : format;
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            v.Add("format", "must be json or pdf");
        }
        else if (format == "pdf" && (lang is null || !VisitReportText.Languages.Contains(lang, StringComparer.Ordinal)))
        {
            v.Add("lang", "must be " + string.Join(", ", VisitReportText.Languages));
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        // As the plan: a monitor without a region reads no visits, nor their figures; a user of a region reads theirs.
        if (user.RegionScope() is null && user.IsInRole(Roles.Monitor) && !user.IsInRole(Roles.Analyst))
        {
            return Forbidden("A monitor reads the figures of their own region; this account has none.", "no region is assigned to this monitor");
        }

        if (user.RegionScope() is { } own)
        {
            if (region is not null && region != own)
            {
                return Forbidden("The figures of another region are not yours to read.", "is outside your region");
            }

            region = own;
        }

        var start = Start(wanted);
        var figures = await compute.ComputeAsync(wanted, region, start, Start(wanted + 1), ct);
        return format == "pdf"
            ? Results.File(pdf.Render(figures, lang!), GetVisitReport.PdfType, $"visits-{wanted.ToString(CultureInfo.InvariantCulture)}-{region ?? "KZ"}-{lang}.pdf")
            : TypedResults.Ok(figures);
    }

    /// <summary>The first instant of the local year.</summary>
    private DateTimeOffset Start(int year)
    {
        var local = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, clock.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static IResult Forbidden(string title, string error) => Results.Problem(
        type: ProblemTypes.Forbidden, title: title, statusCode: StatusCodes.Status403Forbidden,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["region"] = [error] } });
}
