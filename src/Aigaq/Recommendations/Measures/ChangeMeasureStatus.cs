using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Recommendations;

/// <summary><c>POST /api/v1/recommendations/{id}/measures/{measureId}/status</c>.</summary>
public sealed record ChangeMeasureStatusRequest(MeasureStatus? Status, string? Note, DateTimeOffset? At);

public sealed record MeasureStatusChanged(Guid Id, Guid MeasureId, MeasureStatus Status, MeasureStatus Previous);

/// <summary>
/// A measure's new status, as a new row saying who, when (<c>at</c>, not before its latest status nor in the future)
/// and why (<c>note</c>). The same status again is a conflict naming <c>status</c>: nothing changed, nothing is written.
/// </summary>
public sealed class ChangeMeasureStatus(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<MeasureStatusChanged>> HandleAsync(Guid id, Guid measureId, ChangeMeasureStatusRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var measure = await db.Set<RecommendationMeasure>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == measureId && m.RecommendationId == id, ct);
        if (measure is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The measure"));
        }

        var latest = (await db.Set<MeasureStatusChange>().AsNoTracking().Where(s => s.MeasureId == measureId).ToListAsync(ct))
            .OrderBy(s => s.At).ThenBy(s => s.RecordedAt).ThenBy(s => s.Id).Last();
        var v = new Validation();
        var status = v.Required("status", request.Status);
        var note = v.Optional("note", request.Note, AddMeasure.MaxNote);
        var at = v.Required("at", request.At);
        if (request.At is not null)
        {
            v.Moment("at", at, now, rules.At(now), latest.At, "the measure's latest status");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (status == latest.Status)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem($"The measure is already {Json.Name(status)}.", "status"));
        }

        var change = new MeasureStatusChange
        {
            Id = Guid.CreateVersion7(now),
            MeasureId = measureId,
            Status = status,
            Note = note,
            At = at,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(change);
        LedgerWriter.Append(db, MeasureLedger.StatusChanged, change.Id, now, MeasureLedger.Content(change));
        log.Add(user, "recommendation.measure.status", measureId.ToString(), "allowed");
        return Outcome<MeasureStatusChanged>.Created(
            () => new MeasureStatusChanged(change.Id, measureId, status, latest.Status), $"/api/v1/recommendations/{id}");
    }
}
