using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary><c>POST /api/v1/examinations/{id}/shares/{shareId}/revoke</c>: why the share ends now.</summary>
public sealed record RevokeExaminationShareRequest(string? Reason);

public sealed record ExaminationShareRevoked(Guid Id, Guid ShareId, DateTimeOffset RevokedAt);

/// <summary>
/// Ends a share before its time (issue 16, item 9): by its examiner, with a reason; or at once, without anyone asking,
/// when the person withdraws the consent it stood on (<see cref="ForWithdrawalAsync"/>). The share's next opening is
/// the neutral 404. A revocation is a row of its own, in the log; the share row does not change.
/// </summary>
public sealed class RevokeExaminationShare(AigaqDb db, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ExaminationShareRevoked>> HandleAsync(
        Guid id, Guid shareId, RevokeExaminationShareRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "shares", ct, amend: true);
        if (open is null)
        {
            return problem;
        }

        var share = await db.Set<ExaminationShare>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == shareId && s.ExaminationId == id, ct);
        if (share is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The share"));
        }

        var v = new Validation();
        var reason = v.Required("reason", request.Reason, 2000);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await db.Set<ExaminationShareRevocation>().AnyAsync(r => r.ShareId == shareId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The share is already revoked.", "shareId"));
        }

        var now = clock.GetUtcNow();
        var revocation = Add(db, share, reason, ExaminationShareRevocation.ByExaminer, null, now, user.RequiredUserId());
        log.Add(user, "examination.share.revoke", id.ToString(), "allowed");
        return Outcome<ExaminationShareRevoked>.Created(
            () => new ExaminationShareRevoked(revocation.Id, shareId, now), $"/api/v1/examinations/{id}/shares");
    }

    /// <summary>
    /// Revokes, in the consent's transaction, every live share (neither revoked nor expired) that stood on one of the
    /// <paramref name="withdrawn"/> items (M2): the withdrawal takes effect at the next opening, not at the expiry.
    /// </summary>
    public static async Task<int> ForWithdrawalAsync(AigaqDb db, ExaminationConsent consent, IReadOnlyCollection<string> withdrawn, CancellationToken ct)
    {
        var now = consent.RecordedAt;
        var revoked = db.Set<ExaminationShareRevocation>().Select(r => r.ShareId);
        var live = await db.Set<ExaminationShare>().AsNoTracking()
            .Where(s => s.ExaminationId == consent.ExaminationId && withdrawn.Contains(s.ConsentItem) && s.ExpiresAt > now && !revoked.Contains(s.Id))
            .ToListAsync(ct);
        foreach (var share in live)
        {
            Add(db, share, "consent withdrawn: " + share.ConsentItem, ExaminationShareRevocation.ByWithdrawal, consent.Id, now, consent.RecordedBy);
        }

        return live.Count;
    }

    private static ExaminationShareRevocation Add(
        AigaqDb db, ExaminationShare share, string reason, string cause, Guid? consentId, DateTimeOffset now, Guid by)
    {
        var revocation = new ExaminationShareRevocation
        {
            Id = Guid.CreateVersion7(now),
            ShareId = share.Id,
            ExaminationId = share.ExaminationId,
            Reason = reason,
            Cause = cause,
            ConsentId = consentId,
            RecordedAt = now,
            RecordedBy = by,
        };
        db.Add(revocation);
        LedgerWriter.Append(db, ExaminationShareLedger.Revoked, revocation.Id, now, ExaminationShareLedger.Content(revocation));
        return revocation;
    }
}
