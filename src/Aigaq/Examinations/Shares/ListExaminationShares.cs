using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

public sealed record ShareOpeningView(DateTimeOffset At, string What, string Language);

public sealed record ShareRevocationView(DateTimeOffset At, string Reason, string Cause);

/// <summary>A share as its examiner sees it: <c>status</c> live, expired or revoked, and every opening, oldest first.</summary>
public sealed record ShareView(
    Guid Id, string RecipientName, string RecipientRole, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, string Status,
    ShareRevocationView? Revocation, IReadOnlyList<ShareOpeningView> Openings);

public sealed record ShareList(IReadOnlyList<ShareView> Items);

/// <summary>
/// <c>GET /api/v1/examinations/{id}/shares</c>: the examination's shares and who opened them when, for its examiner only
/// (404 for an examination the user may not read, 403 for anyone else who may). The read is an access log entry.
/// </summary>
public sealed class ListExaminationShares(AigaqDb db, AccessLog log, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var examiners = db.Set<ExaminationExaminer>();
        if (!await Examination.Readable(db.Set<Examination>().AsNoTracking(), examiners, user).AnyAsync(x => x.Id == id, ct))
        {
            return ProblemTypes.NotFoundProblem("The examination");
        }

        var userId = user.UserId();
        if (!await examiners.AnyAsync(x => x.ExaminationId == id && x.RecorderId == userId, ct))
        {
            return Results.Problem(type: ProblemTypes.Forbidden, statusCode: StatusCodes.Status403Forbidden, title: "Only the examination's examiner sees its shares.");
        }

        var shares = await db.Set<ExaminationShare>().AsNoTracking().Where(s => s.ExaminationId == id).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        var ids = shares.Select(s => s.Id).ToList();
        var revocations = (await db.Set<ExaminationShareRevocation>().AsNoTracking().Where(r => r.ExaminationId == id).ToListAsync(ct))
            .GroupBy(r => r.ShareId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RecordedAt).First());
        var openings = (await db.Set<ExaminationShareOpening>().AsNoTracking().Where(o => ids.Contains(o.ShareId)).ToListAsync(ct))
            .ToLookup(o => o.ShareId);
        var now = clock.GetUtcNow();
        log.Add(user, "examination.shares.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ShareList([.. shares.Select(s =>
        {
            var revoked = revocations.GetValueOrDefault(s.Id);
            return new ShareView(
                s.Id, s.RecipientName, s.RecipientRole, s.ExpiresAt, s.CreatedAt,
                revoked is not null ? "revoked" : s.ExpiresAt <= now ? "expired" : "live",
                revoked is null ? null : new ShareRevocationView(revoked.RecordedAt, revoked.Reason, revoked.Cause),
                [.. openings[s.Id].OrderBy(o => o.At).ThenBy(o => o.Id).Select(o => new ShareOpeningView(o.At, o.What, o.Language))]);
        })]));
    }
}
