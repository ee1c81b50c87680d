using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Cases;

public sealed record VictimInput(string? LastName, string? FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin);

public sealed record AllegedInput(Agency? Agency, string? Unit, string? Name);

/// <summary>The report of CONTRACT.md. Every field is nullable so that a missing one is named, not a parse failure.</summary>
public sealed record ReceiveReportRequest(
    DateTimeOffset? ReceivedAt,
    ReportSource? Source,
    string? Narrative,
    string? Region,
    List<VictimInput>? Victims,
    List<AllegedInput>? Alleged,
    Guid? DetentionId,
    Guid? FacilityId,
    DateTimeOffset? IncidentAt,
    string? Injuries,
    bool? Anonymous,
    ProtectInput? Protect = null);

/// <summary>
/// Receives a report of torture or ill-treatment from any source and starts its registration
/// clock: the deadline comes from the rule pack in force when the report was received.
/// </summary>
public sealed class ReceiveReport(
    AigaqDb db, RulePackCatalog rules, NumberAllocator numbers, FacilityDirectory facilities, TimeProvider clock, IEnumerable<IComplainantProtection> protection)
{
    public const int MaxVictims = 50;
    public const int MaxAlleged = 50;
    public const int MaxNarrative = 20000;

    /// <summary>Reports older than this are refused as a typing error rather than history.</summary>
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<Outcome<ReportView>> HandleAsync(ReceiveReportRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        var skew = TimeSpan.FromMinutes(rules.At(now).Registration.ClockSkewMinutes);

        var receivedAt = v.Required("receivedAt", request.ReceivedAt);
        if (request.ReceivedAt is not null)
        {
            Instant(v, "receivedAt", receivedAt, now, skew);
        }

        if (request.IncidentAt is { } incident)
        {
            Instant(v, "incidentAt", incident, now, skew);
            if (request.ReceivedAt is { } received && incident > received + skew)
            {
                v.Add("incidentAt", "is after receivedAt");
            }
        }

        var source = v.Required("source", request.Source);
        var narrative = v.Required("narrative", request.Narrative, MaxNarrative);
        var region = v.Required("region", request.Region, 8);
        v.Region("region", region);
        var injuries = v.Optional("injuries", request.Injuries, 4000);

        var victims = request.Victims ?? [];
        if (victims.Count > MaxVictims)
        {
            v.Add("victims", $"must hold at most {MaxVictims} people");
        }

        var victimRows = victims.Take(MaxVictims).Select((p, i) => Victim(v, p, $"victims[{i}]", now)).ToList();

        var alleged = request.Alleged ?? [];
        if (alleged.Count > MaxAlleged)
        {
            v.Add("alleged", $"must hold at most {MaxAlleged} entries");
        }

        var allegedRows = alleged.Take(MaxAlleged).Select((a, i) => new AllegedPerpetrator
        {
            Agency = v.Required($"alleged[{i}].agency", a?.Agency),
            Unit = v.Optional($"alleged[{i}].unit", a?.Unit, 300),
            Name = v.OptionalName($"alleged[{i}].name", a?.Name, 300),
        }).ToList();

        if (request.DetentionId is { } detentionId &&
            !await db.Set<Detention>().Visible(user).AnyAsync(d => d.Id == detentionId, ct))
        {
            v.Add("detentionId", "is not a detention you may see");
        }

        if (request.FacilityId is { } facilityId && await facilities.FindAsync(db, facilityId, ct) is null)
        {
            v.Add("facilityId", "is not a known facility");
        }

        var protect = request.Protect is { } asked ? ProtectedVictim(v, asked, victimRows.Count, user) : null;
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var report = await NewAsync(
            db, rules, numbers, now, user.RequiredUserId(), receivedAt, source, narrative, region, victimRows, allegedRows,
            request.DetentionId, null, request.FacilityId, request.IncidentAt, injuries,
            anonymous: request.Anonymous == true || source == ReportSource.Anonymous, ct);
        if (protect is { } i && protection.FirstOrDefault() is { } protector)
        {
            // The report is saved (not committed) first, so that the protected person links to it; a refusal of the
            // protection refuses the whole report, and nothing of either is kept.
            await db.SaveChangesAsync(ct);
            if (await protector.ProtectAsync(report, i, request.Victims![i], request.Protect!, user, ct) is { } refused)
            {
                return new ProblemResult(refused);
            }
        }

        return Outcome<ReportView>.Created(() => ReportView.From(report, [], []), $"/api/v1/reports/{report.Id}");
    }

    /// <summary>Which victim is to be protected, if the user may ask it and the protection area is there.</summary>
    private int? ProtectedVictim(Validation v, ProtectInput asked, int victims, ClaimsPrincipal user)
    {
        var i = asked.Victim ?? 0;
        if (!user.Can(Permissions.RegisterProtectedPersons) || !protection.Any())
        {
            v.Add("protect", "you may not register protected persons");
        }
        else if (i < 0 || i >= victims)
        {
            v.Add(asked.Victim is null ? "victims" : "protect.victim", victims == 0 ? "must name the person to protect" : $"must be from 0 to {victims - 1}");
        }

        return v.IsValid ? i : null;
    }

    /// <summary>
    /// Adds a report, its deadline and its log entry to the context. Used by intake and by the
    /// custody timeline, whose injuries and complaints become reports by themselves.
    /// </summary>
    internal static async Task<Report> NewAsync(
        AigaqDb db, RulePackCatalog rules, NumberAllocator numbers, DateTimeOffset now, Guid recordedBy,
        DateTimeOffset receivedAt, ReportSource source, string narrative, string region,
        List<ReportVictim> victims, List<AllegedPerpetrator> alleged, Guid? detentionId, Guid? detentionEventId,
        Guid? facilityId, DateTimeOffset? incidentAt, string? injuries, bool anonymous, CancellationToken ct)
    {
        var pack = rules.At(receivedAt);
        var id = Guid.CreateVersion7(now);
        var year = pack.ToLocal(receivedAt).Year;
        var seq = await numbers.NextAsync(NumberAllocator.Reports, ct);
        var report = new Report
        {
            Id = id,
            Seq = seq,
            Number = FormattableString.Invariant($"R{region[3..]}-{seq:D6}"),
            ReceivedAt = receivedAt,
            ReceivedYear = year,
            RecordedAt = now,
            RecordedBy = recordedBy,
            Source = source,
            Narrative = narrative,
            Region = region,
            DetentionId = detentionId,
            DetentionEventId = detentionEventId,
            FacilityId = facilityId,
            IncidentAt = incidentAt,
            Injuries = injuries,
            Anonymous = anonymous,
            Victims = victims,
            Alleged = [.. alleged.Select(a => new AllegedPerpetrator { ReportId = id, Agency = a.Agency, ReceivedYear = year, Region = region, Unit = a.Unit, Name = a.Name })],
            RulePackId = pack.Id,
            Status = ReportStatus.Received,
            RegistrationDueBy = receivedAt.AddHours(pack.Reports.RegistrationWithinHours),
        };
        db.Add(report);
        LedgerWriter.Append(db, CaseLedger.ReportReceived, id, now, CaseLedger.Content(report));
        return report;
    }

    private static ReportVictim Victim(Validation v, VictimInput? p, string path, DateTimeOffset now)
    {
        p ??= new VictimInput(null, null, null, null, null);
        var iin = Iin.Validate(v, path, p.Iin, p.BirthDate, now);
        var victim = new ReportVictim
        {
            LastName = v.OptionalName($"{path}.lastName", p.LastName, 100),
            FirstName = v.OptionalName($"{path}.firstName", p.FirstName, 100),
            Patronymic = v.OptionalName($"{path}.patronymic", p.Patronymic, 100),
            BirthDate = p.BirthDate,
            Iin = iin,
        };

        // A victim must be someone: an empty person ({}) names nobody the report could be followed up for.
        if (victim is { LastName: null, FirstName: null, Patronymic: null, BirthDate: null, Iin: null } && !v.Has($"{path}.iin"))
        {
            v.Add(path, "must name the person: a name, a birth date or an IIN");
        }

        return victim;
    }

    private static void Instant(Validation v, string field, DateTimeOffset value, DateTimeOffset now, TimeSpan skew)
    {
        if (value > now + skew)
        {
            v.Add(field, "is in the future");
        }
        else if (value < Earliest)
        {
            v.Add(field, "is before 2000");
        }
    }
}
