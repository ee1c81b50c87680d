using Aigaq.Cases;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// A case registered under art. 146 requests an examination of its victim by itself (issue 16, item 1), in the case's
/// transaction, linked to the case and its report, unless the person is already to be examined for the same detention
/// (a custody event requested it) or the same report: that request serves, and the oversight scan
/// (<see cref="ExaminationScanner"/>) finds a case's examinations by its report and detention as well as by the case.
/// A report without a named victim (an anonymous one) requests none: there is no one to examine yet.
/// </summary>
internal sealed class ExaminationFromCase(ExaminationForms forms, NumberAllocator numbers, Rules.RulePackCatalog rules) : ICaseSubscriber
{
    public async Task OnRegisteredAsync(CaseRegistered registered, CancellationToken ct)
    {
        var (db, c, report, now) = registered;
        // Every case of the register is under the pack's torture article (CaseRules.Article, art. 146 today): no number here.
        var pack = rules.ById(c.RulePackId) ?? rules.At(now);

        var victim = report.Victims.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v.LastName) && !string.IsNullOrWhiteSpace(v.FirstName));
        if (victim is null)
        {
            return;
        }

        var already = await db.Set<Examination>().AnyAsync(
            e => e.ReportId == report.Id || (report.DetentionId != null && e.DetentionId == report.DetentionId), ct);
        if (already)
        {
            return;
        }

        await RequestExamination.NewAsync(
            db, pack, forms, numbers,
            new RequestExamination.Examined(victim.LastName!, victim.FirstName!, victim.Patronymic, victim.BirthDate, victim.Iin), c.Region,
            RequestExamination.RegisterKind, reference: null, requestedAt: now, report.Id, c.Id, report.DetentionId, null, RequestExamination.Register, now, ct);
    }
}
