using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// /visits (issue 17, pages of items 1-4): the visits of the monitor's region (<see cref="ListVisits"/>, as
/// <c>GET /api/v1/visits</c>) with their status, the risk plan of the year (<see cref="PlanVisits"/>) with the reasons for
/// each place's rank, and a form to plan a visit that visits.js sends to <c>POST /api/v1/visits</c> with an
/// Idempotency-Key. A monitor without a region reads no visits and no plan, as the API answers. With <c>?shell=true</c>
/// it is the list's <em>shell</em>, which the visits' service worker keeps so that /visits opens with no connection (issue
/// 17, item 9): the page's frame and its "no connection" notice, and no visit, plan or place at all; visits.js fills its
/// list on the device from the visit pages' shells the device already keeps (ADR 0030, addendum), so the list holds
/// nothing those shells do not. The shell reads nothing protected: no access entry.
/// </summary>
[Authorize(Policy = Permissions.ViewVisits)]
public sealed class VisitsModel(ListVisits list, PlanVisits plan, AigaqDb db) : PageModel
{
    /// <summary>How many places of the plan the page shows; the API answers them all.</summary>
    public const int PlanShown = 10;

    public IReadOnlyList<VisitSummary> Rows { get; private set; } = [];
    public string? Next { get; private set; }
    public VisitPlanView? Plan { get; private set; }
    public IReadOnlyDictionary<Guid, Facility> Facilities { get; private set; } = new Dictionary<Guid, Facility>();
    public bool MayPlan => User.Can(Permissions.RecordVisits);

    /// <summary>The list's shell (<c>?shell=true</c>): no visit, plan or place is read for it.</summary>
    public bool Shell { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    /// <summary>The plan's year (<c>?year=</c>): this year's by default; next year's reads the register up to now.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    public async Task<IActionResult> OnGetAsync(bool shell, CancellationToken ct)
    {
        if (shell)
        {
            Shell = true;
            return Page();
        }

        var cursor = string.IsNullOrWhiteSpace(Cursor) ? null : Cursor.Trim();
        if (VisitsPage.Value<Page<VisitSummary>>(await list.HandleAsync(new VisitListQuery(Cursor: cursor), User, ct)) is not { } page)
        {
            // Only a cursor made by hand is refused: start again from the newest.
            return LocalRedirect("/visits");
        }

        Rows = page.Items;
        Next = page.Next;
        if (User.Can(Permissions.PlanVisits) && User.RegionScope() is not null)
        {
            Plan = VisitsPage.Value<VisitPlanView>(await plan.HandleAsync(string.IsNullOrWhiteSpace(Year) ? null : Year.Trim(), null, User, ct));
            if (Plan is null && !string.IsNullOrWhiteSpace(Year))
            {
                // A year the plan does not take (made by hand): this year's plan.
                return LocalRedirect("/visits");
            }
        }

        // The region's places, for the plan form and the list's names (no personal data: the register's facts).
        var region = User.RegionScope();
        var ids = Rows.Select(r => r.FacilityId).ToList();
        Facilities = region is null
            ? new Dictionary<Guid, Facility>()
            : await db.Set<Facility>().AsNoTracking().Where(f => f.Region == region || ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        return Page();
    }
}
