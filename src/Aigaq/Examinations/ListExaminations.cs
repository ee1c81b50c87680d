using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>An examination in a list: its number, status and clock; no medical content, the person by name only to those who may read it.</summary>
public sealed record ExaminationSummary(
    Guid Id, string Number, ExaminationStatus Status, string Region, string RequestedByKind, DateTimeOffset RequestedAt, DateTimeOffset DueBy,
    string LastName, string FirstName, Guid? ReportId, Guid? CaseId, Guid? DetentionId);

/// <summary>The query string of <c>GET /api/v1/examinations</c>, every field as typed so that a bad one is named.</summary>
public sealed record ExaminationListQuery(string? DetentionId = null, string? CaseId = null, string? Status = null, string? Cursor = null);

/// <summary>Lists the examinations a user may read (<see cref="Examination.Readable"/>), newest first by keyset on their sequence; every list is logged.</summary>
public sealed class ListExaminations(AigaqDb db, AccessLog log)
{
    public const int PageSize = 50;

    public async Task<Answer<Page<ExaminationSummary>>> HandleAsync(ExaminationListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation();
        var rows = Examination.Readable(db.Set<Examination>().AsNoTracking(), db.Set<ExaminationExaminer>(), user);
        if (Id(v, "detentionId", query.DetentionId) is { } detentionId)
        {
            rows = rows.Where(e => e.DetentionId == detentionId);
        }

        if (Id(v, "caseId", query.CaseId) is { } caseId)
        {
            rows = rows.Where(e => e.CaseId == caseId);
        }

        var sessions = db.Set<ExaminationSession>();
        var seals = db.Set<ExaminationSeal>();
        switch (v.OptionalEnum<ExaminationStatus>("status", string.IsNullOrEmpty(query.Status) ? null : query.Status))
        {
            case ExaminationStatus.Requested:
                rows = rows.Where(e => !sessions.Any(s => s.ExaminationId == e.Id));
                break;
            case ExaminationStatus.InProgress:
                rows = rows.Where(e => sessions.Any(s => s.ExaminationId == e.Id) && !seals.Any(s => s.ExaminationId == e.Id));
                break;
            case ExaminationStatus.Sealed:
                rows = rows.Where(e => seals.Any(s => s.ExaminationId == e.Id));
                break;
        }

        var after = v.SeqCursor(query.Cursor);
        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var page = await rows.PageBySeqAsync(after, PageSize, e => new ExaminationSummary(
            e.Id, e.Number,
            seals.Any(s => s.ExaminationId == e.Id) ? ExaminationStatus.Sealed
                : sessions.Any(s => s.ExaminationId == e.Id) ? ExaminationStatus.InProgress : ExaminationStatus.Requested,
            e.Region, e.RequestedByKind, e.RequestedAt, e.DueBy, e.LastName, e.FirstName, e.ReportId, e.CaseId, e.DetentionId), ct);
        log.Add(user, "examinations.list", $"{page.Items.Count} records", "allowed");
        await db.SaveChangesAsync(ct);
        return Answer<Page<ExaminationSummary>>.Ok(page);
    }

    private static Guid? Id(Validation v, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        v.Add(field, "must be an id");
        return null;
    }
}
