using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Access;

/// <summary>Password sign-in. Every outcome is written to the access log, by user id only.</summary>
[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, AccessLog log, LocalClock clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = t["Enter your e-mail and password."];
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is null)
        {
            await log.WriteAsync(null, "signin.password", null, "unknownUser", ct);
            Error = t["The e-mail or password is wrong."];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await log.WriteAsync(user.Id, "signin.password", null, "succeeded", ct);
            return LocalRedirect(SafeReturn(ReturnUrl, Url));
        }

        if (result.RequiresTwoFactor)
        {
            await log.WriteAsync(user.Id, "signin.password", null, "secondFactorRequired", ct);
            return RedirectToPage("/Access/SignInCode", new { returnUrl = ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            await log.WriteAsync(user.Id, "signin.password", null, "lockedOut", ct);
            Error = LockedMessage(t, clock, await users.GetLockoutEndDateAsync(user));
            return Page();
        }

        await log.WriteAsync(user.Id, "signin.password", null, result.IsNotAllowed ? "notAllowed" : "failed", ct);
        var left = users.Options.Lockout.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(user);
        Error = t["The e-mail or password is wrong."];
        if (left is > 0 and <= 2)
        {
            Error += " " + t["Attempts left before the account is locked: {0}.", left];
        }

        return Page();
    }

    internal static string LockedMessage(IStringLocalizer t, LocalClock clock, DateTimeOffset? until) =>
        until is { } end
            ? t["The account is locked after too many wrong attempts. Try again after {0}.", clock.Format(end)]
            : t["The account is locked."];

    internal static string SafeReturn(string? url, IUrlHelper helper) =>
        url is not null && helper.IsLocalUrl(url) && !url.StartsWith("/signout", StringComparison.OrdinalIgnoreCase) ? url : "/";
}
