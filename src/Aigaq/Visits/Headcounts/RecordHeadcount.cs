using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
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
/// and, through the cases area's seam <see cref="Cases.IHeldOffRegisterReports"/>, opens a torture report (the cases area's <c>ReportFromHeadcount</c>):
/// held without a record is the risk the register exists against. A person the register had held here and the team did not find raises
/// <see cref="AlertCodes.RegisteredButAbsent"/> on the detention; people on their way here are not expected yet. All of it
/// in one transaction, once per visit.
/// </summary>
public sealed class RecordHeadcount(
    AigaqDb db, RulePackCatalog rules, FacilityDirectory facilities, Cases.IHeldOffRegisterReports offRegister, AccessLog log, TimeProvider clock)
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
        foreach (var twice in found.Select((p, i) => (p.Iin, i)).Where(p => p.Iin is not null).GroupBy(p => p.Iin).Where(g => g.Count() > 1))
        {
            v.Add($"people[{twice.Last().i}].iin", "names a person already counted");
        }
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        if (await VisitFieldwork.UnapprovedAsync(db, visit, pack, ct) is { } unapproved)
        {
            return unapproved;
        }

        if (await VisitFieldwork.NotArrivedAsync(db, visit, ct) is { } notArrived)
        {
            return notArrived;
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
        var alerts = new List<(AlertDue Due, AlertDetention? Detention, AlertSubject? Subject)>();
        // Two passes: every IIN first, so that a name alone never takes the detention an IIN given later names.
        var matches = new Placement?[found.Count];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < found.Count; i++)
            {
                if (matches[i] is null && (pass == 1 || found[i].Iin is not null) && Match(found[i], unclaimed, visit.FacilityId, byIin: pass == 0) is { } m)
                {
                    matches[i] = m;
                    unclaimed.Remove(m);
                }
            }
        }

        for (var i = 0; i < found.Count; i++)
        {
            var person = found[i];
            var match = matches[i];

            var finding = match is null ? HeadcountFinding.Unregistered
                : match.FacilityId == visit.FacilityId ? HeadcountFinding.Registered : HeadcountFinding.RegisteredElsewhere;
            var entryId = Guid.CreateVersion7(now);
            Guid? reportId = null;
            if (finding != HeadcountFinding.Registered)
            {
                // The cases area opens a torture report (its seam, ReportFromHeadcount); the alert names it.
                var report = await offRegister.OpenAsync(
                    new Cases.PersonHeldOffRegister(
                        db, visit.Number, visit.Region, facility, headcount.At, headcount.RecordedAt, headcount.RecordedBy,
                        person.LastName, person.FirstName, person.Patronymic, person.BirthDate, person.Iin, match?.Detention),
                    ct);
                reportId = report.ReportId;
                reports.Add(report.ReportId);
                alerts.Add((Due(AlertCodes.UnregisteredDetainee, entryId, visit, $"{visit.Number} · {report.Number}"), null, new AlertSubject(ReportId: report.ReportId)));
            }

            headcount.Entries.Add(Entry(entryId, headcount, person, finding, match?.Detention.Id, reportId));
        }

        // Held here by the register (arrived, not on the way) and not found: asked of the place, on the detention.
        foreach (var absent in unclaimed.Where(p => p.FacilityId == visit.FacilityId && !p.InTransit).OrderBy(p => p.Detention.Seq))
        {
            var entryId = Guid.CreateVersion7(now);
            headcount.Entries.Add(Entry(entryId, headcount, null, HeadcountFinding.Absent, absent.Detention.Id, null));
            alerts.Add((Due(AlertCodes.RegisteredButAbsent, entryId, visit, $"{visit.Number} · {absent.Detention.Number}"), absent.Detention.ForAlert(), null));
        }

        db.Add(headcount);
        LedgerWriter.Append(db, VisitLedger.Headcount, headcount.Id, now, VisitLedger.Content(headcount));
        foreach (var (due, detention, subject) in alerts)
        {
            db.Add(AlertFactory.Create(due, detention, visit.Region, now, subject));
        }

        log.Add(user, "visit.headcount", visitId.ToString(), "allowed");
        var counts = headcount.Entries.CountBy(e => e.Finding).ToDictionary();
        return Outcome<HeadcountRecorded>.Created(
            () => new HeadcountRecorded(
                headcount.Id, counts.GetValueOrDefault(HeadcountFinding.Registered), counts.GetValueOrDefault(HeadcountFinding.Unregistered),
                counts.GetValueOrDefault(HeadcountFinding.RegisteredElsewhere), counts.GetValueOrDefault(HeadcountFinding.Absent), reports),
            $"/api/v1/visits/{visitId}");
    }

    private static FoundPerson Person(Validation v, PersonInput? p, string path, DateTimeOffset now)
    {
        p ??= new PersonInput(null, null, null, null, null, null, null, null);
        return new FoundPerson(
            v.RequiredName($"{path}.lastName", p.LastName, 100),
            v.RequiredName($"{path}.firstName", p.FirstName, 100),
            v.OptionalName($"{path}.patronymic", p.Patronymic, 100),
            p.BirthDate,
            Iin.Validate(v, path, p.Iin, p.BirthDate, now));
    }

    /// <summary>
    /// The detention a person found is: by IIN in the first pass; by names in the second (a person given an IIN and not
    /// matched by it is matched by names too). A detention held here is preferred. One held elsewhere is taken only on
    /// strong grounds (the IIN, or the birth date on both sides): a namesake elsewhere is not the person found (review H1),
    /// who is then held off the register.
    /// </summary>
    private static Placement? Match(FoundPerson person, List<Placement> unclaimed, Guid facilityId, bool byIin)
    {
        if (byIin)
        {
            return unclaimed.Where(p => p.Detention.Iin == person.Iin).OrderByDescending(p => p.FacilityId == facilityId).ThenBy(p => p.Detention.Seq).FirstOrDefault();
        }

        var key = LookupName.Skeleton(person.LastName);
        return unclaimed
            .Where(p => key.Length > 0 && p.Detention.LookupKey == key && LookupName.Meet(p.Detention.FirstName, person.FirstName)
                && (person.BirthDate is null || p.Detention.BirthDate is null || p.Detention.BirthDate == person.BirthDate)
                && (person.Iin is null || p.Detention.Iin is null || p.Detention.Iin == person.Iin)
                && (p.FacilityId == facilityId || (person.BirthDate is not null && p.Detention.BirthDate == person.BirthDate)))
            .OrderByDescending(p => p.FacilityId == facilityId)
            .ThenBy(p => p.Detention.Seq)
            .FirstOrDefault();
    }

    private static AlertDue Due(string code, Guid entryId, Visit visit, string detail) =>
        new(code, $"{code}:{entryId}{GetVisit.KeySuffix(visit.Id)}", null, detail);

    private static HeadcountEntry Entry(Guid id, VisitHeadcount headcount, FoundPerson? person, HeadcountFinding finding, Guid? detentionId, Guid? reportId) => new()
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

/// <summary>A person as the team wrote them down.</summary>
internal sealed record FoundPerson(string LastName, string FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin);
