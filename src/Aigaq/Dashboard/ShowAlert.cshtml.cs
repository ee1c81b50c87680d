using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Notifications;
using Aigaq.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Dashboard;

/// <summary>
/// One alert: what it is, how severe, what it is about, whether and how it was acknowledged, and each message that
/// brought it to the region's supervisory prosecutors, with its delivery (issue 14, item 1).
/// </summary>
[Authorize(Policy = Permissions.ViewAlerts)]
public sealed class ShowAlertModel(AigaqDb db, AccessLog log, RulePackCatalog rules, TimeProvider clock) : PageModel
{
    public AlertView Alert { get; private set; } = null!;
    public AlertSeverity Severity { get; private set; }
    public IReadOnlyList<Notification> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var alert = await AcknowledgeAlert.Visible(db, User).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null)
        {
            return NotFound();
        }

        Alert = AlertView.From(alert);
        // The pack in force now, as the dashboard and the messages weigh alerts.
        Severity = rules.At(clock.GetUtcNow()).Alerts.Of(alert.Code);
        Messages = [.. (await db.Set<Notification>().AsNoTracking().Include(n => n.AttemptLog).Where(n => n.AlertId == id).ToListAsync(ct))
            .OrderBy(n => n.Address, StringComparer.Ordinal).ThenBy(n => n.Channel)];
        await log.WriteAsync(User.UserId(), "alerts.read", id.ToString(), "allowed", ct);
        return Page();
    }
}
