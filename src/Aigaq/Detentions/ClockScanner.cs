using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Notifications;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Detentions;

/// <summary>
/// Raises the alerts of clocks that run out with no event: court, protocol and delivery deadlines,
/// and notifications not delivered in time. Every node may run it: an alert's unique key makes a
/// second raise a no-op, and a scan is stateless, so a node that dies loses nothing.
/// </summary>
internal sealed class ClockScanner(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, Observability.AigaqMetrics metrics, ILogger<ClockScanner> logger)
    : Observability.PeriodicScanner("clocks", Interval, clock, options, metrics, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private const int Batch = 500;

    protected override Task<int> PassAsync(DateTimeOffset now, CancellationToken ct) => ScanAsync(scopes, now, ct);

    /// <summary>One scan of custody clocks and of notifications; returns how many alerts it raised.</summary>
    public static async Task<int> ScanAsync(IServiceScopeFactory scopes, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var rules = scope.ServiceProvider.GetRequiredService<RulePackCatalog>();
        return await ScanClocksAsync(db, rules, now, ct) + await ScanNotificationsAsync(db, rules, now, ct);
    }

    public static async Task<int> ScanClocksAsync(AigaqDb db, RulePackCatalog rules, DateTimeOffset now, CancellationToken ct)
    {
        var raised = 0;

        var warnBefore = TimeSpan.FromHours(rules.All.Max(p => p.Custody.CourtDeadlineWarningHours));
        var warnFrom = now + warnBefore;
        long lastSeq = 0;
        while (true)
        {
            var candidates = await db.Set<Detention>().AsNoTracking()
                .Where(d => d.Seq > lastSeq && d.Status != CustodyStatus.Released &&
                    ((d.CourtDecisionAt == null && d.CourtBy <= warnFrom) ||
                     (d.ProtocolAt == null && d.ProtocolBy <= now) ||
                     (d.ArrivedAt == null && d.DeliveryBy <= now)))
                .OrderBy(d => d.Seq).Take(Batch).ToListAsync(ct);
            if (candidates.Count == 0)
            {
                break;
            }

            lastSeq = candidates[^1].Seq;
            // The batch's clocks together: one query for the alerts already raised, not one per detention (a detention
            // whose clocks ran out long ago is a candidate at every pass until it is released).
            var due = candidates
                .Select(d => ((IReadOnlyCollection<AlertDue>)CustodyRules.ClocksAt(rules.ById(d.RulePackId) ?? rules.At(d.DetainedAt), d, now).ToList(), (AlertDetention?)d.ForAlert(), d.Region, (AlertSubject?)null))
                .ToList();
            await AlertFactory.AddNewAsync(db, due, now, ct);
            // What was saved: an alert another node raised first is not counted (it was counted twice before).
            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }

        return raised;
    }

    public static async Task<int> ScanNotificationsAsync(AigaqDb db, RulePackCatalog rules, DateTimeOffset now, CancellationToken ct)
    {
        var bound = TimeSpan.FromMinutes(rules.At(now).Notifications.UndeliveredAfterMinutes);
        var cutoff = now - bound;
        var late = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.Status != NotificationStatus.Sent && !n.LateAlertRaised && n.CreatedAt <= cutoff && n.DetentionId != null)
            .OrderBy(n => n.CreatedAt).Take(Batch)
            .Join(db.Set<Detention>(), n => n.DetentionId, d => (Guid?)d.Id, (n, d) => new
            {
                n.Id,
                n.DetentionId,
                n.Region,
                n.CreatedAt,
                n.Role,
                n.Channel,
                Detention = new AlertDetention(d.Id, d.DestinationFacilityId, d.DetainedAt),
            })
            .ToListAsync(ct);
        // One alert per detention: the prosecutor needs to know that its people were not told,
        // not one line per message.
        foreach (var group in late.GroupBy(n => n.DetentionId))
        {
            var first = group.First();
            var due = new AlertDue(
                AlertCodes.NotificationUndelivered,
                CustodyRules.Key(AlertCodes.NotificationUndelivered, group.Key!.Value),
                first.CreatedAt + bound,
                string.Join(", ", group.Select(n => $"{n.Role} ({n.Channel})").Distinct()));
            await AlertFactory.AddNewAsync(db, [due], first.Detention, first.Region, now, ct);
        }

        var raised = await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        var ids = late.Select(n => n.Id).ToList();
        await db.Set<Notification>().Where(n => ids.Contains(n.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.LateAlertRaised, true), ct);
        return raised;
    }
}
