using System.Security.Claims;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

public sealed record CustodyEventView(TimelineEntryView Event, IReadOnlyList<AlertView> Alerts);

/// <summary>
/// Appends an event to a custody timeline. The API sends <c>{ "type", "at", ...fields }</c>, read into its typed record
/// (<see cref="CustodyEventJson"/>: each type accepts only its own fields, so nothing sent is silently dropped); a page
/// builds the record itself. The event raises its alerts and moves the listing projection (status, current facility)
/// in the same transaction.
/// </summary>
public sealed class RecordCustodyEvent(AigaqDb db, RulePackCatalog rules, IEnumerable<ICustodyEventSubscriber> subscribers, TimeProvider clock)
{
    /// <summary>An event as the API receives it.</summary>
    public Task<Outcome<CustodyEventView>> HandleAsync(Guid detentionId, JsonObject body, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        return RecordAsync(detentionId, CustodyEventJson.Read(body, v), v, user, ct);
    }

    /// <summary>An event built as its record (by a page, or the demo data).</summary>
    public Task<Outcome<CustodyEventView>> HandleAsync(Guid detentionId, CustodyEvent sent, ClaimsPrincipal user, CancellationToken ct) =>
        RecordAsync(detentionId, sent, new Validation(), user, ct);

    private async Task<Outcome<CustodyEventView>> RecordAsync(Guid detentionId, CustodyEvent? sent, Validation v, ClaimsPrincipal user, CancellationToken ct)
    {
        // The detention first: one the user may not see is not found, whatever the body holds.
        var detention = await db.Set<Detention>().Visible(user).FirstOrDefaultAsync(d => d.Id == detentionId, ct);
        if (detention is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The detention"));
        }

        if (sent is null)
        {
            return new ProblemResult(v.Problem());
        }

        var now = clock.GetUtcNow();
        var pack = rules.ById(detention.RulePackId) ?? rules.At(detention.DetainedAt);
        var e = sent.Checked(v);
        v.Moment("at", e.At, now, pack, detention.DetainedAt - TimeSpan.FromMinutes(pack.Registration.ClockSkewMinutes), "the moment of detention");

        Facility? newFacility = null;
        var facilityId = e switch { ArrivedAtFacility a => a.FacilityId, Transferred t => t.FacilityId, _ => null };
        if (facilityId is { } named && v.IsValid)
        {
            newFacility = await db.Set<Facility>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == named, ct);
            if (newFacility is null)
            {
                v.Add("facilityId", "is not a known facility");
            }
        }

        var unexpected = newFacility is null ? null : Unexpected(e, detention, newFacility, user);
        if (unexpected is not null && e.Reason is null && e.Corrects is null)
        {
            v.Add("facilityId", unexpected + "; to record it anyway, give the reason");
        }

        if (e.Corrects is { } target && !await db.Set<DetentionEvent>().AnyAsync(x => x.Id == target && x.DetentionId == detentionId, ct))
        {
            v.Add("corrects", "is not an event of this detention");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var entry = new DetentionEvent
        {
            Id = Guid.CreateVersion7(now),
            DetentionId = detentionId,
            Type = e.Type,
            At = e.At,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
            Data = CustodyEventJson.Fields(e),
            Corrects = e.Corrects,
            Reason = e.Reason,
        };
        db.Add(entry);
        var due = CustodyRules.ForEvent(pack, detention, entry.Id, e, newFacility?.AcceptsMinors).ToList();
        if (unexpected is not null)
        {
            due.Add(new AlertDue(AlertCodes.PlaceNotAsExpected, CustodyRules.Key(AlertCodes.PlaceNotAsExpected, entry.Id), null, unexpected));
        }

        var alerts = await AlertFactory.AddNewAsync(db, due, detention.ForAlert(), detention.Region, now, ct);
        Project(detention, e, newFacility);
        detention.Version++;

        var logEntry = LedgerWriter.Append(db, DetentionLedger.Event, entry.Id, now, w => DetentionLedger.Content(w, entry));
        foreach (var subscriber in subscribers)
        {
            await subscriber.OnRecordedAsync(new CustodyEventRecorded(db, detention, entry, e, now), ct);
        }

        return Outcome<CustodyEventView>.Created(
            () => new CustodyEventView(
                TimelineEntryView.From(entry, new LogPosition(logEntry.Index, logEntry.LeafHash)),
                [.. alerts.Select(AlertView.From)]),
            $"/api/v1/detentions/{detentionId}");
    }

    /// <summary>
    /// Why an arrival or transfer is not where the register expects it, or null: an arrival is at the facility the person
    /// was sent to (or transferred to), and a custody officer records arrivals at their own facility and transfers out of it.
    /// </summary>
    private static string? Unexpected(CustodyEvent e, Detention d, Facility named, ClaimsPrincipal user)
    {
        var own = user.IsInRole(Roles.CustodyOfficer) ? user.FacilityScope() : null;
        return e switch
        {
            ArrivedAtFacility when named.Id != d.CurrentFacilityId => "is not the facility the person was sent to",
            ArrivedAtFacility when own is { } mine && mine != named.Id => "is not the facility of the custody officer recording the arrival",
            Transferred when own is { } mine && mine != d.CurrentFacilityId => "the person is not held at the custody officer's facility",
            _ => null,
        };
    }

    /// <summary>Moves the listing projection; the first event of a kind counts, a correction does not move it back.</summary>
    private static void Project(Detention d, CustodyEvent e, Facility? facility)
    {
        switch (e)
        {
            case ArrivedAtFacility:
                d.ArrivedAt ??= e.At;
                if (d.Status == CustodyStatus.InTransit)
                {
                    d.Status = CustodyStatus.InCustody;
                }

                if (facility is not null)
                {
                    d.CurrentFacilityId = facility.Id;
                }

                break;
            case ProtocolDrawn:
                d.ProtocolAt ??= e.At;
                break;
            case CourtDecision:
                d.CourtDecisionAt ??= e.At;
                break;
            case Transferred:
                d.CurrentFacilityId = facility!.Id;
                break;
            case Released:
                d.Status = CustodyStatus.Released;
                d.ReleasedAt ??= e.At;
                break;
        }
    }
}
