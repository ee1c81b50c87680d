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

namespace Aigaq.Visits.Headcounts;

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/visits/{id}/headcount</c>): when the team counted, and whom it found held.</summary>
public sealed record RecordHeadcountRequest(DateTimeOffset? At, List<PersonInput?>? People);

public sealed record HeadcountRecorded(Guid Id, int Registered, int Unregistered, int RegisteredElsewhere, int Absent, IReadOnlyList<Guid> ReportIds);

/// <summary>
/// The team's headcount against the register at that moment (issue 17, item 5; ADR 0030). Each person found is matched to
/// a detention registered by then: by IIN, else by the tolerant key of the last name with the first name and, when both
/// sides have it, the birth date. A person found held and not registered here raises <see cref="AlertCodes.UnregisteredDetainee"/>
/// and opens a torture report (source <c>monitoringVisit</c>, the facility's agency alleged): held without a record is
/// the risk the register exists against. A person the register had held here and the team did not find raises
/// <see cref="AlertCodes.RegisteredButAbsent"/> on the detention; people on their way here are not expected yet. All of it
/// in one transaction, once per visit.
/// </summary>
public sealed class RecordHeadcount(AigaqDb db, RulePackCatalog rules, NumberAllocator numbers, FacilityDirectory facilities, AccessLog log, TimeProvider clock)
{
    /// <summary>More people than this in one count is not a place's population but a mistake.</summary>
    public const int MaxPeople = 5000;

