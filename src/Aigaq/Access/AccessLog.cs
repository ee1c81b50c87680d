using System.Security.Claims;
using Aigaq.Data;

namespace Aigaq.Access;

/// <summary>
/// Records sign-ins, denied requests and reads of protected data. Entries name the user and the
/// resource (a record id), never personal data.
/// </summary>
public sealed class AccessLog(AigaqDb db, TimeProvider clock, IHttpContextAccessor http)
{
    public void Add(ClaimsPrincipal? user, string action, string? resource, string outcome) =>
        db.Add(Entry(user?.UserId(), action, resource, outcome));

    /// <summary>An entry for a user known by id (a command-line run), saved with the caller's unit of work.</summary>
    public void Add(Guid userId, string action, string? resource, string outcome) => db.Add(Entry(userId, action, resource, outcome));

    public async Task WriteAsync(Guid? userId, string action, string? resource, string outcome, CancellationToken ct)
    {
        db.Add(Entry(userId, action, resource, outcome));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Keeps within the column: an endpoint's display name can be long.</summary>
    private static string? Clip(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;

    private AccessLogEntry Entry(Guid? userId, string action, string? resource, string outcome)
    {
        var now = clock.GetUtcNow();
        return new()
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            UserId = userId,
            Action = Clip(action, 80)!,
            Resource = Clip(resource, 200),
            Outcome = outcome,
            // The anonymous reporter's pages and API keep no address (ADR 0025).
            Address = http.HttpContext?.GetEndpoint()?.Metadata.GetMetadata<NoClientAddressAttribute>() is null
                ? http.HttpContext?.Connection.RemoteIpAddress?.ToString()
                : null,
        };
    }
}
