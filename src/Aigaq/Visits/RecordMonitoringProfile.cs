using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary><c>POST /api/v1/facilities/{id}/monitoring</c>: a capacity, closing to monitoring or reopening, and why.</summary>
public sealed record RecordMonitoringProfileRequest(int? Capacity, bool? ClosedToMonitoring, string? Reason);

public sealed record MonitoringProfileRecorded(Guid Id);

/// <summary>
/// Appends a fact to a facility's monitoring profile: never an edit of the facility, whose registration the log holds. A
/// monitor records for the facilities of their region; an administrator, who keeps the register, for any.
/// </summary>
public sealed class RecordMonitoringProfile(AigaqDb db, FacilityDirectory facilities, AccessLog log, TimeProvider clock)
{
    public const int MaxCapacity = 100_000;

    public async Task<Outcome<MonitoringProfileRecorded>> HandleAsync(Guid facilityId, RecordMonitoringProfileRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var facility = await facilities.FindAsync(db, facilityId, ct);
        if (facility is null || (!user.IsInRole(Roles.Administrator) && facility.Region != user.RegionScope()))
        {
            // The same answer for a facility of another region: a monitor keeps the profiles of their own.
            return new ProblemResult(ProblemTypes.NotFoundProblem("The facility"));
        }

        var v = new Validation();
        if (request.Capacity is < 0 or > MaxCapacity)
        {
            v.Add("capacity", $"must be from 0 to {MaxCapacity}");
        }

        if (request.Capacity is null && request.ClosedToMonitoring is null)
        {
            v.Add("closedToMonitoring", "or capacity is required");
        }

        var reason = v.Required("reason", request.Reason, PlanVisit.MaxText);
        if (request.ClosedToMonitoring is not null && db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null)
        {
            // Closing and reopening take the facility's row first, so that two at once follow one another and the second
            // reads the first's change (review finding): never two closings in a row. SQLite's writes already take turns.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM facilities WHERE \"Id\" = {facilityId} FOR UPDATE", ct);
        }

        if (request.ClosedToMonitoring is { } closing && v.IsValid && (await FacilityMonitoring.ProfileAsync(db, facilityId, ct)).Closed == closing)
        {
            v.Add("closedToMonitoring", closing ? "the facility is already closed to monitoring" : "the facility is not closed to monitoring");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var change = new FacilityMonitoringChange
        {
            Id = Guid.CreateVersion7(now),
            FacilityId = facilityId,
            Capacity = request.Capacity,
            Closed = request.ClosedToMonitoring,
            Reason = reason,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(change);
        LedgerWriter.Append(db, VisitLedger.MonitoringProfile, change.Id, now, VisitLedger.Content(change));
        log.Add(user, "facility.monitoring.record", facilityId.ToString(), "allowed");
        return Outcome<MonitoringProfileRecorded>.Created(() => new MonitoringProfileRecorded(change.Id), $"/api/v1/facilities/{facilityId}/monitoring");
    }
}
