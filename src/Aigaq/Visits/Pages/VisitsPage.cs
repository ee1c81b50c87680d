using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Web;

namespace Aigaq.Visits;

/// <summary>What the visit pages share: a handler's answer as a page needs it, and what the visits' scripts are told.</summary>
internal static class VisitsPage
{
    /// <summary>The value a handler answered, or null when it answered a problem (404, 400, 403).</summary>
    public static T? Value<T>(TypedAnswer answer)
        where T : class => answer.Result is IValueHttpResult<T> ok ? ok.Value : null;

    /// <summary>
    /// The status of a visit, from its facts: planned, approved (its team approved by a second monitor), inProgress (the
    /// team arrived), done (the team left). GetVisit answers the same words.
    /// </summary>
    public static string Status(bool approved, DateTimeOffset? arrivedAt, bool departed) =>
        departed ? "done" : arrivedAt is not null ? "inProgress" : approved ? "approved" : "planned";

    /// <summary>
    /// The local zone's offset from UTC now, as "+05:00": the forms' local times are sent to the API as instants in the
    /// rule pack's zone, not in the device's own (a phone set to another zone still records Almaty's time).
    /// </summary>
    public static string Offset(LocalClock clock)
    {
        var offset = clock.Zone.GetUtcOffset(clock.Now);
        return (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The signed-in user's id, which keys what waits on the device: another account on the same phone sees none of it.</summary>
    public static string Owner(ClaimsPrincipal user) => user.RequiredUserId().ToString("N");
}
