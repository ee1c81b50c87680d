using Aigaq.Data;
using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Visits.Answers;

/// <summary>
/// Checklist answers (each revision), the files attached to them and departures, each against its entry; and every
/// attached file against its row, as the examination photographs are: a file that is gone or whose bytes no longer hash
/// to the row's SHA-256 is named, so an edited photograph is found even where the row and the log agree.
/// </summary>
internal sealed class AnswerAudit(VisitEvidenceStore store) : IAuditSource
{
    public IReadOnlyCollection<string> Kinds => [AnswerLedger.Answered, AnswerLedger.EvidenceAttached, AnswerLedger.Departed];

    public async Task CheckAsync(AuditRecords audit, CancellationToken ct)
    {
        await foreach (var a in audit.Db.Set<VisitChecklistAnswer>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(AnswerLedger.Answered, a.Id, "visit checklist answer", () => AnswerLedger.Content(a));
        }

        var files = await audit.Db.Set<VisitAnswerEvidence>().AsNoTracking().OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).ToListAsync(ct);
        foreach (var e in files)
        {
            audit.One(AnswerLedger.EvidenceAttached, e.Id, "visit answer evidence", () => AnswerLedger.Content(e));
        }

        // The files after the rows: one file may serve several rows (the same photograph on two answers), and is read once.
        foreach (var group in files.GroupBy(e => e.Sha256, StringComparer.Ordinal))
        {
            StoredFileStatus status;
            try
            {
                status = ContentStore.IsHash(group.Key) ? (await store.ReadAsync(group.Key, ct)).Status : StoredFileStatus.Altered;
            }
            catch (Exception x) when (x is IOException or UnauthorizedAccessException)
            {
                foreach (var e in group)
                {
                    audit.Fail($"{AnswerLedger.EvidenceAttached} {e.Id}: file unreadable ({x.GetType().Name})");
                }

                continue;
            }

            foreach (var e in group.Where(_ => status != StoredFileStatus.Intact))
            {
                audit.Fail(status == StoredFileStatus.Missing
                    ? $"{AnswerLedger.EvidenceAttached} {e.Id}: file missing: no file holds the content the log commits to"
                    : $"{AnswerLedger.EvidenceAttached} {e.Id}: file altered: the stored file no longer hashes to the row's SHA-256");
            }
        }

        await foreach (var d in audit.Db.Set<VisitDeparture>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            audit.One(AnswerLedger.Departed, d.Id, "visit departure", () => AnswerLedger.Content(d));
        }
    }
}
