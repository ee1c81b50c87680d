using Aigaq.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Aigaq.Access;

/// <summary>
/// Identity's user store, keeping two-step recovery codes hashed (issue 14, item 10): Identity stores them as they are,
/// so whoever reads the tokens table could sign in with them. Each code is hashed as a password is (PBKDF2, salted); a
/// code is checked against each remaining hash and, once it matches, removed: it works once.
/// </summary>
public sealed class HashedRecoveryCodeStore(AigaqDb db, IPasswordHasher<AppUser> hasher, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, AigaqDb, Guid>(db, describer)
{
    // Identity's own names for the token that holds the codes (UserStoreBase keeps them private).
    private const string Provider = "[AspNetUserStore]";
    private const string Name = "RecoveryCodes";

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(code => hasher.HashPassword(user, Normalize(code))), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var hashes = (await GetTokenAsync(user, Provider, Name, cancellationToken) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var given = Normalize(code);
        foreach (var hash in hashes)
        {
            if (hasher.VerifyHashedPassword(user, hash, given) != PasswordVerificationResult.Failed)
            {
                await SetTokenAsync(user, Provider, Name, string.Join(";", hashes.Where(h => h != hash)), cancellationToken);
                return true;
            }
        }

        return false;
    }

    /// <summary>As people type a code back: spaces and dashes dropped, any case.</summary>
    private static string Normalize(string code) =>
        code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
}
