using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// The latest visit the team arrived at (the last visit made, not planned). Which visit it was (<see cref="Id"/>,
/// <see cref="Number"/>) only for those who may read visits: the region's monitors.
/// </summary>
public sealed record LastVisitView(Guid? Id, string? Number, DateTimeOffset PlannedFor, DateTimeOffset ArrivedAt, DateTimeOffset? AdmittedAt);

/// <summary>
/// One fact of the profile: what it set, when, and (for the region's monitors only: free text may name people) why and who.
/// </summary>
public sealed record MonitoringChangeView(Guid Id, int? Capacity, bool? ClosedToMonitoring, string? Reason, DateTimeOffset RecordedAt, Guid? RecordedBy);

/// <summary>
/// A facility's monitoring profile (issue 17, item 1): the register's facts with its capacity, whether it is closed to
/// monitoring (since when and why), the last visit made, the access denials recorded there, and its open recommendations:
/// how many visits' recommendations to the place no check has yet found implemented (<see cref="OpenRecommendations"/>),
/// how many of them were made again (<see cref="OpenRepeated"/>), and, for the region's monitors only (addressees and texts
/// may name people), the list itself, newest first, each marked with what it repeats (the read in the access log).
/// </summary>
public sealed record MonitoringProfileView(
    Guid FacilityId, string Name, FacilityType Type, Agency Agency, string Region, int? Capacity, bool ClosedToMonitoring,
    string? ClosedReason, DateTimeOffset? ClosedSince, LastVisitView? LastVisit, int AccessDenials, DateTimeOffset? LastAccessDenialAt,
    IReadOnlyList<MonitoringChangeView> History, int OpenRecommendations = 0, int OpenRepeated = 0,
    IReadOnlyList<VisitRecommendationSummary>? OpenRecommendationList = null);

/// <summary>The profile now, from its facts: the latest that names a capacity, the latest that opens or closes.</summary>
public sealed record MonitoringState(int? Capacity, bool Closed, string? ClosedReason, DateTimeOffset? ClosedSince, IReadOnlyList<FacilityMonitoringChange> Changes);

/// <summary>Reads a facility's monitoring profile (no personal data in it: the register's facts and counts).</summary>
public sealed class FacilityMonitoring(AigaqDb db, FacilityDirectory facilities, AccessLog log, TimeProvider clock)
{
    public static async Task<MonitoringState> ProfileAsync(AigaqDb db, Guid facilityId, CancellationToken ct)
    {
        // In the log's order: two facts recorded in the same instant still have one order, their entries' indexes.
        var changes = await (
            from c in db.Set<FacilityMonitoringChange>()
            join e in db.Set<TransparencyLog.LedgerEntry>() on c.Id equals e.RecordId
            where c.FacilityId == facilityId && e.Kind == VisitLedger.MonitoringProfile
            orderby e.Index
            select c).AsNoTracking().ToListAsync(ct);
        var state = changes.LastOrDefault(c => c.Closed is not null);
        var closed = state?.Closed == true;
        return new MonitoringState(
            changes.LastOrDefault(c => c.Capacity is not null)?.Capacity, closed, closed ? state!.Reason : null, closed ? state!.RecordedAt : null, changes);
    }

    /// <summary>The facility's profile. Without <c>list</c> (a visit page's shell shows no list of open recommendations)
    /// that list is not read, nor logged as read.</summary>
    public async Task<Found<MonitoringProfileView>> HandleAsync(Guid facilityId, ClaimsPrincipal user, CancellationToken ct, bool list = true)
    {
        var facility = await facilities.FindAsync(db, facilityId, ct);
        // A reader bound to a region reads its facilities' profiles only; another region's is not found.
        if (facility is null || (user.RegionScope() is { } region && facility.Region != region))
        {
            return Found<MonitoringProfileView>.Of(null, "The facility");
        }

        // The visits themselves and the reasons recorded (free text) are the region's monitors' (Visit.Readable).
        var monitor = user.IsInRole(Roles.Monitor) && user.RegionScope() == facility.Region;

        var profile = await ProfileAsync(db, facilityId, ct);
        var last = await (
            from a in db.Set<VisitArrival>()
            join v in db.Set<Visit>() on a.VisitId equals v.Id
            where v.FacilityId == facilityId
            orderby a.ArrivedAt descending
            select new LastVisitView(v.Id, v.Number, v.PlannedFor, a.ArrivedAt, a.AdmittedAt)).AsNoTracking().FirstOrDefaultAsync(ct);
        if (!monitor && last is not null)
        {
            last = last with { Id = null, Number = null };
        }

        var denials = db.Set<AccessDenial>().Where(d => d.FacilityId == facilityId);
        var count = await denials.CountAsync(ct);
        var lastDenial = count == 0 ? null : await denials.OrderByDescending(d => d.At).Select(d => (DateTimeOffset?)d.At).FirstOrDefaultAsync(ct);
        var checks = db.Set<VisitRecommendationCheck>().AsNoTracking();
        var open = RecommendationState.Open(db.Set<VisitRecommendation>().AsNoTracking().Where(r => r.FacilityId == facilityId), checks);
        var openCount = await open.CountAsync(ct);
        var openRepeated = await open.CountAsync(r => r.RepeatsId != null, ct);
        List<VisitRecommendationSummary> openList = [];
        if (openCount > 0 && monitor && list)
        {
            openList = [.. (await VisitRecommendation.Readable(open, user).OrderByDescending(r => r.Seq)
                .Select(ListVisitRecommendations.Project(db.Set<VisitRecommendationResponse>().AsNoTracking(), checks, clock.GetUtcNow())).ToListAsync(ct))
                .Select(r => r.Summary())];
            log.Add(user, "visit-recommendations.list", $"{openList.Count} records", "allowed");
            await db.SaveChangesAsync(ct);
        }

        return Found<MonitoringProfileView>.Of(new MonitoringProfileView(
            facility.Id, facility.Name, facility.Type, facility.Agency, facility.Region, profile.Capacity, profile.Closed, profile.ClosedReason,
            profile.ClosedSince, last, count, lastDenial,
            [.. profile.Changes.Select(c => new MonitoringChangeView(c.Id, c.Capacity, c.Closed, monitor ? c.Reason : null, c.RecordedAt, monitor ? c.RecordedBy : null))],
            openCount, openRepeated, openList),
            "The facility");
    }
}
