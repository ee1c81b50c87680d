using System.Text.Json;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Headcounts;

/// <summary>Where the register had a person at a moment: held in a facility, or on the way to one.</summary>
public sealed record Placement(Detention Detention, Guid FacilityId, bool InTransit);

/// <summary>
/// The custody register as it stood at a moment (issue 17, item 5): only what had been recorded by then, and the
/// timeline replayed up to it. A person is held from the detention until a release; at the destination once arrived
/// (in transit to it before), and on the way to a transfer's facility until an arrival there. An event later corrected is replaced by its
/// correction. The detention's listing projection (<see cref="Detention.CurrentFacilityId"/>) says where a person is now,
/// not where the register had them when the team counted, so it is not used.
/// </summary>
internal static class RegisterAtMoment
{
    private static readonly string[] Moves = [EventTypes.ArrivedAtFacility, EventTypes.Transferred, EventTypes.Released];

    /// <summary>
    /// The placements at <paramref name="at"/> of the detentions registered by then and not released, that were ever bound
    /// for <paramref name="facilityId"/> or match one of the people (by IIN or the lookup key of a last name).
    /// </summary>
    public static async Task<List<Placement>> PlacementsAsync(
        AigaqDb db, Guid facilityId, DateTimeOffset at, IReadOnlyCollection<string> iins, IReadOnlyCollection<string> lastNameKeys, CancellationToken ct)
    {
        var id = facilityId.ToString();
        var detentions = await db.Set<Detention>().AsNoTracking()
            // A release counts only if it was recorded by then: one backdated after the count does not hide an absence.
            .Where(d => d.RecordedAt <= at && d.DetainedAt <= at
                && (d.ReleasedAt == null || d.ReleasedAt > at
                    || !db.Set<DetentionEvent>().Any(e => e.DetentionId == d.Id && e.Type == EventTypes.Released && e.RecordedAt <= at)))
            .Where(d => d.DestinationFacilityId == facilityId || d.CurrentFacilityId == facilityId
                || (d.Iin != null && iins.Contains(d.Iin)) || (d.LookupKey != null && lastNameKeys.Contains(d.LookupKey))
                || db.Set<DetentionEvent>().Any(e => e.DetentionId == d.Id && e.Type == EventTypes.Transferred && e.Data.Contains(id)))
            .ToListAsync(ct);
        var ids = detentions.Select(d => d.Id).ToList();
        var events = await db.Set<DetentionEvent>().AsNoTracking()
            .Where(e => ids.Contains(e.DetentionId) && e.RecordedAt <= at && Moves.Contains(e.Type))
            .ToListAsync(ct);
        var corrected = events.Where(e => e.Corrects is not null).Select(e => e.Corrects!.Value).ToHashSet();
        var byDetention = events.Where(e => !corrected.Contains(e.Id) && e.At <= at).ToLookup(e => e.DetentionId);

        var placements = new List<Placement>(detentions.Count);
        foreach (var d in detentions)
        {
            var where = d.DestinationFacilityId;
            var inTransit = true;
            var released = false;
            foreach (var e in byDetention[d.Id].OrderBy(e => e.At).ThenBy(e => e.RecordedAt))
            {
                switch (e.Type)
                {
                    case EventTypes.ArrivedAtFacility:
                        where = FacilityOf(e) ?? where;
                        inTransit = false;
                        break;
                    case EventTypes.Transferred:
                        // On the way to the new place until an arrival there is recorded.
                        where = FacilityOf(e) ?? where;
                        inTransit = true;
                        break;
                    default:
                        released = true;
                        break;
                }
            }

            if (!released)
            {
                placements.Add(new Placement(d, where, inTransit));
            }
        }

        return placements;
    }

    private static Guid? FacilityOf(DetentionEvent e)
    {
        using var fields = JsonDocument.Parse(e.Data);
        return fields.RootElement.TryGetProperty("facilityId", out var f) && f.ValueKind == JsonValueKind.String && Guid.TryParse(f.GetString(), out var g) ? g : null;
    }
}
