using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Microsoft.AspNetCore.Mvc;

namespace Aigaq.Visits.Interviews;

/// <summary>What the visit page's interviews and headcount block draws.</summary>
public sealed record VisitFieldForms(VisitView Visit, IReadOnlyList<InterviewView> Interviews, IReadOnlyList<string> Vulnerabilities, bool MayRecord);

/// <summary>
/// The visit page's private interviews (the list: codes, flags, the report opened, the person protected) and headcount
/// (its findings), with their entry forms for those who record visits (issue 17, items 5 and 7): ShowVisit.cshtml invokes
/// it by name. The page's reader already read the visit; the interviews' read is logged as the API logs it.
/// </summary>
public sealed class VisitFieldFormsViewComponent(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock) : ViewComponent
{
    /// <param name="visit">The visit as the page shows it.</param>
    /// <param name="shell">The page's shell kept on a device (ShowVisitModel.Shell): the forms without the interviews, whose
    /// codes point at people.</param>
    public async Task<IViewComponentResult> InvokeAsync(VisitView visit, bool shell = false)
    {
        var ct = HttpContext.RequestAborted;
        IReadOnlyList<InterviewView> interviews = [];
        if (!shell)
        {
            interviews = await ListInterviews.OfVisitAsync(db, log, visit.Id, UserClaimsPrincipal, ct);
            log.Add(UserClaimsPrincipal, "visit.interviews.read", visit.Id.ToString(), "allowed");
            await db.SaveChangesAsync(ct);
        }

        return View("/Visits/Pages/_VisitFieldForms.cshtml", new VisitFieldForms(
            visit, interviews, rules.At(clock.GetUtcNow()).VisitInterviews.Vulnerabilities, UserClaimsPrincipal.Can(Permissions.RecordVisits)));
    }
}
