using System.Security.Cryptography;
using System.Text;
using Aigaq.TransparencyLog;
using Microsoft.AspNetCore.Identity;

namespace Aigaq.Access;

/// <summary>
/// The states of access that the log follows: an account's credentials and second factor, its authenticator keys and
/// recovery codes, its bearer tokens, and the access log itself. Secrets enter only as salted commitments, as every
/// content does: the public log shows none of them.
/// </summary>
public static class AccessLedger
{
    /// <summary>
    /// What an account is and how it signs in. Left out, as operational: the failed-attempt count and lockout end (a
    /// failed sign-in is no change of state; lockout is bounded by the rule of the sign-in page) and the concurrency
    /// stamp. Role, scope and activity are also here, beside the account changes that set them.
    /// </summary>
    public static readonly LoggedState<AppUser> UserState = new("user.state", "account", u => u.Id, (w, u) => w.StartObject()
        .Member("deactivated", u.Deactivated)
        .Member("displayName", u.DisplayName)
        .Member("email", u.Email)
        .Member("emailConfirmed", u.EmailConfirmed)
        .Member("facilityId", u.FacilityId?.ToString())
        .Member("id", u.Id.ToString())
        .Member("language", u.Language)
        .Member("lockoutEnabled", u.LockoutEnabled)
        .Member("passwordHash", u.PasswordHash)
        .Member("phoneNumber", u.PhoneNumber)
        .Member("region", u.Region)
        .Member("securityStamp", u.SecurityStamp)
        .Member("twoFactorEnabled", u.TwoFactorEnabled)
        .Member("userName", u.UserName)
        .EndObject(),
        AuditedByArea: true);

    /// <summary>An account's authenticator key and recovery codes, kept by Identity as named tokens.</summary>
    public static readonly LoggedState<IdentityUserToken<Guid>> SecondFactorState = new(
        "user.token.state", "second-factor token", TokenId, (w, t) => w.StartObject()
            .Member("loginProvider", t.LoginProvider)
            .Member("name", t.Name)
            .Member("userId", t.UserId.ToString())
            .Member("value", t.Value)
            .EndObject());

    /// <summary>A bearer token: its hash, owner, lifetime and revocation.</summary>
    public static readonly LoggedState<ApiToken> TokenState = new("token.state", "bearer token", t => t.Id, (w, t) => w.StartObject()
        .Member("createdAt", LedgerWriter.Instant(t.CreatedAt))
        .Member("expiresAt", LedgerWriter.Instant(t.ExpiresAt))
        .Member("hash", t.Hash)
        .Member("id", t.Id.ToString())
        .Member("revokedAt", t.RevokedAt is { } at ? LedgerWriter.Instant(at) : null)
        .Member("userId", t.UserId.ToString())
        .EndObject());

    /// <summary>A line of the access log, which is only ever added: so that wiping or editing it is named.</summary>
    public static readonly LoggedState<AccessLogEntry> AccessLogState = new("access.logged", "access log entry", e => e.Id, (w, e) => w.StartObject()
        .Member("action", e.Action)
        .Member("address", e.Address)
        .Member("at", LedgerWriter.Instant(e.At))
        .Member("id", e.Id.ToString())
        .Member("outcome", e.Outcome)
        .Member("resource", e.Resource)
        .Member("userId", e.UserId?.ToString())
        .EndObject());

    /// <summary>Identity keys its tokens by user, provider and name: the log's record id is a hash of the three.</summary>
    public static Guid TokenId(IdentityUserToken<Guid> t)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{t.UserId:N}\n{t.LoginProvider}\n{t.Name}"), hash);
        return new Guid(hash[..16]);
    }
}
