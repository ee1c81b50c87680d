using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aigaq.Access;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn, AccessLog log) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        await signIn.SignOutAsync();
        if (userId is not null)
        {
            await log.WriteAsync(userId, "signout", null, "succeeded", ct);
        }

        return LocalRedirect("/signin");
    }
}
