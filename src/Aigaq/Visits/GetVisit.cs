using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

public sealed record VisitFacilityView(Guid Id, string Name, FacilityType Type, Agency Agency, string Region);

public sealed record TeamMemberView(string Name, string? Email, TeamRole Role, TeamSex? Sex, Guid? UserId);

public sealed record VisitChecklistRef(string Id, int Version, string? Kind);

public sealed record ApprovalView(Guid Id, Guid ApprovedBy, DateTimeOffset ApprovedAt, string? Comment);

public sealed record ArrivalView(DateTimeOffset ArrivedAt, DateTimeOffset? AdmittedAt, DateTimeOffset RecordedAt, Guid RecordedBy);

public sealed record VisitCheckView(Guid Id, VisitCheckKind Kind, string Name, DateTimeOffset At, string? Note, DateTimeOffset RecordedAt, Guid RecordedBy);

public sealed record AccessDenialView(
    Guid Id, DateTimeOffset At, DeniedAccess What, string By, string? Reason, int? Minutes, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>A line of the headcount: a person found (names as the team wrote them) or a registered detention not found.</summary>
public sealed record HeadcountEntryView(
    Headcounts.HeadcountFinding Finding, string? LastName, string? FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin, Guid? DetentionId, Guid? ReportId);

/// <summary>
/// An item's answer now (its latest revision) and how many answers it has had on the visit. <see cref="EvidenceAsked"/> is
/// the evidence the checklist's item asks for (<c>photo</c>, <c>document</c>, or none), <see cref="EvidenceMissing"/>
/// whether the answer still lacks it (<see cref="ChecklistItem.LacksEvidence"/>): accepted, and shown as missing.
/// </summary>
public sealed record ChecklistAnswerView(
    string ItemId, System.Text.Json.Nodes.JsonNode? Value, string? Note, DateTimeOffset At, DateTimeOffset RecordedAt, Guid RecordedBy, int Revisions,
    IReadOnlyList<AnswerEvidenceView>? Evidence = null, string? EvidenceAsked = null, bool EvidenceMissing = false);

/// <summary>A photograph or document attached to an item's answer (at <see cref="Revision"/> of it), read at <see cref="Url"/>.</summary>
public sealed record AnswerEvidenceView(Guid Id, int Revision, string MediaType, long Size, string Sha256, string Url, DateTimeOffset RecordedAt, Guid RecordedBy);

public sealed record DepartureView(DateTimeOffset At, DateTimeOffset RecordedAt, Guid RecordedBy);

public sealed record HeadcountView(Guid Id, DateTimeOffset At, IReadOnlyList<HeadcountEntryView> Entries, DateTimeOffset RecordedAt, Guid RecordedBy);

/// <summary>
/// A visit as the API answers it. <see cref="Status"/>: <c>planned</c>, <c>approved</c> (its team approved), <c>inProgress</c>
/// (the team arrived), <c>done</c> (the team left). The team's names are people's: every read is in the access log.
/// </summary>
public sealed record VisitView(
    Guid Id, string Number, string Status, VisitFacilityView Facility, DateTimeOffset PlannedFor, VisitKind Kind, bool Announced,
    DateTimeOffset? NoticeGivenAt, VisitChecklistRef Checklist, IReadOnlyList<TeamMemberView> Team, IReadOnlyList<string> Warnings,
    ApprovalView? Approval, ArrivalView? Arrival, IReadOnlyList<VisitCheckView> Checks, IReadOnlyList<AccessDenialView> AccessDenials,
    IReadOnlyList<AlertView> Alerts, DateTimeOffset RecordedAt, Guid RecordedBy, HeadcountView? Headcount = null,
    IReadOnlyList<ChecklistAnswerView>? ChecklistAnswers = null, DepartureView? Departure = null);

/// <summary>Reads a visit the user may read (<see cref="Visit.Readable"/>); 404 alike for none and for another region's.</summary>
public sealed class GetVisit(AigaqDb db, FacilityDirectory facilities, AccessLog log, Rules.RulePackCatalog rules, VisitChecklists checklists, TimeProvider clock)
{
    /// <summary>The key suffix that ties an alert to its visit (<c>AccessDenied:{denial}:{visit}</c>).</summary>
    public static string KeySuffix(Guid visitId) => ":" + visitId.ToString();

    /// <summary>The codes a visit raises, each keyed to end with <see cref="KeySuffix"/>.</summary>
    internal static readonly string[] VisitCodes =
    [
        AlertCodes.AccessDenied, AlertCodes.UnregisteredDetainee, AlertCodes.RegisteredButAbsent, AlertCodes.RepeatedRecommendation,
        AlertCodes.RecommendationResponseOverdue,
    ];

    /// <summary>
    /// Reads the visit. With <c>shell</c>, for the page's shell (<c>?shell=true</c>), the copy a device keeps without what
    /// names or points at a person (ADR 0030, addendum): its read is in the access log as <c>visit.shell</c>, not as a
    /// <c>visit.read</c>, so that one opening of the page is one read of the visit by its reader.
    /// </summary>
    public async Task<Found<VisitView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct, bool shell = false)
    {
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).Include(v => v.Team).AsSingleQuery().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null)
        {
            return Found<VisitView>.Of(null, "The visit");
        }

        var facility = (await facilities.FindAsync(db, visit.FacilityId, ct))!;
        var approval = await db.Set<VisitApproval>().AsNoTracking().FirstOrDefaultAsync(a => a.VisitId == id, ct);
        var arrival = await db.Set<VisitArrival>().AsNoTracking().FirstOrDefaultAsync(a => a.VisitId == id, ct);
        var checks = await db.Set<VisitCheck>().AsNoTracking().Where(c => c.VisitId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var denials = await db.Set<AccessDenial>().AsNoTracking().Where(d => d.VisitId == id).OrderBy(d => d.At).ThenBy(d => d.Id).ToListAsync(ct);
        var suffix = KeySuffix(id);
        var headcount = await db.Set<Headcounts.VisitHeadcount>().AsNoTracking().Include(h => h.Entries).AsSingleQuery().FirstOrDefaultAsync(h => h.VisitId == id, ct);
        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => VisitCodes.Contains(a.Code) && a.Key.EndsWith(suffix))
            .OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var closed = (await FacilityMonitoring.ProfileAsync(db, visit.FacilityId, ct)).Closed;
        var severity = rules.At(clock.GetUtcNow()).Alerts;
        var answers = await db.Set<Answers.VisitChecklistAnswer>().AsNoTracking().Where(a => a.VisitId == id).ToListAsync(ct);
        var departure = await db.Set<Answers.VisitDeparture>().AsNoTracking().FirstOrDefaultAsync(d => d.VisitId == id, ct);
        var evidence = (await db.Set<Answers.VisitAnswerEvidence>().AsNoTracking().Where(e => e.VisitId == id).ToListAsync(ct))
            .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).ToLookup(e => e.ItemId, StringComparer.Ordinal);
        var version = checklists.Version(visit.ChecklistId, visit.ChecklistVersion);
        log.Add(user, shell ? "visit.shell" : "visit.read", id.ToString(), "allowed");
        await db.SaveChangesAsync(ct);

        return Found<VisitView>.Of(new VisitView(
            visit.Id, visit.Number, VisitsPage.Status(approval is not null, arrival?.ArrivedAt, departure is not null),
            new VisitFacilityView(facility.Id, facility.Name, facility.Type, facility.Agency, facility.Region),
            visit.PlannedFor, visit.Kind, visit.Announced, visit.NoticeGivenAt, new VisitChecklistRef(visit.ChecklistId, visit.ChecklistVersion, visit.ChecklistKind),
            [.. visit.Team.OrderBy(m => m.Position).Select(m => new TeamMemberView(m.Name, m.Email, m.Role, m.Sex, m.UserId))],
            PlanVisit.Warnings(visit.Team, closed),
            approval is null ? null : new ApprovalView(approval.Id, approval.ApprovedBy, approval.ApprovedAt, approval.Comment),
            arrival is null ? null : new ArrivalView(arrival.ArrivedAt, arrival.AdmittedAt, arrival.RecordedAt, arrival.RecordedBy),
            [.. checks.Select(c => new VisitCheckView(c.Id, c.Kind, c.Name, c.At, c.Note, c.RecordedAt, c.RecordedBy))],
            [.. denials.Select(d => new AccessDenialView(d.Id, d.At, d.What, d.By, d.Reason, d.Minutes, d.RecordedAt, d.RecordedBy))],
            [.. alerts.Select(a => AlertView.From(a).Weighed(severity))], visit.RecordedAt, visit.RecordedBy,
            headcount is null ? null : new HeadcountView(
                headcount.Id, headcount.At,
                [.. headcount.Entries.OrderBy(e => e.Position).Select(e => new HeadcountEntryView(e.Finding, e.LastName, e.FirstName, e.Patronymic, e.BirthDate, e.Iin, e.DetentionId, e.ReportId))],
                headcount.RecordedAt, headcount.RecordedBy),
            [.. answers.GroupBy(a => a.ItemId, StringComparer.Ordinal).Select(g => (Latest: g.MaxBy(a => a.Revision)!, Count: g.Count()))
                .OrderBy(x => x.Latest.ItemId, StringComparer.Ordinal)
                .Select(x => (x.Latest, x.Count, Value: System.Text.Json.Nodes.JsonNode.Parse(x.Latest.Value), Item: version?.Item(x.Latest.ItemId)))
                .Select(x => new ChecklistAnswerView(
                    x.Latest.ItemId, x.Value, x.Latest.Note, x.Latest.At, x.Latest.RecordedAt, x.Latest.RecordedBy, x.Count,
                    [.. evidence[x.Latest.ItemId].Select(e => new AnswerEvidenceView(
                        e.Id, e.Revision, e.MediaType, e.Size, e.Sha256, Answers.AddAnswerEvidence.Url(id, e.Id), e.RecordedAt, e.RecordedBy))],
                    x.Item?.Evidence, x.Item?.LacksEvidence(x.Value, evidence[x.Latest.ItemId].Select(e => e.MediaType)) ?? false))],
            departure is null ? null : new DepartureView(departure.At, departure.RecordedAt, departure.RecordedBy)), "The visit");
    }
}
