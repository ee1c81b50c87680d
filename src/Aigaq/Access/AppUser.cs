using Microsoft.AspNetCore.Identity;

namespace Aigaq.Access;

public sealed class AppUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }

    /// <summary>ISO 3166-2:KZ code of the region the user acts in, if scoped by region.</summary>
    public string? Region { get; set; }

    /// <summary>The facility the user acts in, if scoped by facility.</summary>
    public Guid? FacilityId { get; set; }

    /// <summary>Preferred language for the interface and for messages: kk, ru or en.</summary>
    public string? Language { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// A deactivated account cannot sign in and its tokens stop working; it is kept, with everything it recorded, and
    /// can be activated again. Set only by <see cref="UserAccounts.ChangeAsync"/>, which logs each change.
    /// </summary>
    public bool Deactivated { get; set; }
}

/// <summary>
/// One change of an account's role, scope or activity by an administrator, with the reason: append-only, each one a
/// log entry. The account's state before and after is kept, so the account's state at any moment is known.
/// </summary>
public sealed class AccountChange
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }

    /// <summary>1 for the account's first change, 2 for the next...: the order of its changes, unique per account.</summary>
    public int Number { get; init; }

    public DateTimeOffset At { get; init; }
    public Guid By { get; init; }
    public required string Reason { get; init; }
    public required string FromRole { get; init; }
    public required string ToRole { get; init; }
    public string? FromRegion { get; init; }
    public string? ToRegion { get; init; }
    public Guid? FromFacilityId { get; init; }
    public Guid? ToFacilityId { get; init; }
    public bool FromDeactivated { get; init; }
    public bool ToDeactivated { get; init; }

    /// <summary>
    /// The second administrator who approved a change that gives a role of power (<see cref="RoleGrant"/>); null for a
    /// change one administrator may make alone.
    /// </summary>
    public Guid? ApprovedBy { get; init; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
    }
}

/// <summary>A bearer token for a device or script. Only its SHA-256 is stored; revoking is final.</summary>
public sealed class ApiToken
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One line of the access log: sign-ins, denied requests and every read of protected data.
/// It names the user and the resource, never the personal data itself.
/// </summary>
public sealed class AccessLogEntry
{
    public Guid Id { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid? UserId { get; init; }
    public required string Action { get; init; }
    public string? Resource { get; init; }
    public required string Outcome { get; init; }
    public string? Address { get; init; }
}
