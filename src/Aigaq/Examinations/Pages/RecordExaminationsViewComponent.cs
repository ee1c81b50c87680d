using Aigaq.Access;
using Aigaq.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>An examination as a record's page lists it: its number, status and clock; no name, no medical content.</summary>
public sealed record RecordExamination(Guid Id, string Number, ExaminationStatus Status, DateTimeOffset DueBy);

/// <summary>What the block draws: the examinations the reader may read, and the prefilled request link for those who may ask.</summary>
public sealed record RecordExaminationsBlock(IReadOnlyList<RecordExamination> Rows, string? RequestLink);

/// <summary>
/// The examinations of a detention, a report or a case on that record's page (issue 16, item 1), invoked by name so that
/// those registers do not know this area: those already requested for the record that the reader may read
/// (<see cref="Examination.Readable"/>), with their status, and a request link prefilled with the record for the roles
/// that may request one. Nothing is drawn for a reader who may neither read one nor ask. A list that shows any is logged.
/// </summary>
public sealed class RecordExaminationsViewComponent(AigaqDb db, AccessLog log) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? detentionId = null, Guid? reportId = null, Guid? caseId = null)
    {
        var ct = HttpContext.RequestAborted;
        var user = UserClaimsPrincipal;
        var rows = Examination.Readable(db.Set<Examination>().AsNoTracking(), db.Set<ExaminationExaminer>(), user);
        (rows, var link) = (detentionId, reportId, caseId) switch
        {
            ({ } d, _, _) => (rows.Where(e => e.DetentionId == d), $"/examinations/new?detentionId={d}"),
            (_, { } r, _) => (rows.Where(e => e.ReportId == r), $"/examinations/new?reportId={r}"),
            (_, _, { } c) => (rows.Where(e => e.CaseId == c), $"/examinations/new?caseId={c}"),
            _ => (rows.Where(_ => false), null),
        };
        var sessions = db.Set<ExaminationSession>();
        var seals = db.Set<ExaminationSeal>();
        var found = await rows.OrderBy(e => e.Seq).Take(ListExaminations.PageSize).Select(e => new RecordExamination(
            e.Id, e.Number,
            seals.Any(s => s.ExaminationId == e.Id) ? ExaminationStatus.Sealed
                : sessions.Any(s => s.ExaminationId == e.Id) ? ExaminationStatus.InProgress : ExaminationStatus.Requested,
            e.DueBy)).ToListAsync(ct);
        var mayRequest = link is not null && user.Can(Permissions.RequestExaminations);
        if (found.Count == 0 && !mayRequest)
        {
            return Content("");
        }

        if (found.Count > 0)
        {
            log.Add(user, "examinations.list", $"{found.Count} records", "allowed");
            await db.SaveChangesAsync(ct);
        }

        return View("/Examinations/Pages/_RecordExaminations.cshtml", new RecordExaminationsBlock(found, mayRequest ? link : null));
    }
}
