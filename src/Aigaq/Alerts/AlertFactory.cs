using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Alerts;

/// <summary>Turns a rule's verdict into an alert row, skipping those already raised.</summary>
public static class AlertFactory
{
    public static Alert Create(AlertDue due, Guid? detentionId, string region, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Code = due.Code,
        Key = due.Key,
        DetentionId = detentionId,
        Region = region,
        RaisedAt = now,
        DueAt = due.DueAt,
        Detail = due.Detail,
        Status = AlertStatus.Open,
    };

    /// <summary>Adds to the context the alerts not yet raised; the unique key guards against a race.</summary>
    public static async Task<List<Alert>> AddNewAsync(
        AigaqDb db, IReadOnlyCollection<AlertDue> due, Guid? detentionId, string region, DateTimeOffset now, CancellationToken ct)
    {
        if (due.Count == 0)
        {
            return [];
        }

        var keys = due.Select(d => d.Key).ToList();
        var existing = await db.Set<Alert>().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(ct);
        // In key order, so that two nodes raising overlapping alerts take their locks in one order.
        var fresh = due.Where(d => !existing.Contains(d.Key)).DistinctBy(d => d.Key).OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => Create(d, detentionId, region, now)).ToList();
        db.AddRange(fresh);
        return fresh;
    }
}
