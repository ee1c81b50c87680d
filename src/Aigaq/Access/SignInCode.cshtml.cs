using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Access;

/// <summary>The second step of signing in: the authenticator (TOTP) code; wrong codes slow further attempts as passwords do.</summary>
[AllowAnonymous]
public sealed class SignInCodeModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle, AccessLog log, LocalClock clock,
    IStringLocalizer<SharedResource> t)
    : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public string? Error { get; private set; }

    /// <summary>Whether the recovery-code form is shown open (after a wrong recovery code).</summary>
    public bool RecoveryOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Access/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Access/SignIn");
        }

        // Codes are counted apart from passwords: the same account and address, under a key of their own.
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var account = "code:" + user.Id;
        if (throttle.Wait(address, account) is { } wait)
        {
            await log.WriteAsync(user.Id, "signin.secondFactor", null, "throttled", ct);
            Error = SignInModel.TooSoon(Response, t, wait);
            return Page();
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(address, account);
            await log.WriteAsync(user.Id, "signin.secondFactor", null, "succeeded", ct);
            return LocalRedirect(SignInModel.SafeReturn(ReturnUrl, Url));
        }

        if (result.IsLockedOut)
        {
            await log.WriteAsync(user.Id, "signin.secondFactor", null, "lockedOut", ct);
            Error = SignInModel.LockedMessage(t, clock, await users.GetLockoutEndDateAsync(user));
            return Page();
        }

        throttle.Failed(address, account);
        await log.WriteAsync(user.Id, "signin.secondFactor", null, "failed", ct);
        Error = t["The code is wrong or has expired."];
        return Page();
    }

    /// <summary>
    /// The second step with one of the account's recovery codes, for a lost phone (issue 14, item 10): each works once;
    /// wrong ones slow further attempts as codes do.
    /// </summary>
    public async Task<IActionResult> OnPostRecoveryAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Access/SignIn");
        }

        RecoveryOpen = true;
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var account = "code:" + user.Id;
        if (throttle.Wait(address, account) is { } wait)
        {
            await log.WriteAsync(user.Id, "signin.recoveryCode", null, "throttled", ct);
            Error = SignInModel.TooSoon(Response, t, wait);
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync((RecoveryCode ?? "").Trim());
        if (result.Succeeded)
        {
            throttle.Succeeded(address, account);
            await log.WriteAsync(user.Id, "signin.recoveryCode", null, "succeeded", ct);
            return LocalRedirect(SignInModel.SafeReturn(ReturnUrl, Url));
        }

        throttle.Failed(address, account);
        await log.WriteAsync(user.Id, "signin.recoveryCode", null, "failed", ct);
        Error = t["The recovery code is wrong or was used already."];
        return Page();
    }
}