    public async Task<Outcome<HeadcountRecorded>> HandleAsync(Guid visitId, RecordHeadcountRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var v = new Validation();
        var at = v.Required("at", request.At);
        if (request.At is not null && v.Moment("at", at, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned")
            && await VisitFieldwork.ArrivedAtAsync(db, visitId, ct) is { } arrived && at < arrived)
        {
            v.Add("at", "is before the team arrived");
        }

        var people = request.People ?? [];
        if (people.Count == 0)
        {
            v.Add("people", "must name the people found held");
        }
        else if (people.Count > MaxPeople)
        {
            v.Add("people", $"must hold at most {MaxPeople} people");
        }

        var found = people.Take(MaxPeople).Select((p, i) => Person(v, p, $"people[{i}]", now)).ToList();
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await VisitFieldwork.UnapprovedAsync(db, visit, pack, ct) is { } unapproved)
        {
            return unapproved;
        }

        if (await db.Set<VisitHeadcount>().AnyAsync(h => h.VisitId == visitId, ct))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem("The visit's headcount is already recorded.", "people"));
        }

        var facility = (await facilities.FindAsync(db, visit.FacilityId, ct))!;
        var placements = await RegisterAtMoment.PlacementsAsync(
            db, visit.FacilityId, at, [.. found.Where(p => p.Iin is not null).Select(p => p.Iin!)],
            [.. found.Select(p => LookupName.Skeleton(p.LastName)).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)], ct);
        var unclaimed = placements.ToList();
        var headcount = new VisitHeadcount { Id = Guid.CreateVersion7(now), VisitId = visitId, FacilityId = visit.FacilityId, At = at, RecordedAt = now, RecordedBy = user.RequiredUserId() };
        var reports = new List<Guid>();
        var alerts = new List<(AlertDue Due, Guid? DetentionId, AlertSubject? Subject)>();
        foreach (var person in found)
        {
            var match = Match(person, unclaimed, visit.FacilityId);
            if (match is not null)
            {
                unclaimed.Remove(match);
            }

            var finding = match is null ? HeadcountFinding.Unregistered
                : match.FacilityId == visit.FacilityId ? HeadcountFinding.Registered : HeadcountFinding.RegisteredElsewhere;
            var entryId = Guid.CreateVersion7(now);
            Guid? reportId = null;
            if (finding != HeadcountFinding.Registered)
            {
                var report = await OpenReportAsync(visit, facility, headcount, person, match?.Detention, ct);
                reportId = report.Id;
                reports.Add(report.Id);
                alerts.Add((Due(AlertCodes.UnregisteredDetainee, entryId, visit, $"{visit.Number} · {report.Number}"), null, new AlertSubject(ReportId: report.Id)));
            }

            headcount.Entries.Add(Entry(entryId, headcount, person, finding, match?.Detention.Id, reportId));
        }

        // Held here by the register (arrived, not on the way) and not found: asked of the place, on the detention.
        foreach (var absent in unclaimed.Where(p => p.FacilityId == visit.FacilityId && !p.InTransit).OrderBy(p => p.Detention.Seq))
        {
            var entryId = Guid.CreateVersion7(now);
            headcount.Entries.Add(Entry(entryId, headcount, null, HeadcountFinding.Absent, absent.Detention.Id, null));
            alerts.Add((Due(AlertCodes.RegisteredButAbsent, entryId, visit, $"{visit.Number} · {absent.Detention.Number}"), absent.Detention.Id, null));
        }

        db.Add(headcount);
        LedgerWriter.Append(db, VisitLedger.Headcount, headcount.Id, now, VisitLedger.Content(headcount));
        foreach (var (due, detentionId, subject) in alerts)
        {
            db.Add(AlertFactory.Create(due, detentionId, visit.Region, now, subject));
        }

        log.Add(user, "visit.headcount", visitId.ToString(), "allowed");
        var counts = headcount.Entries.CountBy(e => e.Finding).ToDictionary();
        return Outcome<HeadcountRecorded>.Created(
            () => new HeadcountRecorded(
                headcount.Id, counts.GetValueOrDefault(HeadcountFinding.Registered), counts.GetValueOrDefault(HeadcountFinding.Unregistered),
                counts.GetValueOrDefault(HeadcountFinding.RegisteredElsewhere), counts.GetValueOrDefault(HeadcountFinding.Absent), reports),
            $"/api/v1/visits/{visitId}");
    }

    private static ReportVictim Person(Validation v, PersonInput? p, string path, DateTimeOffset now)
    {
        p ??= new PersonInput(null, null, null, null, null, null, null, null);
        return new ReportVictim
        {
            LastName = v.RequiredName($"{path}.lastName", p.LastName, 100),
            FirstName = v.RequiredName($"{path}.firstName", p.FirstName, 100),
            Patronymic = v.OptionalName($"{path}.patronymic", p.Patronymic, 100),
            BirthDate = p.BirthDate,
            Iin = Iin.Validate(v, path, p.Iin, p.BirthDate, now),
        };
    }

    /// <summary>The detention a person found is, by IIN first, else by names and birth date; one held here preferred.</summary>
    private static Placement? Match(ReportVictim person, List<Placement> unclaimed, Guid facilityId)
    {
        if (person.Iin is { } iin && unclaimed.FirstOrDefault(p => p.Detention.Iin == iin) is { } byIin)
        {
            return byIin;
        }

        var key = LookupName.Skeleton(person.LastName);
        return unclaimed
            .Where(p => key.Length > 0 && p.Detention.LookupKey == key && LookupName.Meet(p.Detention.FirstName, person.FirstName)
                && (person.BirthDate is null || p.Detention.BirthDate is null || p.Detention.BirthDate == person.BirthDate)
                && (person.Iin is null || p.Detention.Iin is null || p.Detention.Iin == person.Iin))
            .OrderByDescending(p => p.FacilityId == facilityId)
            .ThenBy(p => p.Detention.Seq)
            .FirstOrDefault();
    }

    /// <summary>
    /// The torture report a person held off the register opens: received now, from the monitoring visit, the place's
    /// agency alleged, its text in the state's languages naming the visit and no one (the person is its victim).
    /// </summary>
    private async Task<Report> OpenReportAsync(Visit visit, Facility facility, VisitHeadcount headcount, ReportVictim person, Detention? elsewhere, CancellationToken ct)
    {
        var narrative = elsewhere is null
            ? $"Мониторинг тобы бару кезінде ({visit.Number}) мекемеде ұсталған, бірақ тізілімде жоқ адамды тапты: {facility.Name}. "
                + $"Мониторинговая группа при посещении ({visit.Number}) обнаружила содержащегося человека, которого нет в реестре: {facility.Name}."
            : $"Мониторинг тобы бару кезінде ({visit.Number}) тізілім бойынша басқа жерде ұсталған адамды тапты (ұстау {elsewhere.Number}): {facility.Name}. "
                + $"Мониторинговая группа при посещении ({visit.Number}) обнаружила человека, который по реестру содержится в другом месте (задержание {elsewhere.Number}): {facility.Name}.";
        return await ReceiveReport.NewAsync(
            db, rules, numbers, headcount.RecordedAt, headcount.RecordedBy, receivedAt: headcount.RecordedAt, ReportSource.MonitoringVisit, narrative, visit.Region,
            [new ReportVictim { LastName = person.LastName, FirstName = person.FirstName, Patronymic = person.Patronymic, BirthDate = person.BirthDate, Iin = person.Iin }],
            [new AllegedPerpetrator { Agency = facility.Agency, Unit = facility.Name }],
            elsewhere?.Id, null, facility.Id, headcount.At, injuries: null, anonymous: false, ct);
    }

    private static AlertDue Due(string code, Guid entryId, Visit visit, string detail) =>
        new(code, $"{code}:{entryId}{GetVisit.KeySuffix(visit.Id)}", null, detail);

    private static HeadcountEntry Entry(Guid id, VisitHeadcount headcount, ReportVictim? person, HeadcountFinding finding, Guid? detentionId, Guid? reportId) => new()
    {
        Id = id,
        HeadcountId = headcount.Id,
        Position = headcount.Entries.Count,
        Finding = finding,
        LastName = person?.LastName,
        FirstName = person?.FirstName,
        Patronymic = person?.Patronymic,
        BirthDate = person?.BirthDate,
        Iin = person?.Iin,
        DetentionId = detentionId,
        ReportId = reportId,
    };
}
