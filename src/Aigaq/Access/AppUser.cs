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
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid? UserId { get; init; }
    public required string Action { get; init; }
    public string? Resource { get; init; }
    public required string Outcome { get; init; }
    public string? Address { get; init; }
}
