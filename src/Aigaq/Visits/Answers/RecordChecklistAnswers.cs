using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Answers;

/// <summary>The checklist version a client answers from, as <c>GET /api/v1/visits/{id}</c> gives it.</summary>
public sealed record AnsweredChecklist(string? Id, int? Version);

/// <summary>
/// <c>POST /api/v1/visits/{id}/checklist-answers</c> (ADR 0030, addendum): a batch of answers given at <see cref="At"/>,
/// keyed by item id, with optional notes keyed the same way. <see cref="Checklist"/>, when sent, must be the version the
/// visit is answered under (a device that loaded another is told, not silently re-mapped).
/// </summary>
public sealed record RecordChecklistAnswersRequest(
    DateTimeOffset? At, AnsweredChecklist? Checklist, Dictionary<string, JsonElement>? Answers, Dictionary<string, string?>? Notes);

public sealed record AnsweredItem(string ItemId, Guid Id, int Revision);

public sealed record ChecklistAnswersRecorded(IReadOnlyList<AnsweredItem> Answers);

/// <summary>
/// Records answers to the visit's checklist (issue 17, item 6): each item's answer a row of its own, the item's next
/// revision when it was answered before (the earlier stays, superseded). Fieldwork: the team approved and arrived, not
/// yet left (<see cref="VisitFieldwork"/>). A wrong answer is named <c>answers.&lt;itemId&gt;</c>, and nothing is written.
/// </summary>
public sealed class RecordChecklistAnswers(AigaqDb db, VisitChecklists checklists, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ChecklistAnswersRecorded>> HandleAsync(Guid visitId, RecordChecklistAnswersRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var visit = await Visit.Readable(db.Set<Visit>().AsNoTracking(), user).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The visit"));
        }

        var checklist = checklists.Version(visit.ChecklistId, visit.ChecklistVersion);
        if (checklist is null || visit.ChecklistKind is null)
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                $"Visit {visit.Number} has no checklist for its kind of place: there is nothing to answer.", "checklist"));
        }

        var v = new Validation();
        var at = v.Required("at", request.At);
        if (request.At is not null && v.Moment("at", at, now, pack, VisitFieldwork.Earliest(visit, pack), "the visit was planned")
            && await VisitFieldwork.ArrivedAtAsync(db, visitId, ct) is { } arrived && at < arrived)
        {
            v.Add("at", "is before the team arrived");
        }

        if (request.Checklist is { } sent && (sent.Id != checklist.Id || sent.Version != checklist.Version))
        {
            v.Add("checklist", $"must be the visit's checklist, {checklist.Name}");
        }

        var answers = request.Answers ?? [];
        var notes = request.Notes ?? [];
        if (answers.Count == 0)
        {
            v.Add("answers", "must answer at least one item");
        }

        var values = new List<(string Item, string Type, string Value, string? Note)>();
        foreach (var (itemId, answer) in answers)
        {
            var value = checklist.Validate(v, itemId, answer, visit.ChecklistKind);
            notes.TryGetValue(itemId, out var noteText);
            var note = v.Optional($"notes.{itemId}", noteText, PlanVisit.MaxText);
            if (value is not null)
            {
                values.Add((itemId, checklist.Item(itemId)!.Answer, value.ToJsonString(), note));
            }
        }

        foreach (var itemId in notes.Keys.Where(k => !answers.ContainsKey(k)))
        {
            v.Add($"notes.{itemId}", "is a note to an item not answered in this request");
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

        var items = values.Select(x => x.Item).ToList();
        var latest = await db.Set<VisitChecklistAnswer>().Where(a => a.VisitId == visitId && items.Contains(a.ItemId))
            .GroupBy(a => a.ItemId).Select(g => new { Item = g.Key, Revision = g.Max(a => a.Revision) })
            .ToDictionaryAsync(x => x.Item, x => x.Revision, StringComparer.Ordinal, ct);
        var me = user.RequiredUserId();
        var recorded = new List<AnsweredItem>();
        foreach (var (item, type, value, note) in values)
        {
            var row = new VisitChecklistAnswer
            {
                Id = Guid.CreateVersion7(now),
                VisitId = visitId,
                ChecklistId = checklist.Id,
                ChecklistVersion = checklist.Version,
                ItemId = item,
                Revision = latest.GetValueOrDefault(item) + 1,
                AnswerType = type,
                Value = value,
                Note = note,
                At = at,
                RecordedAt = now,
                RecordedBy = me,
            };
            db.Add(row);
            LedgerWriter.Append(db, AnswerLedger.Answered, row.Id, now, AnswerLedger.Content(row));
            recorded.Add(new AnsweredItem(item, row.Id, row.Revision));
        }

        log.Add(user, "visit.checklist.answers", visitId.ToString(), "allowed");
        return Outcome<ChecklistAnswersRecorded>.Created(() => new ChecklistAnswersRecorded(recorded), $"/api/v1/visits/{visitId}");
    }
}
