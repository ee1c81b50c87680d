using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>Every row of an examination, each against the entry that recorded it: a deleted or edited one is named.</summary>
internal sealed class ExaminationAudit : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => ExaminationLedger.Kinds;

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        var db = audit.Db;
        await foreach (var e in db.Set<Examination>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.Requested, e.Id, "examination", () => ExaminationLedger.Content(e));
        }

        await foreach (var x in db.Set<ExaminationExaminer>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.ExaminerAssigned, x.Id, "examination examiner", () => ExaminationLedger.Content(x));
        }

        await foreach (var s in db.Set<ExaminationSession>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.SessionRecorded, s.Id, "examination session", () => ExaminationLedger.Content(s));
        }

        await foreach (var c in db.Set<ExaminationConsent>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.ConsentRecorded, c.Id, "examination consent", () => ExaminationLedger.Content(c));
        }

        await foreach (var s in db.Set<ExaminationSection>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.SectionRecorded, s.Id, "examination section", () => ExaminationLedger.Content(s));
        }

        await foreach (var f in db.Set<ExaminationFinding>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.FindingRecorded, f.Id, "examination finding", () => ExaminationLedger.Content(f));
        }

        await foreach (var s in db.Set<ExaminationSeal>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.Sealed, s.Id, "examination seal", () => ExaminationLedger.Content(s));
        }

        await foreach (var a in db.Set<ExaminationAmendment>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(ExaminationLedger.Amended, a.Id, "examination amendment", () => ExaminationLedger.Content(a));
        }

        await ExaminationSeals.AuditAsync(audit, ct);
    }
}
