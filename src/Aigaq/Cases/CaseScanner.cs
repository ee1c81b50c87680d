using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Cases;

/// <summary>
/// Raises the alerts of case clocks that run out with no decision: reports neither registered nor
/// refused by their deadline (<c>RegistrationOverdue</c>) and referrals not accepted in time
/// (<c>ReferralUnacknowledged</c>). Every node may run it: an alert's unique key makes a second
/// raise a no-op, and a scan keeps no state, so a node that dies loses nothing.
/// </summary>
internal sealed class CaseScanner(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AigaqOptions> options, Observability.AigaqMetrics metrics, ILogger<CaseScanner> logger)
    : Observability.PeriodicScanner("cases", ClockScanner.Interval, clock, options, metrics, logger)
{
    private const int Batch = 500;

    protected override Task<int> PassAsync(DateTimeOffset now, CancellationToken ct) => ScanAsync(scopes, now, ct);

    public static async Task<int> ScanAsync(IServiceScopeFactory scopes, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        return await ScanReportsAsync(db, now, ct) + await ScanReferralsAsync(db, now, ct) + await ScanComplaintsAsync(db, now, ct);
    }

    public static async Task<int> ScanReportsAsync(AigaqDb db, DateTimeOffset now, CancellationToken ct)
    {
        var raised = 0;
        long lastSeq = 0;
        while (true)
        {
            var late = await db.Set<Report>().AsNoTracking()
                .Where(r => r.Seq > lastSeq && r.Status == ReportStatus.Received && r.RegistrationDueBy <= now)
                .OrderBy(r => r.Seq).Take(Batch)
                .Select(r => new { r.Seq, r.Id, r.Region, r.RegistrationDueBy, r.Number })
                .ToListAsync(ct);
            if (late.Count == 0)
            {
                return raised;
            }

            lastSeq = late[^1].Seq;
            foreach (var r in late)
            {
                // Keyed by the deadline too: a report reopened after review gets a new deadline and a new alert.
                var due = new AlertDue(
                    AlertCodes.RegistrationOverdue, $"{AlertCodes.RegistrationOverdue}:{r.Id}:{r.RegistrationDueBy.UtcTicks}", r.RegistrationDueBy, r.Number);
                await AlertFactory.AddNewAsync(db, [due], null, r.Region, now, ct, new AlertSubject(ReportId: r.Id));
            }

            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }
    }

    /// <summary>Complaints the reviewer has not decided by their deadline, raised to the region's supervisory prosecutors on the case or report.</summary>
    public static async Task<int> ScanComplaintsAsync(AigaqDb db, DateTimeOffset now, CancellationToken ct)
    {
        var raised = 0;
        long lastSeq = 0;
        while (true)
        {
            var late = await db.Set<Complaint>().AsNoTracking()
                .Where(c => c.Seq > lastSeq && c.Status == ComplaintStatus.Open && c.DueBy <= now)
                .OrderBy(c => c.Seq).Take(Batch)
                .Select(c => new { c.Seq, c.Id, c.Number, c.Region, c.DueBy, c.ReportId, c.CaseId, c.ReviewerName })
                .ToListAsync(ct);
            if (late.Count == 0)
            {
                return raised;
            }

            lastSeq = late[^1].Seq;
            foreach (var c in late)
            {
                var due = new AlertDue(AlertCodes.ReviewOverdue, $"{AlertCodes.ReviewOverdue}:{c.Id}", c.DueBy, $"{c.Number}, {c.ReviewerName}");
                var subject = c.CaseId is { } caseId ? new AlertSubject(CaseId: caseId) : new AlertSubject(ReportId: c.ReportId);
                await AlertFactory.AddNewAsync(db, [due], null, c.Region, now, ct, subject);
            }

            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
        }
    }

    public static async Task<int> ScanReferralsAsync(AigaqDb db, DateTimeOffset now, CancellationToken ct)
    {
        var late = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Pending && r.DueBy <= now)
            .Join(db.Set<Case>(), r => r.CaseId, c => c.Id, (r, c) => new { r.Id, r.CaseId, r.DueBy, r.ToKind, r.ToRegion, c.Region })
            .ToListAsync(ct);
        foreach (var r in late)
        {
            var due = new AlertDue(AlertCodes.ReferralUnacknowledged, $"{AlertCodes.ReferralUnacknowledged}:{r.Id}", r.DueBy, Bodies.Name(r.ToKind, r.ToRegion));
            await AlertFactory.AddNewAsync(db, [due], null, r.Region, now, ct, new AlertSubject(CaseId: r.CaseId));
        }

        return await AlertFactory.SaveIgnoringRacesAsync(db, ct);
    }
}
