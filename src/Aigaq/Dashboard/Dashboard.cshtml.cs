using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Dashboard;

/// <summary>
/// The supervisory prosecutor's view of a region (issue 14, item 1): open alerts, the most severe first (severity from
/// the rule pack), then the nearest due time, then the newest; counts per code and region, each a filter; filters by
/// severity and code; a page at a time; each alert linked to the detention, report or case it is about, with an
/// acknowledge-with-comment form folded into one line. The custody clocks of everyone not released follow, the nearest
/// court deadline first. dashboard.js refreshes the alerts without a reload.
/// </summary>
[Authorize(Policy = Permissions.ViewAlerts)]
public sealed class DashboardModel(
    AigaqDb db, ListDetentions list, AcknowledgeAlert acknowledge, RulePackCatalog rules, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public const int ClockLimit = 200;
    public const int PageSize = 20;

    /// <summary>The longest search accepted.</summary>
    public const int MaxQ = 64;

    /// <summary>At most so many open alerts are ordered at once; the counts above them are exact whatever their number.</summary>
    public const int OrderLimit = 5000;

    public IReadOnlyList<AlertRow> Alerts { get; private set; } = [];
    public IReadOnlyList<DetentionSummary> Clocks { get; private set; } = [];
    public bool MayAcknowledge => User.Can(Permissions.AcknowledgeAlerts);

    /// <summary>Open alerts per code and region, the most severe code first.</summary>
    public IReadOnlyList<CodeCount> Counts { get; private set; } = [];

    /// <summary>Open alerts per severity, all of them (no filter).</summary>
    public IReadOnlyDictionary<AlertSeverity, int> BySeverity { get; private set; } = new Dictionary<AlertSeverity, int>();

    /// <summary>Open alerts that the filter keeps.</summary>
    public int Matching { get; private set; }

    public int PageCount => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public AlertSeverity? Severity { get; set; }

    /// <summary>A detention, report or ERDR number the alerts are about (<see cref="Search"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The page of alerts, from 1 (not "page": Razor Pages routes by that name).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The alert whose acknowledgement failed, so that its form stays open with the error.</summary>
    public Guid? Failed { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>An alert with what it is about: a detention (number and person), a report (number) or a case (ERDR number), each linked if the user may see it.</summary>
    public sealed record AlertRow(AlertView Alert, string? Number, string? Person, string? ReportNumber = null, string? CaseNumber = null)
    {
        public AlertSeverity Severity { get; init; }
    }

    public sealed record CodeCount(string Code, AlertSeverity Severity, int Count, IReadOnlyList<(string Region, int Count)> Regions);

    /// <summary>The query of this page with one filter changed, for links; the search stays.</summary>
    public string Link(string? code, AlertSeverity? severity, int page = 1)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query.Add("q=" + Uri.EscapeDataString(Q.Trim()));
        }

        if (code is not null)
        {
            query.Add("code=" + Uri.EscapeDataString(code));
        }

        if (severity is not null)
        {
            query.Add("severity=" + severity);
        }

        if (page > 1)
        {
            query.Add("p=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/dashboard" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid alertId, string? comment, CancellationToken ct)
    {
        if (!MayAcknowledge)
        {
            return Forbid();
        }

        var result = await acknowledge.HandleAsync(alertId, comment, User, ct);
        switch (result.Failure)
        {
            case AcknowledgeFailure.None:
                Message = t["The alert was acknowledged."];
                return Redirect(Link(Code, Severity, PageNumber));
            case AcknowledgeFailure.NotFound:
                return NotFound();
            case AcknowledgeFailure.AlreadyAcknowledged:
                Message = t["The alert was already acknowledged."];
                return Redirect(Link(Code, Severity, PageNumber));
            default:
                // Under the id of that alert's comment box: every alert's box posts as "comment".
                ModelState.AddModelError("comment-" + alertId, t["Write a comment: what was done about it."]);
                Failed = alertId;
                await LoadAsync(ct);
                return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var pack = rules.At(clock.GetUtcNow()).Alerts;
        var visible = AcknowledgeAlert.Visible(db, User).AsNoTracking().Where(a => a.Status == AlertStatus.Open);
        var counted = await visible.GroupBy(a => new { a.Code, a.Region }).Select(g => new { g.Key.Code, g.Key.Region, Count = g.Count() }).ToListAsync(ct);
        Counts = [.. counted.GroupBy(c => c.Code)
            .Select(g => new CodeCount(g.Key, pack.Of(g.Key), g.Sum(c => c.Count), [.. g.OrderBy(c => c.Region, StringComparer.Ordinal).Select(c => (c.Region, c.Count))]))
            .OrderBy(c => c.Severity).ThenByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal)];
        BySeverity = Enum.GetValues<AlertSeverity>().ToDictionary(s => s, s => Counts.Where(c => c.Severity == s).Sum(c => c.Count));

        Q = Q is { Length: > MaxQ } ? Q[..MaxQ] : Q;
        var open = await OrderedAsync(Search(Filter(visible, Code, Severity, pack), db, Q, User), pack, OrderLimit, ct);
        Matching = open.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Alerts = await RowsAsync(db, User, [.. open.Skip((PageNumber - 1) * PageSize).Take(PageSize)], pack, ct);

        var region = User.RegionScope();
        if (region is null)
        {
            return;
        }

        var inTransit = await list.QueryAsync(User, region, CustodyStatus.InTransit, null, ClockLimit, ct);
        var inCustody = await list.QueryAsync(User, region, CustodyStatus.InCustody, null, ClockLimit, ct);
        Clocks = [.. inTransit.Items.Concat(inCustody.Items).OrderBy(d => d.Deadlines.CourtBy)];
    }

    /// <summary>The alerts of the filter: of one code, of one severity (by the codes the pack gives it), or all.</summary>
    internal static IQueryable<Alert> Filter(IQueryable<Alert> alerts, string? code, AlertSeverity? severity, AlertRules pack)
    {
        if (!string.IsNullOrEmpty(code))
        {
            alerts = alerts.Where(a => a.Code == code);
        }

        if (severity is { } wanted)
        {
            // By the codes the pack gives that severity; a code it does not name counts as normal.
            var heavier = Enum.GetValues<AlertSeverity>().Where(s => s != AlertSeverity.Normal).SelectMany(pack.Codes).ToList();
            var codes = pack.Codes(wanted);
            alerts = wanted == AlertSeverity.Normal
                ? alerts.Where(a => !heavier.Contains(a.Code))
                : alerts.Where(a => codes.Contains(a.Code));
        }

        return alerts;
    }

    /// <summary>
    /// The alerts about what <paramref name="q"/> numbers: a detention ("d75-123"), a report ("r75-12") or a case (its
    /// ERDR number), as typed; all of them for a blank search. Only records the reader may see are matched, so that the
    /// search cannot tell which alert a hidden number belongs to.
    /// </summary>
    internal static IQueryable<Alert> Search(IQueryable<Alert> alerts, AigaqDb db, string? q, System.Security.Claims.ClaimsPrincipal user)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return alerts;
        }

        var text = q.Trim();
        var detention = ListDetentions.NumberOf(text) ?? "";
        var report = ListReports.NumberOf(text) ?? "";
        var detentions = db.Set<Detention>().Visible(user);
        var reports = db.Set<Report>().Visible(user);
        var cases = db.Set<Case>().Visible(user, db.Set<Referral>());
        return alerts.Where(a =>
            (a.DetentionId != null && detentions.Any(d => d.Id == a.DetentionId && d.Number == detention)) ||
            (a.ReportId != null && reports.Any(r => r.Id == a.ReportId && r.Number == report)) ||
            (a.CaseId != null && cases.Any(c => c.Id == a.CaseId && c.ErdrNumber == text)));
    }

    /// <summary>At most <paramref name="limit"/> of the newest alerts, the most severe first, then the nearest due time, then the newest.</summary>
    internal static async Task<List<Alert>> OrderedAsync(IQueryable<Alert> alerts, AlertRules pack, int limit, CancellationToken ct) =>
        (await alerts.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id).Take(limit).ToListAsync(ct))
            .OrderBy(a => pack.Of(a.Code))
            .ThenBy(a => a.DueAt ?? DateTimeOffset.MaxValue)
            .ThenByDescending(a => a.RaisedAt)
            .ThenBy(a => a.Id)
            .ToList();

    /// <summary>The alerts with what they are about, named only where <paramref name="user"/> may see it.</summary>
    internal static async Task<List<AlertRow>> RowsAsync(AigaqDb db, System.Security.Claims.ClaimsPrincipal user, List<Alert> open, AlertRules pack, CancellationToken ct)
    {
        var ids = open.Where(a => a.DetentionId != null).Select(a => a.DetentionId!.Value).Distinct().ToList();
        var detentions = await db.Set<Detention>().AsNoTracking().Visible(user).Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.LastName, d.FirstName }).ToDictionaryAsync(d => d.Id, ct);
        var reportIds = open.Where(a => a.ReportId != null).Select(a => a.ReportId!.Value).Distinct().ToList();
        var reports = await db.Set<Report>().AsNoTracking().Visible(user).Where(r => reportIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Number }).ToDictionaryAsync(r => r.Id, r => r.Number, ct);
        var caseIds = open.Where(a => a.CaseId != null).Select(a => a.CaseId!.Value).Distinct().ToList();
        var cases = await db.Set<Case>().AsNoTracking().Visible(user, db.Set<Referral>()).Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.ErdrNumber }).ToDictionaryAsync(c => c.Id, c => c.ErdrNumber, ct);
        return [.. open.Select(a =>
        {
            var d = a.DetentionId is { } id ? detentions.GetValueOrDefault(id) : null;
            return new AlertRow(
                AlertView.From(a),
                d?.Number,
                d is null ? null : d.LastName + " " + d.FirstName,
                a.ReportId is { } report ? reports.GetValueOrDefault(report) : null,
                a.CaseId is { } c ? cases.GetValueOrDefault(c) : null)
            {
                Severity = pack.Of(a.Code),
            };
        })];
    }
}
