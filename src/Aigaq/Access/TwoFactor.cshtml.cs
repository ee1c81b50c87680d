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

    /// <summary>The otpauth URI as a QR code, a PNG data URI (the content security policy allows data: images).</summary>
    public string QrCode { get; private set; } = "";

    public string? Error { get; private set; }

    /// <summary>Codes just made, shown this once: only their hashes are kept (<see cref="HashedRecoveryCodeStore"/>).</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Recovery codes the account has left.</summary>
    public int RecoveryCodesLeft { get; private set; }

    public const int RecoveryCodeCount = 10;

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

        // Recovery codes for the day the phone is lost, shown this once.
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        RecoveryCodesLeft = RecoveryCodes.Count;
        Enabled = true;
        return Page();
    }

    /// <summary>New recovery codes for an account with two-step sign-in on: the old ones stop working.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        if (!Enabled)
        {
            return Page();
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        RecoveryCodesLeft = RecoveryCodes.Count;
        await log.WriteAsync(user.Id, "secondFactor.recoveryCodes", null, "succeeded", ct);
        return Page();
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
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
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
        QrCode = Qr(Uri);
        return user;
    }

    /// <summary>A QR code of <paramref name="text"/> as a PNG data URI.</summary>
    public static string Qr(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(5));
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
