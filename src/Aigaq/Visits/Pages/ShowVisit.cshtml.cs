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

    /// <summary>
    /// The page's shell (<c>?shell=true</c>), which the visits' service worker keeps on the device so that the page opens
    /// with no connection (ADR 0030, "The visit page without a connection"): the forms, the checklist and the visit's
    /// state, and nothing that names or points at a person (see <see cref="ShellOf"/>).
    /// </summary>
    public bool Shell { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool shell, CancellationToken ct)
    {
        if (VisitsPage.Value<VisitView>(await get.HandleAsync(id, User, ct, shell)) is not { } visit)
        {
            return NotFound();
        }

        Shell = shell;
        Visit = shell ? ShellOf(visit) : visit;
        ViewData["Shell"] = shell;
        var me = User.RequiredUserId();
        MayApprove = visit.Approval is null && User.Can(Permissions.ApproveVisitTeams) && visit.RecordedBy != me && visit.Team.All(m => m.UserId != me);
        Checklist = checklists.Version(visit.Checklist.Id, visit.Checklist.Version)?.For(visit.Checklist.Kind);
        if (User.Can(Permissions.ViewMonitoringProfiles))
        {
            // The shell keeps no list of open recommendations (their addressees): it is not read for it.
            Profile = VisitsPage.Value<MonitoringProfileView>(await monitoring.HandleAsync(visit.Facility.Id, User, ct, list: !shell));
            if (shell && Profile is not null)
            {
                Profile = Profile with { ClosedReason = null, History = [], OpenRecommendationList = null };
            }
        }

        return Page();
    }

    /// <summary>
    /// The visit without what may name or point at a person, for the copy kept on a device: no team names, approval
    /// comment, areas and notes, denials (who refused and why), alerts, headcount list or answers (free text). What is
    /// kept is the state the forms follow (approved, arrived, counted, left), so the shell shows the forms the page shows.
    /// </summary>
    public static VisitView ShellOf(VisitView visit) => visit with
    {
        Team = [],
        Approval = visit.Approval is { } approval ? approval with { Comment = null } : null,
        Checks = [],
        AccessDenials = [],
        Alerts = [],
        Headcount = visit.Headcount is { } headcount ? headcount with { Entries = [] } : null,
        ChecklistAnswers = [],
    };
}
