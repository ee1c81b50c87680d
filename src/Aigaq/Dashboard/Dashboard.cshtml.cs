using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aigaq.Dashboard;

/// <summary>
/// The supervisory prosecutor's view of a region: open alerts, newest first, each linked to the
/// detention, report or case it is about and with an acknowledge-with-comment form, and the custody clocks of everyone not released, the nearest
/// court deadline first.
/// </summary>
[Authorize(Policy = Permissions.ViewAlerts)]
public sealed class DashboardModel(
    AigaqDb db, ListDetentions list, AcknowledgeAlert acknowledge, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public const int ClockLimit = 200;

    public IReadOnlyList<AlertRow> Alerts { get; private set; } = [];
    public IReadOnlyList<DetentionSummary> Clocks { get; private set; } = [];
    public bool MayAcknowledge => User.Can(Permissions.AcknowledgeAlerts);

    [TempData]
    public string? Message { get; set; }

    /// <summary>An alert with what it is about: a detention (number and person), a report (number) or a case (ERDR number), each linked if the user may see it.</summary>
    public sealed record AlertRow(AlertView Alert, string? Number, string? Person, string? ReportNumber = null, string? CaseNumber = null);

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
                return RedirectToPage();
            case AcknowledgeFailure.NotFound:
                return NotFound();
            case AcknowledgeFailure.AlreadyAcknowledged:
                Message = t["The alert was already acknowledged."];
                return RedirectToPage();
            default:
                // Under the id of that alert's comment box: every alert's box posts as "comment".
                ModelState.AddModelError("comment-" + alertId, t["Write a comment: what was done about it."]);
                await LoadAsync(ct);
                return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var open = await AcknowledgeAlert.Visible(db, User).AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open)
            .OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id)
            .Take(200)
            .ToListAsync(ct);
        var ids = open.Where(a => a.DetentionId != null).Select(a => a.DetentionId!.Value).Distinct().ToList();
        var detentions = await db.Set<Detention>().AsNoTracking().Visible(User).Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.LastName, d.FirstName }).ToDictionaryAsync(d => d.Id, ct);
        var reportIds = open.Where(a => a.ReportId != null).Select(a => a.ReportId!.Value).Distinct().ToList();
        var reports = await db.Set<Report>().AsNoTracking().Visible(User).Where(r => reportIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Number }).ToDictionaryAsync(r => r.Id, r => r.Number, ct);
        var caseIds = open.Where(a => a.CaseId != null).Select(a => a.CaseId!.Value).Distinct().ToList();
        var cases = await db.Set<Case>().AsNoTracking().Visible(User, db.Set<Referral>()).Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.ErdrNumber }).ToDictionaryAsync(c => c.Id, c => c.ErdrNumber, ct);
        Alerts = [.. open.Select(a =>
        {
            var d = a.DetentionId is { } id ? detentions.GetValueOrDefault(id) : null;
            return new AlertRow(
                AlertView.From(a),
                d?.Number,
                d is null ? null : d.LastName + " " + d.FirstName,
                a.ReportId is { } report ? reports.GetValueOrDefault(report) : null,
                a.CaseId is { } c ? cases.GetValueOrDefault(c) : null);
        })];

        var region = User.RegionScope();
        if (region is null)
        {
            return;
        }

        var inTransit = await list.QueryAsync(User, region, CustodyStatus.InTransit, null, ClockLimit, ct);
        var inCustody = await list.QueryAsync(User, region, CustodyStatus.InCustody, null, ClockLimit, ct);
        Clocks = [.. inTransit.Items.Concat(inCustody.Items).OrderBy(d => d.Deadlines.CourtBy)];
    }
}
