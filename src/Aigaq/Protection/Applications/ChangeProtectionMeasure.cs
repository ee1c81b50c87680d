using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// <c>POST /api/v1/protection-measures/{id}/changes</c>: <c>extended</c> (a new <see cref="EndsAt"/>, later than the
/// current), <c>reviewed</c> (optionally the next <see cref="ReviewBy"/>) or <c>ended</c>; <see cref="At"/> defaults to now.
/// </summary>
public sealed record ChangeProtectionMeasureRequest(MeasureChangeKind? Kind, DateTimeOffset? At, DateTimeOffset? EndsAt, DateTimeOffset? ReviewBy, string? Reason);

/// <summary>
/// A change of a measure in force, appended with its reason: the measure row is never touched, and its current term and
/// next review are those of its latest change. An ended measure takes no change (409).
/// </summary>
public sealed class ChangeProtectionMeasure(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ProtectionMeasureView>> HandleAsync(Guid measureId, ChangeProtectionMeasureRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var persons = GetProtectedPerson.Visible(db.Set<ProtectedPerson>(), user).Select(p => p.Id);
        var measure = await db.Set<ProtectionMeasure>().AsNoTracking().Where(m => persons.Contains(m.PersonId)).FirstOrDefaultAsync(m => m.Id == measureId, ct);
        if (measure is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protection measure"));
        }

        var changes = ProtectionApplications.Ordered(await db.Set<ProtectionMeasureChange>().AsNoTracking().Where(c => c.MeasureId == measureId).ToListAsync(ct));
        var (endsAt, reviewBy, ended) = ProtectionApplications.Current(measure, changes);
        if (ended)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The measure has ended; a new application brings a measure in force again."));
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var kind = v.Required("kind", request.Kind);
        var reason = v.Required("reason", request.Reason, 4000);
        var at = request.At ?? now;
        v.Moment("at", at, now, rules.At(at), measure.StartsAt, "the measure started");
        if (!v.Has("kind"))
        {
            switch (kind)
            {
                case MeasureChangeKind.Extended when request.EndsAt is null:
                    v.Add("endsAt", "is required to extend a measure");
                    break;
                case MeasureChangeKind.Extended when request.EndsAt <= at || (endsAt is { } current && request.EndsAt <= current):
                    v.Add("endsAt", "must be later than the change and than the current end");
                    break;
                case MeasureChangeKind.Ended when request.EndsAt is not null:
                    v.Add("endsAt", "is the change's moment when a measure ends; leave it out");
                    break;
            }

            if (request.ReviewBy is { } review && review <= at)
            {
                v.Add("reviewBy", "must be after the change");
            }
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var change = new ProtectionMeasureChange
        {
            Id = Guid.CreateVersion7(now),
            MeasureId = measureId,
            Number = changes.Count + 1,
            Kind = kind,
            At = at,
            EndsAt = kind switch
            {
                MeasureChangeKind.Ended => at,
                MeasureChangeKind.Extended => request.EndsAt,
                _ => endsAt,
            },
            ReviewBy = kind == MeasureChangeKind.Ended ? null : request.ReviewBy ?? (kind == MeasureChangeKind.Reviewed ? null : reviewBy),
            Reason = reason,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(change);
        LedgerWriter.Append(db, ProtectionLedger.MeasureChanged, change.Id, now, ProtectionLedger.Content(change));
        log.Add(user, "protection.measure.change", change.Id.ToString(), "allowed");
        var view = ProtectionApplications.Measure(measure, [.. changes, change]);
        return Outcome<ProtectionMeasureView>.Created(() => view, $"/api/v1/protection-applications/{measure.ApplicationId}");
    }
}
