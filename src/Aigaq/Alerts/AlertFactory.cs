using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Alerts;

/// <summary>The report or case an alert is about, beside or instead of a detention.</summary>
public sealed record AlertSubject(Guid? ReportId = null, Guid? CaseId = null);

/// <summary>
/// The detention an alert is about, with the facility it named as destination and the moment of detention, which the
/// alert keeps a copy of (see <see cref="Alert.DetentionFacilityId"/>): an alert about a detention cannot be raised
/// without them.
/// </summary>
public readonly record struct AlertDetention(Guid Id, Guid FacilityId, DateTimeOffset DetainedAt);

/// <summary>Turns a rule's verdict into an alert row, skipping those already raised.</summary>
public static class AlertFactory
{
    public static Alert Create(AlertDue due, AlertDetention? detention, string region, DateTimeOffset now, AlertSubject? subject = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        Code = due.Code,
        Key = due.Key,
        DetentionId = detention?.Id,
        DetentionFacilityId = detention?.FacilityId,
        DetainedAt = detention?.DetainedAt,
        ReportId = subject?.ReportId,
        CaseId = subject?.CaseId,
        Region = region,
        RaisedAt = now,
        DueAt = due.DueAt,
        Detail = due.Detail,
        Status = AlertStatus.Open,
    };

    /// <summary>Adds to the context the alerts not yet raised; the unique key guards against a race.</summary>
    public static Task<List<Alert>> AddNewAsync(
        AigaqDb db, IReadOnlyCollection<AlertDue> due, AlertDetention? detention, string region, DateTimeOffset now, CancellationToken ct,
        AlertSubject? subject = null) => AddNewAsync(db, [(due, detention, region, subject)], now, ct);

    /// <summary>
    /// Adds the alerts not yet raised of many records at once (a scanner's batch): one query for the keys that exist,
    /// whatever the number of records, so that a scan of records whose alerts were raised long ago costs a query per
    /// batch, not one per record.
    /// </summary>
    public static async Task<List<Alert>> AddNewAsync(
        AigaqDb db, IReadOnlyCollection<(IReadOnlyCollection<AlertDue> Due, AlertDetention? Detention, string Region, AlertSubject? Subject)> records,
        DateTimeOffset now, CancellationToken ct)
    {
        var keys = records.SelectMany(r => r.Due.Select(d => d.Key)).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        var existing = (await db.Set<Alert>().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        // In key order, so that two nodes raising overlapping alerts take their locks in one order.
        var fresh = records.SelectMany(r => r.Due.Where(d => !existing.Contains(d.Key)).Select(d => (Due: d, r.Detention, r.Region, r.Subject)))
            .DistinctBy(x => x.Due.Key).OrderBy(x => x.Due.Key, StringComparer.Ordinal)
            .Select(x => Create(x.Due, x.Detention, x.Region, now, x.Subject)).ToList();
        db.AddRange(fresh);
        return fresh;
    }

    /// <summary>
    /// Saves; if another node raised one of the same alerts first, keeps the rest. Two nodes
    /// inserting overlapping keys can also meet in a deadlock, which PostgreSQL's provider reports
    /// wrapped as a transient failure: that too falls back to one insert at a time.
    /// </summary>
    public static async Task<int> SaveIgnoringRacesAsync(AigaqDb db, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        try
        {
            await db.SaveChangesAsync(ct);
            return pending.Count;
        }
        catch (Exception ex) when (IsRace(ex))
        {
            db.ChangeTracker.Clear();
            var saved = 0;
            foreach (var alert in pending)
            {
                db.Add(alert);
                try
                {
                    await db.SaveChangesAsync(ct);
                    saved++;
                }
                catch (Exception single) when (IsRace(single))
                {
                    db.ChangeTracker.Clear();
                }
            }

            return saved;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static bool IsRace(Exception ex) => ex is DbUpdateException || ex.InnerException is DbUpdateException;
}
