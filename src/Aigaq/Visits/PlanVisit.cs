using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>A team member as CONTRACT.md takes them, with their stated sex (optional) for the gender-balance check.</summary>
public sealed record TeamMemberInput(string? Email, string? Name, TeamRole? Role, TeamSex? Sex = null);

/// <summary>The request of CONTRACT.md (<c>POST /api/v1/visits</c>), with when notice was given for an announced visit.</summary>
public sealed record PlanVisitRequest(
    Guid? FacilityId, DateTimeOffset? PlannedFor, VisitKind? Kind, bool? Announced, IReadOnlyList<TeamMemberInput?>? Team,
    DateTimeOffset? NoticeGivenAt = null);

/// <summary>The answer: the visit and what is worth a second look but refuses nothing (<see cref="PlanVisit.Warnings"/>).</summary>
public sealed record VisitPlanned(Guid Id, string Number, IReadOnlyList<string> Warnings);

/// <summary>
/// Plans a monitoring visit to a facility of the register in the monitor's region, with its team. A team has exactly one
/// lead; a member whose account works for the agency running the place (the account's facility's agency, else its role's
/// in the rule pack, compared by the pack's agency groups) is refused by name. A team without both a woman and a man, or
/// a place closed to monitoring, is a warning in the answer, not a refusal.
/// </summary>
public sealed class PlanVisit(
    AigaqDb db, FacilityDirectory facilities, VisitChecklists checklists, NumberAllocator numbers, RulePackCatalog rules, AccessLog log,
    TimeProvider clock)
{
    public const string Series = NumberAllocator.Visits;
    public const int MaxName = 200;
    public const int MaxText = 2000;
    public const int MaxTeam = 30;
    public const string GenderUnbalanced = "teamGenderUnbalanced";
    public const string FacilityClosed = "facilityClosedToMonitoring";

    public async Task<Outcome<VisitPlanned>> HandleAsync(PlanVisitRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var v = new Validation();
        var facilityId = v.Required("facilityId", request.FacilityId);
        var facility = request.FacilityId is null ? null : await facilities.FindAsync(db, facilityId, ct);
        if (request.FacilityId is not null && facility is null)
        {
            v.Add("facilityId", "is not a facility of the register");
        }
        else if (facility is not null && facility.Region != user.RegionScope())
        {
            v.Add("facilityId", "is not in your region");
        }

        var plannedFor = v.Required("plannedFor", request.PlannedFor);
        if (request.PlannedFor is not null && plannedFor < now - TimeSpan.FromHours(pack.VisitTeams.PlanBackdateHours))
        {
            v.Add("plannedFor", $"is more than {pack.VisitTeams.PlanBackdateHours} hours ago: a visit is planned before it is made");
        }
        else if (plannedFor > now + TimeSpan.FromDays(pack.VisitTeams.PlanAheadDays))
        {
            v.Add("plannedFor", $"is more than {pack.VisitTeams.PlanAheadDays} days ahead");
        }
        var kind = v.Required("kind", request.Kind);
        var announced = v.Required("announced", request.Announced);
        if (request.NoticeGivenAt is { } notice)
        {
            if (request.Announced == false)
            {
                v.Add("noticeGivenAt", "is given only for an announced visit");
            }
            else
            {
                v.Moment("noticeGivenAt", notice, now, pack);
            }
        }

        var team = Team(v, request.Team);
        if (facility is not null && team.Count > 0)
        {
            await ConflictsAsync(v, team, facility, pack, ct);
        }

        if (!v.IsValid || facility is null)
        {
            return new ProblemResult(v.Problem());
        }

        var checklist = checklists.At(plannedFor);
        var id = Guid.CreateVersion7(now);
        var seq = await numbers.NextAsync(Series, ct);
        var visit = new Visit
        {
            Id = id,
            Seq = seq,
            Number = "V-" + seq.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            FacilityId = facility.Id,
            Region = facility.Region,
            PlannedFor = plannedFor,
            Kind = kind,
            Announced = announced,
            NoticeGivenAt = request.NoticeGivenAt,
            ChecklistId = checklist.Id,
            ChecklistVersion = checklist.Version,
            ChecklistKind = checklist.KindOf(facility.Type, facility.Agency),
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
            RulePackId = pack.Id,
            Team = [.. team.Select((m, i) => new VisitTeamMember
            {
                Id = Guid.CreateVersion7(now),
                VisitId = id,
                Position = i,
                Name = m.Name,
                Email = m.Email,
                Role = m.Role,
                Sex = m.Sex,
                UserId = m.UserId,
            })],
        };
        db.Add(visit);
        LedgerWriter.Append(db, VisitLedger.VisitPlanned, id, now, VisitLedger.Content(visit, visit.Team));
        log.Add(user, "visit.plan", id.ToString(), "allowed");
        var closed = (await FacilityMonitoring.ProfileAsync(db, facility.Id, ct)).Closed;
        var warnings = Warnings(visit.Team, closed);
        return Outcome<VisitPlanned>.Created(() => new VisitPlanned(id, visit.Number, warnings), $"/api/v1/visits/{id}");
    }

    /// <summary>What refuses nothing but is worth a second look: a team without both a woman and a man; a place closed to monitoring.</summary>
    public static IReadOnlyList<string> Warnings(IEnumerable<VisitTeamMember> team, bool closed)
    {
        var sexes = team.Where(m => m.Sex is not null).Select(m => m.Sex!.Value).ToHashSet();
        List<string> warnings = [];
        if (!sexes.Contains(TeamSex.Female) || !sexes.Contains(TeamSex.Male))
        {
            warnings.Add(GenderUnbalanced);
        }

        if (closed)
        {
            warnings.Add(FacilityClosed);
        }

        return warnings;
    }

    private sealed record Member(string Name, string? Email, TeamRole Role, TeamSex? Sex)
    {
        public Guid? UserId { get; set; }
    }

    private static List<Member> Team(Validation v, IReadOnlyList<TeamMemberInput?>? input)
    {
        if (input is null || input.Count == 0)
        {
            v.Add("team", "is required");
            return [];
        }

        if (input.Count > MaxTeam)
        {
            v.Add("team", $"has more than {MaxTeam} members");
            return [];
        }

        var team = new List<Member>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"team[{i}]";
            if (input[i] is not { } m)
            {
                v.Add(field, "is required");
                continue;
            }

            var name = v.RequiredName(field + ".name", m.Name, MaxName);
            var email = v.Optional(field + ".email", m.Email, 254);
            if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
            {
                v.Add(field + ".email", "is not an e-mail address");
            }

            var role = v.Required(field + ".role", m.Role);
            team.Add(new Member(name, email, role, m.Sex));
        }

        var leads = team.Count(m => m.Role == TeamRole.Lead);
        if (v.IsValid && leads != 1)
        {
            v.Add("team", leads == 0 ? "has no lead" : "has more than one lead");
        }

        return team;
    }

    /// <summary>
    /// Each member with an account: the agency it works for (its facility's, else its role's in the pack) must not be the
    /// agency running the place, nor one of its agency group (police and penitentiary are both internal affairs).
    /// </summary>
    private async Task ConflictsAsync(Validation v, List<Member> team, Facility facility, RulePack pack, CancellationToken ct)
    {
        var emails = team.Where(m => m.Email is not null).Select(m => m.Email!.ToUpperInvariant()).Distinct().ToList();
        if (emails.Count == 0)
        {
            return;
        }

        var accounts = await (
            from u in db.Users
            where u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail)
            join ur in db.UserRoles on u.Id equals ur.UserId into urs
            from ur in urs.DefaultIfEmpty()
            join r in db.Roles on ur.RoleId equals r.Id into rs
            from r in rs.DefaultIfEmpty()
            select new { u.Id, Email = u.NormalizedEmail!, u.FacilityId, Role = r == null ? null : r.Name }).AsNoTracking().ToListAsync(ct);
        var facilityIds = accounts.Where(a => a.FacilityId != null).Select(a => a.FacilityId!.Value).Distinct().ToList();
        var agencies = await db.Set<Facility>().AsNoTracking().Where(f => facilityIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Agency, ct);
        var running = pack.Cases.AgencyGroups.Values.Where(g => g.Contains(facility.Agency)).SelectMany(g => g).Append(facility.Agency).ToHashSet();
        for (var i = 0; i < team.Count; i++)
        {
            var member = team[i];
            var mine = accounts.Where(a => a.Email == member.Email?.ToUpperInvariant()).ToList();
            member.UserId = mine.FirstOrDefault()?.Id;
            foreach (var account in mine)
            {
                Agency? agency = account.FacilityId is { } f && agencies.TryGetValue(f, out var a) ? a
                    : account.Role is { } role && pack.VisitTeams.RoleAgencies.TryGetValue(role, out var byRole) ? byRole
                    : null;
                if (agency is { } conflict && running.Contains(conflict))
                {
                    v.Add($"team[{i}].email", $"{member.Name} works for {Json.Name(conflict)}, the agency that runs the facility");
                    break;
                }
            }
        }
    }
}
