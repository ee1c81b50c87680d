using Aigaq.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Web;

/// <summary>
/// The home page: for a visitor, what Aigaq is and the public pages; for a signed-in user, a step to the start page of
/// their role (<see cref="StartPages"/>), so that signing in without a return address, or following the name in the
/// header, leads to one's work. A role without a start page sees the home page and its menu.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        SecondFactorGate.NeedsSecondFactor(User) ? LocalRedirect(SecondFactorGate.EnrolPath)
        : StartPages.For(User) is { } start ? LocalRedirect(start + Request.QueryString) : Page();
}
