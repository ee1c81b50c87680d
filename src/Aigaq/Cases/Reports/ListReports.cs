using System.Globalization;
using System.Resources;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record ReportSummary(
    Guid Id, string Number, DateTimeOffset ReceivedAt, ReportSource Source, string Region, ReportStatus Status,
    DateTimeOffset RegistrationDueBy, Guid? DetentionId, Guid? CaseId, int OpenAlerts);

/// <summary>
/// What a list of reports is narrowed to: region, status, detention, whether the registration deadline has passed
/// undecided, and a search (a number, a facility or an agency).
/// </summary>
public sealed record ReportFilter(string? Region = null, ReportStatus? Status = null, Guid? DetentionId = null, string? Q = null, bool? Overdue = null);

/// <summary>Lists the reports a user may read, newest first, by region, status, detention, deadline or search; every list is logged.</summary>
public sealed partial class ListReports(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The longest search accepted.</summary>
    public const int MaxQ = 100;

    private static readonly ResourceManager Labels = new("Aigaq.Web.SharedResource", typeof(ListReports).Assembly);
    private static readonly CultureInfo[] Languages = [CultureInfo.GetCultureInfo("kk"), CultureInfo.GetCultureInfo("ru"), CultureInfo.GetCultureInfo("en")];

    public async Task<Answer<Page<ReportSummary>>> HandleAsync(
        string? region, string? status, Guid? detentionId, string? cursor, ClaimsPrincipal user, CancellationToken ct, string? q = null, string? overdue = null)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<ReportStatus>("status", status);
        v.Region("region", region);
        q = v.Optional("q", q, MaxQ);
        var late = Flag(v, "overdue", overdue);
        var after = v.SeqCursor(cursor);

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var query = await FilterAsync(db.Set<Report>().AsNoTracking().Visible(user), new ReportFilter(region, wanted, detentionId, q, late), ct);
        var page = await query.PageBySeqAsync(after, PageSize, r => new ReportSummary(
            r.Id, r.Number, r.ReceivedAt, r.Source, r.Region, r.Status, r.RegistrationDueBy, r.DetentionId, r.CaseId,
            db.Set<Alert>().Count(a => a.ReportId == r.Id && a.Status == AlertStatus.Open)), ct);
        log.Add(user, "reports.list", $"{page.Items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<ReportSummary>>.Ok(page);
    }

    /// <summary>An optional true/false filter; anything else is an error on <paramref name="field"/>.</summary>
    internal static bool? Flag(Validation v, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        v.Add(field, "must be true or false");
        return null;
    }

    /// <summary>The reports of <paramref name="query"/> that the filter keeps, all conditions in the database's query.</summary>
    public async Task<IQueryable<Report>> FilterAsync(IQueryable<Report> query, ReportFilter filter, CancellationToken ct)
    {
        if (filter.Region is not null)
        {
            query = query.Where(r => r.Region == filter.Region);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.DetentionId is { } detention)
        {
            query = query.Where(r => r.DetentionId == detention);
        }

        if (filter.Overdue is { } overdue)
        {
            var now = clock.GetUtcNow();
            query = overdue
                ? query.Where(r => r.Status == ReportStatus.Received && r.RegistrationDueBy <= now)
                : query.Where(r => r.Status != ReportStatus.Received || r.RegistrationDueBy > now);
        }

        return string.IsNullOrWhiteSpace(filter.Q) ? query : await SearchAsync(query, filter.Q.Trim(), ct);
    }

    /// <summary>
    /// A search as staff type it: a report number ("r75-12"), the ERDR number of the case it opened, the number of the
    /// detention it is about, or a word of the name of the facility or of an agency it names (in Kazakh, Russian or
    /// English). Never the names of victims or of the person who reported: those are looked up by opening a report.
    /// </summary>
    private async Task<IQueryable<Report>> SearchAsync(IQueryable<Report> query, string q, CancellationToken ct)
    {
        var number = NumberOf(q) ?? q.ToUpperInvariant();
        var detention = ListDetentions.NumberOf(q) ?? "";
        var facilities = new List<Guid>();
        var agencies = new List<Agency>();
        if (q.Length >= 3)
        {
            // The register of facilities is short: matched here, in every casing of every alphabet, and then by id in the query.
            var named = await db.Set<Facility>().AsNoTracking().Select(f => new { f.Id, f.Name }).ToListAsync(ct);
            facilities = [.. named.Where(f => f.Name.Contains(q, StringComparison.InvariantCultureIgnoreCase)).Select(f => f.Id).Take(500)];
            agencies = [.. AgenciesNamed(q)];
        }

        var cases = db.Set<Case>();
        var detentions = db.Set<Detention>();
        return query.Where(r =>
            r.Number == number ||
            (r.CaseId != null && cases.Any(c => c.Id == r.CaseId && c.ErdrNumber == q)) ||
            (r.DetentionId != null && detentions.Any(d => d.Id == r.DetentionId && d.Number == detention)) ||
            (r.FacilityId != null && facilities.Contains(r.FacilityId.Value)) ||
            r.Alleged.Any(a => agencies.Contains(a.Agency)));
    }

    /// <summary>The agencies whose code or name in any of the three languages holds <paramref name="q"/>.</summary>
    internal static IEnumerable<Agency> AgenciesNamed(string q) =>
        Enum.GetValues<Agency>().Where(a =>
            a.ToString().Contains(q, StringComparison.OrdinalIgnoreCase) ||
            Languages.Any(l => Labels.GetString("Agency." + a, l) is { } name && name.Contains(q, StringComparison.InvariantCultureIgnoreCase)));

    /// <summary>A report number as typed ("r75-12", "Р75-000012"), in its stored form, or null when q is not one.</summary>
    public static string? NumberOf(string? q)
    {
        var match = q is null ? null : NumberPattern().Match(q.Trim());
        return match is { Success: true }
            ? string.Create(CultureInfo.InvariantCulture, $"R{match.Groups[1].Value}-{long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture):D6}")
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[RrРр]([0-9]{2})-([0-9]{1,9})$")]
    private static partial System.Text.RegularExpressions.Regex NumberPattern();
}
