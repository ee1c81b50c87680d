using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Alerts;

public enum AcknowledgeFailure
{
    None,
    NotFound,
    CommentInvalid,
    AlreadyAcknowledged,
}

public sealed record AcknowledgeResult(AlertView? Alert, AcknowledgeFailure Failure, IResult? Problem)
{
    public IResult ToResult() => Problem ?? Results.Ok(Alert);
}

/// <summary>
/// Acknowledges an alert of the user's region with a comment: a one-way transition that keeps who,
/// when and why. Used by the API and by the prosecutor's dashboard.
/// </summary>
public sealed class AcknowledgeAlert(AigaqDb db, Rules.RulePackCatalog rules, TimeProvider clock)
{
    /// <summary>Alerts of the user's region; an alert's own region is that of its record.</summary>
    public static IQueryable<Alert> Visible(AigaqDb db, ClaimsPrincipal user)
    {
        var region = user.RegionScope();
        return region is null ? db.Set<Alert>().Where(_ => false) : db.Set<Alert>().Where(a => a.Region == region);
    }

    public async Task<AcknowledgeResult> HandleAsync(Guid id, string? comment, ClaimsPrincipal user, CancellationToken ct)
    {
        var alert = await Visible(db, user).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null)
        {
            return new(null, AcknowledgeFailure.NotFound, ProblemTypes.NotFoundProblem("The alert"));
        }

        var v = new Validation();
        var text = v.Required("comment", comment, 2000);
        if (!v.IsValid)
        {
            return new(null, AcknowledgeFailure.CommentInvalid, v.Problem());
        }

        if (alert.Status == AlertStatus.Acknowledged)
        {
            return Conflict();
        }

        var now = clock.GetUtcNow();
        alert.Status = AlertStatus.Acknowledged;
        alert.AcknowledgedAt = now;
        alert.AcknowledgedBy = user.RequiredUserId();
        alert.Comment = text;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Conflict();
        }

        return new(AlertView.From(alert).Weighed(rules.At(clock.GetUtcNow()).Alerts), AcknowledgeFailure.None, null);
    }

    private static AcknowledgeResult Conflict() =>
        new(null, AcknowledgeFailure.AlreadyAcknowledged, ProblemTypes.ConflictProblem("The alert was already acknowledged."));
}
