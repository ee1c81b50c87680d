using System.Globalization;
using System.Security.Claims;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Cases;

/// <summary>
/// The cases a user may read as a CSV file (issue 14, item 8), with the list's filters, newest first, headers and words
/// in the reader's language, times as the pages show them, numbers as numbers. Logged (<c>cases.export</c>) with how many
/// records it held.
/// </summary>
public sealed class ExportCases(ListCases list, AigaqDb db, Access.AccessLog log, LocalClock clock, IStringLocalizer<SharedResource> t)
{
    /// <summary>An export holds at most so many rows: the newest, as the list shows them first.</summary>
    public const int MaxRows = 10_000;

    public async Task<IActionResult> HandleAsync(CaseListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var filter = list.Read(v, query);
        if (!v.IsValid)
        {
            return v.PageProblem();
        }

        var items = await list.Rows(user, filter).OrderByDescending(r => r.Seq).Take(MaxRows).ToListAsync(ct);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        string Region(string code) => Regions.Find(code)?.Name(language) ?? code;
        string YesNo(bool value) => value ? t["Yes"] : t["No"];
        var rows = new List<IReadOnlyList<string?>>
        {
            new[]
            {
                t["Case"].Value, t["Report"], t["Region"], t["Registered at"], t["Part of the article"], t["torture"], t["Responsible body"],
                t["Stage"], t["Status"], t["Hand-over not yet accepted"], t["Alert.InstitutionalConflict"], t["Open alerts"],
            },
        };
        rows.AddRange(items.Select(c => (IReadOnlyList<string?>)
        [
            c.ErdrNumber, c.ReportNumber, Region(c.Region), clock.Format(c.RegisteredAt), c.Part.ToString(CultureInfo.InvariantCulture),
            YesNo(c.Torture), t["Body." + c.ResponsibleKind, Region(c.ResponsibleRegion)], c.Stage is { } stage ? t["CaseStage." + stage] : t["No stage yet"],
            c.Closed ? t["Closed"] : t["Open"], YesNo(c.ReferralPending), YesNo(c.ConflictOpen), c.OpenAlerts.ToString(CultureInfo.InvariantCulture),
        ]));

        log.Add(user, "cases.export", string.Create(CultureInfo.InvariantCulture, $"{items.Count} records"), "allowed");
        await db.SaveChangesAsync(ct);
        return Csv.File(rows, "aigaq-cases-" + clock.ToLocal(clock.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".csv");
    }
}
