using System.Security.Claims;
using System.Text;
using Aigaq.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aigaq.Access;

/// <summary>
/// Enrols an authenticator app (TOTP, Identity's authenticator token provider): shows the key and
/// the otpauth URI, checks one code, turns two-step sign-in on and renews the session with the
/// second-factor mark so that <see cref="SecondFactorGate"/> lets it through.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, AccessLog log, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public const string Issuer = "Aigaq";

    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string FormattedKey { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        if (Enabled)
        {
            return Page();
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await log.WriteAsync(user.Id, "secondFactor.enrol", null, "failed", ct);
            Error = t["The code is wrong or has expired."];
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SecondFactorGate.AmrClaim, SecondFactorGate.MfaValue)]);
        await log.WriteAsync(user.Id, "secondFactor.enrol", null, "succeeded", ct);
        return LocalRedirect("/");
    }

    private async Task<AppUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }

        Required = SecondFactorGate.RequiresSecondFactor(User);
        Enabled = user.TwoFactorEnabled && User.HasClaim(SecondFactorGate.AmrClaim, SecondFactorGate.MfaValue);
        if (Enabled)
        {
            return user;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        FormattedKey = Format(key);
        Uri = OtpAuthUri(user.Email ?? user.UserName ?? user.Id.ToString(), key);
        return user;
    }

    public static string OtpAuthUri(string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(account)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>Groups of four, lower case, as authenticator apps show and accept it.</summary>
    public static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
