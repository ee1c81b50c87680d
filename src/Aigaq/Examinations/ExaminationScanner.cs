using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Examinations;

/// <summary>
/// The examinations' oversight (issue 16, item 10), as the custody, case and protection scanners raise theirs: a request
/// whose session had not started by its <c>dueBy</c> (<see cref="AlertCodes.ExaminationOverdue"/>), and a torture case
/// (<see cref="TortureCases"/>, the statistics' definition) with no examination started within the pack's days of its
/// registration (<see cref="AlertCodes.NoExaminationInTortureCase"/>); an examination counts for a case when it names the
/// case, its report or the report's detention. Stateless and safe on every node: an alert's unique key makes a second
/// raise a no-op, and a pass loads only the examinations that are due, not started and not yet alerted.
/// </summary>
internal sealed class ExaminationScanner(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, Observability.AigaqMetrics metrics, ILogger<ExaminationScanner> logger)
    : Observability.PeriodicScanner("examinations", Detentions.ClockScanner.Interval, clock, options, metrics, logger)
{
    private const int Batch = 500;

    protected override Task<int> PassAsync(DateTimeOffset now, CancellationToken ct) => ScanAsync(scopes, now, ct);

    public static async Task<int> ScanAsync(IServiceScopeFactory scopes, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var rules = scope.ServiceProvider.GetRequiredService<RulePackCatalog>();
        return await OverdueAsync(db, now, ct) + await TortureCasesAsync(db, rules, now, ct);
    }

    private static async Task<int> OverdueAsync(AigaqDb db, DateTimeOffset now, CancellationToken ct)
    {
        var raised = 0;
        foreach (var ids in (await PendingOverdueAsync(db, now, ct)).Chunk(Batch))
        {
            var chunk = await db.Set<Examination>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
            foreach (var e in chunk)
            {
                await ExaminationAlerts.RaiseAsync(db, e, AlertCodes.ExaminationOverdue, e.DueBy, e.Number, now, ct);
            }

            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }

        return raised;
    }

    /// <summary>
    /// The examinations whose alert is due: due by <paramref name="now"/>, no session recorded, and no overdue alert raised
    /// yet (the key is the examination's, so it is compared here rather than in SQL, where providers spell ids differently).
    /// Only ids are read for the candidates; whole rows are loaded for those that are raised.
    /// </summary>
    internal static async Task<List<Guid>> PendingOverdueAsync(AigaqDb db, DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.Set<Examination>().AsNoTracking()
            .Where(e => e.DueBy <= now && !db.Set<ExaminationSession>().Any(s => s.ExaminationId == e.Id))
            .OrderBy(e => e.Seq).Select(e => e.Id).ToListAsync(ct);
        var pending = new List<Guid>(due.Count);
        foreach (var chunk in due.Chunk(Batch))
        {
            var keys = chunk.Select(id => ExaminationAlerts.Key(AlertCodes.ExaminationOverdue, id)).ToList();
            var raised = (await db.Set<Alert>().AsNoTracking().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            pending.AddRange(chunk.Where(id => !raised.Contains(ExaminationAlerts.Key(AlertCodes.ExaminationOverdue, id))));
        }

        return pending;
    }

    private static async Task<int> TortureCasesAsync(AigaqDb db, RulePackCatalog rules, DateTimeOffset now, CancellationToken ct)
    {
        // The pack in force now gives the days; a case is judged by them from its registration.
        var pack = rules.At(now);
        var registeredBy = now.AddDays(-pack.Examinations.TortureCaseWithinDays);
        var examinations = db.Set<Examination>();
        var sessions = db.Set<ExaminationSession>();
        var late = await db.Set<Case>().AsNoTracking()
            .OfTorture()
            .Where(c => c.RegisteredAt <= registeredBy)
            .Where(c => !examinations.Any(e => (e.CaseId == c.Id || e.ReportId == c.ReportId
                    || db.Set<Report>().Any(r => r.Id == c.ReportId && r.DetentionId != null && r.DetentionId == e.DetentionId))
                && sessions.Any(s => s.ExaminationId == e.Id)))
            .Select(c => new { c.Id, c.ReportId, c.Region, c.ErdrNumber, c.RegisteredAt })
            .ToListAsync(ct);
        var raised = 0;
        foreach (var chunk in late.Chunk(Batch))
        {
            foreach (var c in chunk)
            {
                await AlertFactory.AddNewAsync(
                    db, [new AlertDue(AlertCodes.NoExaminationInTortureCase, $"{AlertCodes.NoExaminationInTortureCase}:{c.Id}",
                        c.RegisteredAt.AddDays(pack.Examinations.TortureCaseWithinDays), c.ErdrNumber)],
                    null, c.Region, now, ct, new AlertSubject(c.ReportId, c.Id));
            }

            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }

        return raised;
    }
}
