using System.Security.Claims;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

public enum ProtectionApplicationStatus
{
    /// <summary>No decision yet.</summary>
    Pending,
    Granted,
    Refused,

    /// <summary>An appeal waits for its outcome.</summary>
    Appealed,
}

public sealed record DecidingBodyView(string Kind, string Name);

public sealed record ProtectionMeasureChangeView(
    Guid Id, MeasureChangeKind Kind, DateTimeOffset At, DateTimeOffset? EndsAt, DateTimeOffset? ReviewBy, string Reason, DateTimeOffset RecordedAt);

/// <summary>A measure with its current term and review date (those of its latest change) and every change.</summary>
public sealed record ProtectionMeasureView(
    Guid Id, string Code, string ImplementingBody, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? ReviewBy, bool Ended,
    IReadOnlyList<ProtectionMeasureChangeView> Changes);

public sealed record ProtectionDecisionView(
    Guid Id, int Round, Guid? AppealId, ProtectionDecisionKind Decision, string Reason, DateTimeOffset DecidedAt, DateTimeOffset RecordedAt,
    IReadOnlyList<ProtectionMeasureView> Measures);

public sealed record ProtectionAppealView(
    Guid Id, int Round, Guid AppealedDecisionId, DateTimeOffset FiledAt, AppealFiledBy By, string Grounds, DateTimeOffset RecordedAt);

/// <summary>An application with its whole history: decisions by round, appeals, the measures each grant brought in force.</summary>
public sealed record ProtectionApplicationView(
    Guid Id, Guid PersonId, DateTimeOffset ReceivedAt, IReadOnlyList<string> Measures, DecidingBodyView DecidingBody, DateTimeOffset DecisionDueBy,
    ProtectionApplicationStatus Status, IReadOnlyList<ProtectionDecisionView> Decisions, IReadOnlyList<ProtectionAppealView> Appeals,
    DateTimeOffset RecordedAt);

/// <summary>
/// Who may touch which applications: those of the protected persons the user may read (<see cref="GetProtectedPerson.Visible"/>:
/// a protection officer those of the region), and the reading of applications into views.
/// </summary>
public static class ProtectionApplications
{
    public static IQueryable<ProtectionApplication> Visible(AigaqDb db, ClaimsPrincipal user)
    {
        var persons = GetProtectedPerson.Visible(db.Set<ProtectedPerson>(), user).Select(p => p.Id);
        return db.Set<ProtectionApplication>().Where(a => persons.Contains(a.PersonId));
    }

    /// <summary>The person's applications, oldest first, each with its history.</summary>
    public static Task<List<ProtectionApplicationView>> OfPersonAsync(AigaqDb db, Guid personId, CancellationToken ct) =>
        ViewsAsync(db, db.Set<ProtectionApplication>().Where(a => a.PersonId == personId), ct);

    public static async Task<ProtectionApplicationView> OneAsync(AigaqDb db, Guid applicationId, CancellationToken ct) =>
        (await ViewsAsync(db, db.Set<ProtectionApplication>().Where(a => a.Id == applicationId), ct)).Single();

    private static async Task<List<ProtectionApplicationView>> ViewsAsync(AigaqDb db, IQueryable<ProtectionApplication> query, CancellationToken ct)
    {
        var applications = await query.AsNoTracking().OrderBy(a => a.ReceivedAt).ThenBy(a => a.Id).ToListAsync(ct);
        var ids = applications.Select(a => a.Id).ToList();
        var decisions = await db.Set<ProtectionDecision>().AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).ToListAsync(ct);
        var appeals = await db.Set<ProtectionAppeal>().AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToListAsync(ct);
        var measures = await db.Set<ProtectionMeasure>().AsNoTracking().Where(m => ids.Contains(m.ApplicationId)).ToListAsync(ct);
        var measureIds = measures.Select(m => m.Id).ToList();
        var changes = (await db.Set<ProtectionMeasureChange>().AsNoTracking().Where(c => measureIds.Contains(c.MeasureId)).ToListAsync(ct))
            .ToLookup(c => c.MeasureId);

        return [.. applications.Select(a =>
        {
            var rounds = decisions.Where(d => d.ApplicationId == a.Id).OrderBy(d => d.Round).ToList();
            var filed = appeals.Where(x => x.ApplicationId == a.Id).OrderBy(x => x.Round).ToList();
            var status = filed.Count > 0 && filed[^1].Round > (rounds.Count == 0 ? -1 : rounds[^1].Round) ? ProtectionApplicationStatus.Appealed
                : Status(rounds.Select(d => d.Decision));
            return new ProtectionApplicationView(
                a.Id, a.PersonId, a.ReceivedAt, a.MeasureCodes, new DecidingBodyView(a.DecidingBodyKind, a.DecidingBodyName), a.DecisionDueBy, status,
                [.. rounds.Select(d => new ProtectionDecisionView(
                    d.Id, d.Round, d.AppealId, d.Decision, d.Reason, d.DecidedAt, d.RecordedAt,
                    [.. measures.Where(m => m.DecisionId == d.Id).OrderBy(m => m.StartsAt).ThenBy(m => m.Code, StringComparer.Ordinal).Select(m => Measure(m, changes[m.Id]))]))],
                [.. filed.Select(x => new ProtectionAppealView(x.Id, x.Round, x.AppealedDecisionId, x.FiledAt, x.By, x.Grounds, x.RecordedAt))],
                a.RecordedAt);
        })];
    }

    /// <summary>
    /// Granted when any round granted measures (an appeal dismissed leaves a grant in force), refused when every round
    /// refused, pending before the first decision.
    /// </summary>
    public static ProtectionApplicationStatus Status(IEnumerable<ProtectionDecisionKind> rounds)
    {
        var list = rounds.ToList();
        return list.Count == 0 ? ProtectionApplicationStatus.Pending
            : list.Contains(ProtectionDecisionKind.Granted) ? ProtectionApplicationStatus.Granted
            : ProtectionApplicationStatus.Refused;
    }

    public static ProtectionMeasureView Measure(ProtectionMeasure m, IEnumerable<ProtectionMeasureChange> changes)
    {
        var ordered = Ordered(changes);
        var (endsAt, reviewBy, ended) = Current(m, ordered);
        return new ProtectionMeasureView(
            m.Id, m.Code, m.ImplementingBody, m.StartsAt, endsAt, reviewBy, ended,
            [.. ordered.Select(c => new ProtectionMeasureChangeView(c.Id, c.Kind, c.At, c.EndsAt, c.ReviewBy, c.Reason, c.RecordedAt))]);
    }

    /// <summary>Changes in the order they were recorded (a later record wins, whatever moment it states).</summary>
    public static List<ProtectionMeasureChange> Ordered(IEnumerable<ProtectionMeasureChange> changes) =>
        [.. changes.OrderBy(c => c.Number)];

    /// <summary>The measure's term and next review as its latest change left them, and whether it was ended.</summary>
    public static (DateTimeOffset? EndsAt, DateTimeOffset? ReviewBy, bool Ended) Current(ProtectionMeasure m, IReadOnlyList<ProtectionMeasureChange> ordered) =>
        ordered.Count == 0 ? (m.EndsAt, m.ReviewBy, false) : (ordered[^1].EndsAt, ordered[^1].ReviewBy, ordered.Any(c => c.Kind == MeasureChangeKind.Ended));
}
