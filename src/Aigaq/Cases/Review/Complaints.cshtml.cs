using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Cases;

/// <summary>
/// The complaints a user may read: for the reviewer, the inbox of complaints to decide, oldest first, then the decided
/// ones; each list a page at a time (<c>open</c> and <c>decided</c> are the cursors of the pages shown).
/// </summary>
[Authorize(Policy = Permissions.ViewComplaints)]
public sealed class ComplaintsModel(GetComplaint complaints) : PageModel
{
    public IReadOnlyList<ComplaintSummary> Open { get; private set; } = [];
    public IReadOnlyList<ComplaintSummary> Decided { get; private set; } = [];

    /// <summary>The cursors of the pages after the ones shown, null on the last page.</summary>
    public string? NextOpen { get; private set; }
    public string? NextDecided { get; private set; }

    /// <summary>The cursors of the pages shown, kept in the other list's link.</summary>
    public string? OpenCursor { get; private set; }
    public string? DecidedCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? open, string? decided, CancellationToken ct)
    {
        var v = new Validation();
        var openAfter = ComplaintCursor.Parse(v, "open", open);
        var decidedAfter = ComplaintCursor.Parse(v, "decided", decided);
        if (!v.IsValid)
        {
            return v.PageProblem();
        }

        (OpenCursor, DecidedCursor) = (open, decided);

        var openPage = await complaints.ListAsync(ComplaintStatus.Open, openAfter, User, ct);
        var decidedPage = await complaints.ListAsync(ComplaintStatus.Decided, decidedAfter, User, ct);
        (Open, NextOpen) = (openPage.Items, openPage.Next);
        (Decided, NextDecided) = (decidedPage.Items, decidedPage.Next);
        return Page();
    }
}
