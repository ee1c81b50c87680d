using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>Who did it: the agency (the cases area's agency codes) and, if told, the unit.</summary>
public sealed record PerpetratorInput(Agency? Agency, string? Unit);

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/reprisals</c>), with the evidence and the links of issue 15, item 6.</summary>
public sealed record RecordReprisalRequest(
    Guid? ProtectedPersonId, DateTimeOffset? OccurredAt, string? Type, PerpetratorInput? Perpetrator, string? Description, string? Source,
    ReprisalReliability? Reliability, string? Evidence = null, Guid? ReportId = null, Guid? CaseId = null, Guid? DetentionId = null, Guid? VisitId = null);

public sealed record ReprisalCreated(Guid Id);

/// <summary>
/// Records a reprisal against a protected person whom the recorder may read (<see cref="GetProtectedPerson.Visible"/>),
/// in the person's region, with its log entry and a discreet <see cref="AlertCodes.ReprisalReported"/> in the same
/// transaction. The alert names the pseudonym and the kind of reprisal, never the person, and is attached to no
/// detention, report or case: their readers include the agencies that reprisals come from.
/// </summary>
public sealed class RecordReprisal(AigaqDb db, NumberAllocator numbers, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const string Series = NumberAllocator.Reprisals;
    public const int MaxText = 4000;
    public const int MaxUnit = 200;

    public async Task<Outcome<ReprisalCreated>> HandleAsync(RecordReprisalRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var r = pack.Reprisals;
        var v = new Validation();
        var occurredAt = v.Required("occurredAt", request.OccurredAt);
        if (request.OccurredAt is not null)
        {
            v.Moment("occurredAt", occurredAt, now, pack, Earliest(pack), r.OccurredNotBefore.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        var type = Code(v, "type", request.Type, r.Types);
        if (request.Perpetrator is null)
        {
            v.Add("perpetrator", "is required");
        }

        var agency = request.Perpetrator is null ? default : v.Required("perpetrator.agency", request.Perpetrator.Agency);
        var unit = v.Optional("perpetrator.unit", request.Perpetrator?.Unit, MaxUnit);
        var description = v.Required("description", request.Description, MaxText);
        var source = Code(v, "source", request.Source, r.Sources);
        var reliability = v.Required("reliability", request.Reliability);
        var evidence = v.Optional("evidence", request.Evidence, MaxText);
        if (request.VisitId is not null)
        {
            v.Add("visitId", "monitoring visits are not registered in Aigaq yet");
        }

        await LinksAsync(v, request, ct);
        var personId = v.Required("protectedPersonId", request.ProtectedPersonId);
        var person = request.ProtectedPersonId is null ? null : await GetProtectedPerson.Visible(db.Set<ProtectedPerson>().AsNoTracking(), user)
            .Where(p => p.Id == personId).Select(p => new { p.Pseudonym, p.Region }).FirstOrDefaultAsync(ct);
        if (request.ProtectedPersonId is not null && person is null)
        {
            // The same answer whether the person does not exist or is not the recorder's to read: no probe of either.
            v.Add("protectedPersonId", "is not a protected person you may read");
        }

        if (!v.IsValid || person is null)
        {
            return new ProblemResult(v.Problem());
        }

        var id = Guid.CreateVersion7(now);
        var reprisal = new Reprisal
        {
            Id = id,
            Seq = await numbers.NextAsync(Series, ct),
            ProtectedPersonId = personId,
            Region = person.Region,
            OccurredAt = occurredAt,
            Type = type,
            Agency = agency,
            Unit = unit,
            Description = description,
            Source = source,
            Reliability = reliability,
            Evidence = evidence,
            ReportId = request.ReportId,
            CaseId = request.CaseId,
            DetentionId = request.DetentionId,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
            RulePackId = pack.Id,
        };
        db.Add(reprisal);
        LedgerWriter.Append(db, ProtectionLedger.ReprisalRecorded, id, now, ProtectionLedger.Content(reprisal));
        db.Add(AlertFactory.Create(
            new AlertDue(AlertCodes.ReprisalReported, $"{AlertCodes.ReprisalReported}:{id}{MatchDetentions.KeySuffix(personId)}", null, $"{person.Pseudonym} · {type}"),
            detention: null, person.Region, now));
        log.Add(user, "reprisal.record", id.ToString(), "allowed");
        return Outcome<ReprisalCreated>.Created(() => new ReprisalCreated(id), $"/api/v1/reprisals/{id}");
    }

    /// <summary>The pack's first day for a reprisal, at local midnight.</summary>
    internal static DateTimeOffset Earliest(RulePack pack)
    {
        var local = pack.Reprisals.OccurredNotBefore.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, pack.Zone.GetUtcOffset(local));
    }

    /// <summary>A required code from one of the pack's lists; anything else is named with the codes it may be.</summary>
    internal static string Code(Validation v, string field, string? value, string[] codes)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, "is required");
            return "";
        }

        if (!ReprisalRules.Holds(codes, value))
        {
            v.Add(field, "must be one of " + string.Join(", ", codes));
            return "";
        }

        return value;
    }

    private async Task LinksAsync(Validation v, RecordReprisalRequest r, CancellationToken ct)
    {
        if (r.ReportId is { } reportId && !await db.Set<Report>().AnyAsync(x => x.Id == reportId, ct))
        {
            v.Add("reportId", "is not a received report");
        }

        if (r.CaseId is { } caseId && !await db.Set<Case>().AnyAsync(x => x.Id == caseId, ct))
        {
            v.Add("caseId", "is not a registered case");
        }

        if (r.DetentionId is { } detentionId && !await db.Set<Detention>().AnyAsync(x => x.Id == detentionId, ct))
        {
            v.Add("detentionId", "is not a registered detention");
        }
    }
}
