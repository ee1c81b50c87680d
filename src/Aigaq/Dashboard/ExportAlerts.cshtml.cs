using System.Globalization;
using Aigaq.Access;
using Aigaq.Alerts;
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
/// The alerts the reader may see as a CSV file (issue 14, item 8), with the dashboard's filters (<c>code</c>,
/// <c>severity</c>, <c>q</c>) and in its order; open ones unless <c>status=acknowledged</c>. Each row names the detention's
/// number and person, the report or the case only where the reader may see them, as the dashboard does; an alert whose
/// kind the reader need not know is withheld. The export is logged as an access (<c>alerts.export</c>).
/// </summary>
[Authorize(Policy = Permissions.ViewAlerts)]
public sealed class ExportAlertsModel(
    AigaqDb db, RulePackCatalog rules, LocalClock clock, AccessLog log, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>An export holds at most so many alerts: the newest.</summary>
    public const int MaxRows = 10_000;

    public async Task<IActionResult> OnGetAsync(string? code, string? severity, string? status, CancellationToken ct, string? q = null)
    {
        var v = new Validation();
        var wantedSeverity = v.OptionalEnum<AlertSeverity>("severity", severity);
        var wantedStatus = v.OptionalEnum<AlertStatus>("status", status) ?? AlertStatus.Open;
        v.Optional("code", code, 80);
        v.Optional("q", q, DashboardModel.MaxQ);
        if (!v.IsValid)
        {
            return v.PageProblem();
        }

        var pack = rules.At(clock.Now).Alerts;
        var visible = AcknowledgeAlert.Visible(db, User).AsNoTracking().Where(a => a.Status == wantedStatus);
        var alerts = await DashboardModel.OrderedAsync(DashboardModel.Search(DashboardModel.Filter(visible, code, wantedSeverity, pack), db, q, User), pack, MaxRows, ct);
        var reader = NeedToKnow.Of(User);
        var byId = alerts.ToDictionary(a => a.Id);
        var rows = new List<IReadOnlyList<string?>>
        {
            new[]
            {
                t["Alert"].Value, t["Severity"], t["Status"], t["Raised"], t["Due"], t["Region"],
                t["Detention"], t["Name"], t["Report"], t["Case"], t["Comment"],
            },
        };
        foreach (var row in await DashboardModel.RowsAsync(db, User, alerts, pack, ct))
        {
            var a = reader.Alert(byId[row.Alert.Id]);
            rows.Add(
            [
                t["Alert." + a.Code], a.Code == AlertView.Withheld ? null : t["Severity." + row.Severity].Value, t["AlertStatus." + a.Status], clock.Format(a.RaisedAt), clock.Format(a.DueAt),
                a.Region, row.Number, row.Person, row.ReportNumber, row.CaseNumber, a.Comment,
            ]);
        }

        log.Add(User, "alerts.export", string.Create(CultureInfo.InvariantCulture, $"{alerts.Count} records"), "allowed");
        await db.SaveChangesAsync(ct);
        return Csv.File(rows, "aigaq-alerts-" + clock.ToLocal(clock.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".csv");
    }
}
