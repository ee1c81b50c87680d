using Aigaq.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Review;

/// <summary>The complaints a user may read: for the reviewer, the inbox of complaints to decide, oldest first.</summary>
[Authorize(Policy = Permissions.ViewComplaints)]
public sealed class ComplaintsModel(GetComplaint complaints) : PageModel
{
    public IReadOnlyList<ComplaintSummary> Open { get; private set; } = [];
    public IReadOnlyList<ComplaintSummary> Decided { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await complaints.ListAsync(null, User, ct);
        Open = [.. all.Where(c => c.Status == ComplaintStatus.Open)];
        Decided = [.. all.Where(c => c.Status == ComplaintStatus.Decided)];
    }
}
