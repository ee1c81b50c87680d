using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Notifications;

public sealed record ResendNotificationRequest(string? Reason);

public enum ResendFailure
{
    None,
    NotFound,
    ReasonInvalid,
    AlreadySent,
    Changed,
}

public sealed record ResendResult(ResentNotificationView? Notification, ResendFailure Failure, IResult? Problem)
{
    public IResult ToResult() => Problem ?? Results.Ok(Notification);
}

/// <summary>What an operator sees of a notification they resent: never its text or address.</summary>
public sealed record ResentNotificationView(Guid Id, string Status, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset ResentAt);

/// <summary>
/// An operator (the supervisory prosecutor of the notification's region) sends a notification again: one that failed,
/// or that waits at the slow pace. It is due at once, and its slow retries run anew from now; who, when and why are
/// kept on it, and so in the log's entry of its state. A notification already sent is not sent twice.
/// </summary>
public sealed class ResendNotification(AigaqDb db, TimeProvider clock)
{
    public const int MaxReason = 500;

    public async Task<ResendResult> HandleAsync(Guid id, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        var region = user.RegionScope();
        var notification = region is null ? null : await db.Set<Notification>().FirstOrDefaultAsync(n => n.Id == id && n.Region == region, ct);
        if (notification is null)
        {
            return new(null, ResendFailure.NotFound, ProblemTypes.NotFoundProblem("The notification"));
        }

        var v = new Validation();
        var why = v.Required("reason", reason, MaxReason);
        if (!v.IsValid)
        {
            return new(null, ResendFailure.ReasonInvalid, v.Problem());
        }

        if (notification.Status == NotificationStatus.Sent)
        {
            return new(null, ResendFailure.AlreadySent, ProblemTypes.ConflictProblem("The notification was already sent."));
        }

        var now = clock.GetUtcNow();
        notification.Status = NotificationStatus.Pending;
        notification.NextAttemptAt = now;
        notification.ResentAt = now;
        notification.ResentBy = user.RequiredUserId();
        notification.ResendReason = why;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An attempt was recorded meanwhile (perhaps the one that sent it): the operator looks again.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new(null, ResendFailure.Changed, ProblemTypes.ConflictProblem("The notification changed meanwhile; look at it again."));
        }

        return new(new ResentNotificationView(notification.Id, notification.Status.ToString(), notification.Attempts, notification.NextAttemptAt, now),
            ResendFailure.None, null);
    }
}
