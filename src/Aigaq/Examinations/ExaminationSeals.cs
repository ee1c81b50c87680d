using Aigaq.TransparencyLog.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// What a seal closes over (review finding M1): the ids of the examination's findings and sections when it was sealed,
/// kept on the seal and committed to by its log entry. The writes take the examination's row lock first
/// (<see cref="ExaminationWrites.OpenAsync"/>), so none lands beside a seal; and a finding or section that is not among
/// the sealed ids was added after the seal, whatever time it carries, which the audit names.
/// </summary>
internal static class ExaminationSeals
{
    /// <summary>The ids as stored: ordered, comma-separated.</summary>
    public static string Join(IEnumerable<Guid> ids) => string.Join(',', ids.Select(id => id.ToString()).Order(StringComparer.Ordinal));

    /// <summary>The ids a stored list holds; an unreadable part is skipped (the log entry then no longer matches the row).</summary>
    public static IEnumerable<Guid> Ids(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => Guid.TryParse(p, out var id) ? id : (Guid?)null).OfType<Guid>();

    /// <summary>Names every finding and section of a sealed examination that its seal does not list.</summary>
    public static async Task AuditAsync(AuditRecords audit, CancellationToken ct)
    {
        var db = audit.Db;
        var seals = await db.Set<ExaminationSeal>().AsNoTracking().Where(s => s.FindingIds != null || s.SectionIds != null)
            .Select(s => new { s.Id, s.ExaminationId, s.FindingIds, s.SectionIds }).ToListAsync(ct);
        if (seals.Count == 0)
        {
            return;
        }

        var findings = seals.Where(s => s.FindingIds is not null).ToDictionary(s => s.ExaminationId, s => (s.Id, Ids: Ids(s.FindingIds!).ToHashSet()));
        var sections = seals.Where(s => s.SectionIds is not null).ToDictionary(s => s.ExaminationId, s => (s.Id, Ids: Ids(s.SectionIds!).ToHashSet()));
        var listed = db.Set<ExaminationSeal>().Where(s => s.FindingIds != null);
        await foreach (var f in db.Set<ExaminationFinding>().AsNoTracking().Where(f => listed.Any(s => s.ExaminationId == f.ExaminationId))
            .Select(f => new { f.Id, f.ExaminationId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Check(audit, findings, ExaminationLedger.FindingRecorded, "finding", f.Id, f.ExaminationId);
        }

        var listedSections = db.Set<ExaminationSeal>().Where(s => s.SectionIds != null);
        await foreach (var s in db.Set<ExaminationSection>().AsNoTracking().Where(x => listedSections.Any(s => s.ExaminationId == x.ExaminationId))
            .Select(x => new { x.Id, x.ExaminationId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            Check(audit, sections, ExaminationLedger.SectionRecorded, "section", s.Id, s.ExaminationId);
        }
    }

    private static void Check(AuditRecords audit, Dictionary<Guid, (Guid Id, HashSet<Guid> Ids)> sealedBy, string kind, string what, Guid id, Guid examinationId)
    {
        if (sealedBy.TryGetValue(examinationId, out var seal) && !seal.Ids.Contains(id))
        {
            audit.Fail($"{kind} {id}: the stored examination {what} is not among those sealed by {ExaminationLedger.Sealed} {seal.Id}: it was added after the seal");
        }
    }
}
