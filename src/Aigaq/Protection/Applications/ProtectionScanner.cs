using Aigaq.Alerts;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary>
/// Recognises protected persons in new detentions and transfers (<see cref="MatchDetentions"/>), and raises the protection
/// clocks' alerts, as the custody and case scanners do theirs (issue 15, item 7): an application
/// undecided at its <c>decisionDueBy</c> (<see cref="AlertCodes.ProtectionDecisionOverdue"/>), a follow-up contact whose
/// <c>nextContactBy</c> passed with no later contact (<see cref="AlertCodes.FollowUpContactDue"/>), and a measure in force
/// whose review date passed without a review (<see cref="AlertCodes.ProtectionMeasureReviewDue"/>). The alerts are discreet:
/// their detail is the pseudonym and what is due, never a name. Every key ends with the person's id, so that the person's
/// page finds them. Stateless, and safe on every node: the alert's unique key makes a second raise a no-op.
/// </summary>
internal sealed class ProtectionScanner(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, Observability.AigaqMetrics metrics, ILogger<ProtectionScanner> logger)
    : Observability.PeriodicScanner("protection", Detentions.ClockScanner.Interval, clock, options, metrics, logger)
{
    private const int Batch = 500;

    protected override Task<int> PassAsync(DateTimeOffset now, CancellationToken ct) => ScanAsync(scopes, now, ct);

    public static async Task<int> ScanAsync(IServiceScopeFactory scopes, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var complainants = scope.ServiceProvider.GetRequiredService<ProtectCustodyComplainants>();
        var matched = scope.ServiceProvider.GetRequiredService<ProtectionKeys>().Index is { } index
            ? await MatchDetentions.ScanAsync(db, index, now, ct, events => complainants.ProtectAsync(events, now, ct))
            : 0;
        var zone = scope.ServiceProvider.GetRequiredService<Rules.RulePackCatalog>().At(now).Zone;
        return matched + await DecisionsAsync(db, now, ct) + await ContactsAsync(db, now, zone, ct) + await ReviewsAsync(db, now, ct);
    }

    public static string KeySuffix(Guid personId) => MatchDetentions.KeySuffix(personId);

    private static async Task<int> DecisionsAsync(AigaqDb db, DateTimeOffset now, CancellationToken ct)
    {
        var late = await db.Set<ProtectionApplication>().AsNoTracking()
            .Where(a => a.DecisionDueBy <= now && !db.Set<ProtectionDecision>().Any(d => d.ApplicationId == a.Id && d.Round == 0))
            .Join(db.Set<ProtectedPerson>(), a => a.PersonId, p => p.Id, (a, p) => new { a.Id, a.PersonId, a.Region, a.DecisionDueBy, a.DecidingBodyKind, p.Pseudonym })
            .ToListAsync(ct);
        return await RaiseAsync(db, now, late.Select(a => (a.Region, new AlertDue(
            AlertCodes.ProtectionDecisionOverdue, $"{AlertCodes.ProtectionDecisionOverdue}:{a.Id}{KeySuffix(a.PersonId)}", a.DecisionDueBy,
            $"{a.Pseudonym} · {a.DecidingBodyKind}"))), ct);
    }

    /// <summary>A contact due: its detail gives the day it was due, as people in the pack's zone (Almaty) count days.</summary>
    private static async Task<int> ContactsAsync(AigaqDb db, DateTimeOffset now, TimeZoneInfo zone, CancellationToken ct)
    {
        var due = await db.Set<FollowUpContact>().AsNoTracking()
            .Where(c => c.NextContactBy != null && c.NextContactBy <= now
                && !db.Set<FollowUpContact>().Any(later => later.PersonId == c.PersonId && later.At > c.At))
            .Join(db.Set<ProtectedPerson>(), c => c.PersonId, p => p.Id, (c, p) => new { c.Id, c.PersonId, c.Region, c.NextContactBy, p.Pseudonym })
            .ToListAsync(ct);
        return await RaiseAsync(db, now, due.Select(c => (c.Region, new AlertDue(
            AlertCodes.FollowUpContactDue, $"{AlertCodes.FollowUpContactDue}:{c.Id}{KeySuffix(c.PersonId)}", c.NextContactBy,
            $"{c.Pseudonym} · {TimeZoneInfo.ConvertTime(c.NextContactBy!.Value, zone):yyyy-MM-dd}"))), ct);
    }

    private static async Task<int> ReviewsAsync(AigaqDb db, DateTimeOffset now, CancellationToken ct)
    {
        var measures = await db.Set<ProtectionMeasure>().AsNoTracking()
            .Where(m => (m.ReviewBy != null && m.ReviewBy <= now)
                || db.Set<ProtectionMeasureChange>().Any(c => c.MeasureId == m.Id && c.ReviewBy != null && c.ReviewBy <= now))
            .Join(db.Set<ProtectedPerson>(), m => m.PersonId, p => p.Id, (m, p) => new { Measure = m, p.Pseudonym })
            .ToListAsync(ct);
        var ids = measures.Select(m => m.Measure.Id).ToList();
        var changes = (await db.Set<ProtectionMeasureChange>().AsNoTracking().Where(c => ids.Contains(c.MeasureId)).ToListAsync(ct)).ToLookup(c => c.MeasureId);
        var due = new List<(string, AlertDue)>();
        foreach (var (m, pseudonym) in measures.Select(x => (x.Measure, x.Pseudonym)))
        {
            var (endsAt, reviewBy, ended) = ProtectionApplications.Current(m, ProtectionApplications.Ordered(changes[m.Id]));
            // A measure whose term runs out before its review date needs no review.
            if (!ended && reviewBy is { } review && review <= now && (endsAt is null || endsAt > review))
            {
                due.Add((m.Region, new AlertDue(
                    AlertCodes.ProtectionMeasureReviewDue, $"{AlertCodes.ProtectionMeasureReviewDue}:{m.Id}:{review.UtcTicks}{KeySuffix(m.PersonId)}", review,
                    $"{pseudonym} · {m.Code}")));
            }
        }

        return await RaiseAsync(db, now, due, ct);
    }

    private static async Task<int> RaiseAsync(AigaqDb db, DateTimeOffset now, IEnumerable<(string Region, AlertDue Due)> due, CancellationToken ct)
    {
        var raised = 0;
        foreach (var chunk in due.Chunk(Batch))
        {
            foreach (var (region, alert) in chunk)
            {
                await AlertFactory.AddNewAsync(db, [alert], null, region, now, ct);
            }

            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }

        return raised;
    }
}
