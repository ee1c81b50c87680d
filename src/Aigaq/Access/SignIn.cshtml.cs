using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Access;

/// <summary>
/// Password sign-in. Every outcome is written to the access log, by user id only. Failures slow further attempts
/// (<see cref="SignInThrottle"/>) and never lock the account; a known and an unknown e-mail get the same answer after
/// the same work (a password hash is checked either way).
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle, AccessLog log, LocalClock clock,
    IStringLocalizer<SharedResource> t)
    : PageModel
{
    /// <summary>A hash of no one's password, checked for an unknown e-mail so that it takes as long as a known one.</summary>
    private static string? _nobody;

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

        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var account = Email.Trim();
        var user = await users.FindByEmailAsync(account);
        if (throttle.Wait(address, account) is { } wait)
        {
            await log.WriteAsync(user?.Id, "signin.password", null, "throttled", ct);
            Error = TooSoon(Response, t, wait);
            return Page();
        }

        if (user is null)
        {
            _nobody ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), _nobody, Password);
            throttle.Failed(address, account);
            await log.WriteAsync(null, "signin.password", null, "unknownUser", ct);
            Error = t["The e-mail or password is wrong."];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(address, account);
        }

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

        throttle.Failed(address, account);
        await log.WriteAsync(user.Id, "signin.password", null, result.IsNotAllowed ? "notAllowed" : "failed", ct);
        Error = t["The e-mail or password is wrong."];
        return Page();
    }

    /// <summary>An attempt that must wait, not tried: 429 with <c>Retry-After</c>, and the message saying how long.</summary>
    internal static string TooSoon(HttpResponse response, IStringLocalizer t, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Plurals.Count(t, "signIn.retryIn", seconds);
    }

    internal static string LockedMessage(IStringLocalizer t, LocalClock clock, DateTimeOffset? until) =>
        until is { } end
            ? t["The account is locked after too many wrong attempts. Try again after {0}.", clock.Format(end)]
            : t["The account is locked."];

    internal static string SafeReturn(string? url, IUrlHelper helper) =>
        url is not null && helper.IsLocalUrl(url) && !url.StartsWith("/signout", StringComparison.OrdinalIgnoreCase) ? url : "/";
}
