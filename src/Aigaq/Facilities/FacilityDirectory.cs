using System.Collections.Concurrent;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Facilities;

/// <summary>
/// Facilities found by id, kept in memory once read: a registered facility is never changed (its
/// properties are init-only and no endpoint edits it), so a copy cannot go stale. An id not found
/// is not remembered, so a facility registered a moment ago on another node is found at once.
/// </summary>
public sealed class FacilityDirectory
{
    private const int MaxKept = 100_000;
    private readonly ConcurrentDictionary<Guid, Facility> _known = new();

    public async Task<Facility?> FindAsync(AigaqDb db, Guid id, CancellationToken ct)
    {
        if (_known.TryGetValue(id, out var facility))
        {
            return facility;
        }

        facility = await db.Set<Facility>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (facility is not null && _known.Count < MaxKept)
        {
            _known[id] = facility;
        }

        return facility;
    }
}
