using Aigaq.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Visits;

/// <summary>
/// /visits/{id} (issue 17, pages of items 1-4 and item 9): the visit as <see cref="GetVisit"/> answers it (its read in the
/// access log) with its team and approval, arrival, areas seen and registers checked, access denials, the checklist of
/// its version for the kind of place, and the facility's monitoring profile. The forms are sent by visits.js to the API,
/// each entry with its own Idempotency-Key kept with it on the device, so that an entry made without a connection waits
/// there and is sent, once, when the connection returns.
/// </summary>
[Authorize(Policy = Permissions.ViewVisits)]
public sealed class ShowVisitModel(GetVisit get, FacilityMonitoring monitoring, VisitChecklists checklists) : PageModel
{
    public VisitView Visit { get; private set; } = null!;
    public MonitoringProfileView? Profile { get; private set; }
    public KindChecklist? Checklist { get; private set; }

    /// <summary>Another monitor of the region than the planner, not on the team, approves a team not yet approved.</summary>
    public bool MayApprove { get; private set; }

    public bool MayRecord => User.Can(Permissions.RecordVisits);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (VisitsPage.Value<VisitView>(await get.HandleAsync(id, User, ct)) is not { } visit)
        {
            return NotFound();
        }

        Visit = visit;
        var me = User.RequiredUserId();
        MayApprove = visit.Approval is null && User.Can(Permissions.ApproveVisitTeams) && visit.RecordedBy != me && visit.Team.All(m => m.UserId != me);
        Checklist = checklists.Version(visit.Checklist.Id, visit.Checklist.Version)?.For(visit.Checklist.Kind);
        if (User.Can(Permissions.ViewMonitoringProfiles))
        {
            Profile = VisitsPage.Value<MonitoringProfileView>(await monitoring.HandleAsync(visit.Facility.Id, User, ct));
        }

        return Page();
    }
}
