using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Protection;

/// <summary>
/// A report of torture made anonymously on the public page or API. Every field is nullable so that a missing one is
/// named, not a parse failure.
/// </summary>
/// <param name="Narrative">What happened.</param>
/// <param name="Region">Where: an ISO 3166-2:KZ region code.</param>
/// <param name="FacilityId">Where, if known: a facility of that region.</param>
/// <param name="IncidentAt">When it happened.</param>
/// <param name="Injuries">The injuries, if any.</param>
public sealed record AnonymousReportRequest(string? Narrative, string? Region, Guid? FacilityId, DateTimeOffset? IncidentAt, string? Injuries);

/// <summary>
/// The answer to an anonymous report: the receipt code, shown this once and never again (a retry with the same
/// Idempotency-Key answers without it), and where the report stands.
/// </summary>
public sealed record AnonymousReportReceipt(string? Receipt, InboxStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset RegistrationDueBy);

/// <summary>
/// Receives an anonymous report through the report register's own path (<see cref="ReceiveReport.NewAsync"/>): source
/// anonymous, recorded by <see cref="AnonymousChannel.PublicActor"/>, received now, so that its registration deadline
/// runs and it waits for the region's supervisory prosecutor as any report does. Opens its channel with a new receipt
/// code, of which only the keyed hash is kept. Nothing about the reporter is asked or kept.
/// </summary>
public sealed class ReportAnonymously(AigaqDb db, RulePackCatalog rules, NumberAllocator numbers, FacilityDirectory facilities, ReceiptKey receipts, TimeProvider clock)
{
    /// <summary>Where the inbox is opened with the code (in a body, never in the address).</summary>
    public const string InboxLocation = "/api/v1/anonymous-reports/inbox";

    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<Outcome<AnonymousReportReceipt>> HandleAsync(AnonymousReportRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        var narrative = v.Required("narrative", request.Narrative, ReceiveReport.MaxNarrative);
        var region = v.Required("region", request.Region, 8);
        v.Region("region", region);
        var injuries = v.Optional("injuries", request.Injuries, 4000);
        var incidentAt = v.Required("incidentAt", request.IncidentAt);
        if (request.IncidentAt is not null)
        {
            v.Moment("incidentAt", incidentAt, now, rules.At(now), Earliest, "2000");
        }

        if (request.FacilityId is { } facilityId)
        {
            var facility = await facilities.FindAsync(db, facilityId, ct);
            if (facility is null)
            {
                v.Add("facilityId", "is not a known facility");
            }
            else if (!v.Has("region") && facility.Region != region)
            {
                v.Add("facilityId", "is not in the region");
            }
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var report = await ReceiveReport.NewAsync(
            db, rules, numbers, now, AnonymousChannel.PublicActor, receivedAt: now, ReportSource.Anonymous, narrative, region, [], [],
            detentionId: null, detentionEventId: null, request.FacilityId, incidentAt, injuries, anonymous: true, ct);
        var code = ReceiptKey.NewCode();
        var channel = new AnonymousChannel { Id = Guid.CreateVersion7(now), ReportId = report.Id, ReceiptHash = receipts.Hash(code), CreatedAt = now };
        db.Add(channel);
        LedgerWriter.Append(db, ProtectionLedger.AnonymousChannelOpened, channel.Id, now, ProtectionLedger.Content(channel));
        return Outcome<AnonymousReportReceipt>.Created(
            () => new AnonymousReportReceipt(ReceiptKey.Format(code), InboxStatus.Received, report.ReceivedAt, report.RegistrationDueBy), InboxLocation);
    }
}
