using System.Security.Claims;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Facilities;
using Aigaq.Visits.Headcounts;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits;

/// <summary>
/// Fills a <see cref="VisitReportModel"/> from the visit's facts, for a visit the user may read (<see cref="Visit.Readable"/>);
/// null for none. The public version reads no personal data at all: its model is made from the same rows with every
/// personal field left out, and the headcount's names and detentions are not read.
/// </summary>
public sealed class VisitReportAssembler(AigaqDb db, FacilityDirectory facilities, VisitChecklists checklists, VisitReportText text, Rules.RulePackCatalog rules, TimeProvider clock)
{
    public async Task<VisitReportModel?> AssembleAsync(Guid id, bool full, string language, ClaimsPrincipal user, CancellationToken ct)
    {
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).Include(v => v.Team).AsSingleQuery().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null)
        {
            return null;
        }

        var facility = (await facilities.FindAsync(db, visit.FacilityId, ct))!;
        var approval = await db.Set<VisitApproval>().AsNoTracking().FirstOrDefaultAsync(a => a.VisitId == id, ct);
        var arrival = await db.Set<VisitArrival>().AsNoTracking().FirstOrDefaultAsync(a => a.VisitId == id, ct);
        var checks = await db.Set<VisitCheck>().AsNoTracking().Where(c => c.VisitId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var denials = await db.Set<AccessDenial>().AsNoTracking().Where(d => d.VisitId == id).OrderBy(d => d.At).ThenBy(d => d.Id).ToListAsync(ct);
        var headcount = await db.Set<VisitHeadcount>().AsNoTracking().Include(h => h.Entries).AsSingleQuery().FirstOrDefaultAsync(h => h.VisitId == id, ct);
        var profile = await FacilityMonitoring.ProfileAsync(db, visit.FacilityId, ct);
        var facilityDenials = await db.Set<AccessDenial>().CountAsync(d => d.FacilityId == visit.FacilityId, ct);
        var answers = await db.Set<Answers.VisitChecklistAnswer>().AsNoTracking().Where(a => a.VisitId == id).ToListAsync(ct);
        var interviews = await db.Set<Interviews.VisitInterview>().AsNoTracking().Where(i => i.VisitId == id).OrderBy(i => i.At).ThenBy(i => i.Id).ToListAsync(ct);
        var responses = db.Set<VisitRecommendationResponse>().AsNoTracking();
        var recommendations = await db.Set<VisitRecommendation>().AsNoTracking().Where(r => r.VisitId == id).OrderBy(r => r.Seq)
            .Select(r => new VisitReportParts.Recommendation(
                r.Number, r.Addressee, r.Theme, r.Text, r.Priority, r.ResponseDueBy, r.RepeatsId != null,
                responses.Where(x => x.RecommendationId == r.Id).OrderByDescending(x => x.At).ThenByDescending(x => x.RecordedAt)
                    .Select(x => (RecommendationResponseStatus?)x.Status).FirstOrDefault()))
            .ToListAsync(ct);
        var departure = await db.Set<Answers.VisitDeparture>().AsNoTracking().FirstOrDefaultAsync(d => d.VisitId == id, ct);
        // The full version says which answers lack the photograph or document their item asks for: the files' types.
        var evidence = full
            ? (await db.Set<Answers.VisitAnswerEvidence>().AsNoTracking().Where(e => e.VisitId == id).Select(e => new { e.ItemId, e.MediaType }).ToListAsync(ct))
                .ToLookup(e => e.ItemId, e => e.MediaType, StringComparer.Ordinal)
            : null;
        var parts = new VisitReportParts(
            checklists.Version(visit.ChecklistId, visit.ChecklistVersion)?.For(visit.ChecklistKind), answers, interviews, recommendations, departure?.At, evidence);
        var smallCell = rules.At(clock.GetUtcNow()).Reprisals.SmallCellThreshold;
        var sections = VisitReportText.In(language, () => parts.Sections(text, full, smallCell));

        VisitReportHeadcount? count = null;
        if (headcount is not null)
        {
            // The public version withholds a small count of a finding that points at people, as it does the interviews'.
            var withheld = full ? 0 : smallCell;
            var counts = VisitReportHeadcount.Counted(headcount.Entries.Select(e => e.Finding), withheld);
            var lines = new List<VisitReportHeadcountLine>();
            if (full)
            {
                var ids = headcount.Entries.Where(e => e.DetentionId is not null).Select(e => e.DetentionId!.Value).Distinct().ToList();
                var numbers = await db.Set<Detention>().AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Number }).ToDictionaryAsync(d => d.Id, d => d.Number, ct);
                lines.AddRange(headcount.Entries.OrderBy(e => e.Position).Select(e => new VisitReportHeadcountLine(
                    e.Finding, e.DetentionId is { } d && numbers.TryGetValue(d, out var n) ? n : null, Name(e))));
            }

            count = new VisitReportHeadcount(headcount.At, counts, lines, withheld);
        }

        return new VisitReportModel(
            language, full, clock.GetUtcNow(), visit.Number, facility.Name, facility.Type, facility.Agency, facility.Region, visit.Kind, visit.Announced,
            visit.NoticeGivenAt, visit.PlannedFor,
            [.. visit.Team.OrderBy(m => m.Position).Select(m => new VisitReportMember(m.Role, full ? m.Name : null))],
            approval?.ApprovedAt, full ? approval?.Comment : null, arrival?.ArrivedAt, arrival?.AdmittedAt,
            [.. checks.Select(c => new VisitReportCheck(c.Kind, c.At, full ? c.Name : null, full ? c.Note : null))],
            // The public version counts the denials by kind: each one's time, who and why stay in the full version.
            full ? [.. denials.Select(d => new VisitReportDenial(d.What, d.At, d.Minutes, d.By, d.Reason))] : [],
            count,
            new VisitReportProfile(profile.Capacity, profile.Closed, full ? profile.ClosedReason : null, facilityDenials),
            sections,
            full ? null : VisitReportDenialCounts.Of(denials.Select(d => d.What), smallCell));
    }

    /// <summary>The names the team wrote down, or none for a registered person not found (the detention has them).</summary>
    private static string? Name(HeadcountEntry e)
    {
        var name = string.Join(' ', new[] { e.LastName, e.FirstName, e.Patronymic }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return name.Length == 0 ? null : name;
    }
}
