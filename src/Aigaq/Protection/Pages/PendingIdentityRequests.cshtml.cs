using Aigaq.Access;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Protection;

/// <summary>/protection/requests: the identity requests waiting for a custodian of the user's region, oldest first.</summary>
[Authorize(Policy = Permissions.HoldIdentities)]
public sealed class PendingIdentityRequestsModel(ListPendingIdentityRequests list) : PageModel
{
    public Page<PendingIdentityRequest> Requests { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct) => Requests = await list.PendingAsync(User, ct);
}
