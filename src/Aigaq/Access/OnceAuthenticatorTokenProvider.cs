using System.Globalization;
using Aigaq.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Aigaq.Access;

/// <summary>
/// The authenticator (TOTP, RFC 6238: 30-second steps, six digits, two steps either side for a phone's clock) with the
/// rule Identity's own provider lacks: a code is accepted once. The step of the last code accepted is kept as a token of
/// the account, which the log follows like the account's key; a code of that step or an earlier one is refused, so a code
/// read over a shoulder or out of a proxy's log does not sign in a second time. The app's clock decides the step.
/// </summary>
internal sealed class OnceAuthenticatorTokenProvider(TimeProvider clock, AigaqDb db) : AuthenticatorTokenProvider<AppUser>
{
    /// <summary>The token's name, beside Identity's <c>AuthenticatorKey</c> under its store's provider name.</summary>
    public const string LastStepName = "AuthenticatorLastStep";

    public const string StoreProvider = "[AspNetUserStore]";

    private const int Digits = 6;

    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token is not { Length: Digits } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key), totpSize: Digits);
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, StoreProvider, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }

        // Saved with the account's concurrency stamp: of two requests with one code, the second to save fails (on the stamp,
        // or on the token's row that the first inserted). Nothing of a refused attempt stays tracked for what the request
        // saves next (Identity's failure count, the access log).
        IdentityResult saved;
        try
        {
            saved = await manager.SetAuthenticationTokenAsync(user, StoreProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        }
        catch (DbUpdateException)
        {
            saved = IdentityResult.Failed();
        }

        if (!saved.Succeeded)
        {
            db.ChangeTracker.Clear();
        }

        return saved.Succeeded;
    }
}
