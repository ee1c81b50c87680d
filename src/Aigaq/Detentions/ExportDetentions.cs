using System.Globalization;
using System.Security.Claims;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Detentions;

/// <summary>
/// The detentions a user may see as a CSV file (issue 14, item 8), with the list's filters (region, status, q), newest
/// first, headers in the reader's language, times as the pages show them. A list of names is an access to protected
/// data: the export is logged (<c>detentions.export</c>) with how many records it held, never whose.
/// </summary>
public sealed class ExportDetentions(ListDetentions list, AigaqDb db, Access.AccessLog log, LocalClock clock, IStringLocalizer<SharedResource> t)
{
    /// <summary>An export holds at most so many rows: the newest, as the list shows them first.</summary>
    public const int MaxRows = 10_000;

    private const int Batch = 500;

    public async Task<IActionResult> HandleAsync(string? region, string? status, ClaimsPrincipal user, CancellationToken ct, string? q = null)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<CustodyStatus>("status", status);
        q = v.Optional("q", q, 100);
        v.Region("region", region);
        if (!v.IsValid)
        {
            return v.PageProblem();
        }

        var items = new List<DetentionSummary>();
        long? after = null;
        do
        {
            var page = await list.QueryAsync(user, region, wanted, after, Math.Min(Batch, MaxRows - items.Count), ct, q);
            items.AddRange(page.Items);
            after = page.Next is { } next ? long.Parse(next, CultureInfo.InvariantCulture) : null;
        }
        while (after is not null && items.Count < MaxRows);

        var facilities = await db.Set<Facility>().AsNoTracking().Select(f => new { f.Id, f.Name }).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var rows = new List<IReadOnlyList<string?>>
        {
            new[]
            {
                t["Detention"].Value, t["Status"], t["Last name"], t["First name"], t["Patronymic"], t["Minor"],
                t["Detained (stated by the officer)"], t["Received by the server"], t["Region"], t["Now held at"],
                t["Court decision by"], t["Protocol by"], t["Open alerts"],
            },
        };
        rows.AddRange(items.Select(d => (IReadOnlyList<string?>)
        [
            d.Number, t["CustodyStatus." + d.Status], d.LastName, d.FirstName, d.Patronymic, d.IsMinor ? t["Yes"] : t["No"],
            clock.Format(d.DetainedAt), clock.Format(d.RecordedAt), Regions.Find(d.Region)?.Name(language) ?? d.Region,
            facilities.GetValueOrDefault(d.CurrentFacilityId), clock.Format(d.Deadlines.CourtBy), clock.Format(d.Deadlines.ProtocolBy),
            d.OpenAlerts.ToString(CultureInfo.InvariantCulture),
        ]));

        log.Add(user, "detentions.export", string.Create(CultureInfo.InvariantCulture, $"{items.Count} records"), "allowed");
        await db.SaveChangesAsync(ct);
        return Csv.File(rows, "aigaq-detentions-" + clock.ToLocal(clock.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".csv");
    }
}
