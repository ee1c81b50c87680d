using System.Text.Json;
using Aigaq.Data;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary>
/// Consent after the seal (review finding M2): consent is the person's, not part of the sealed medical record, so the
/// person may still withdraw consent to share; nothing else changes. A consent recorded after the seal must keep every
/// other item as it stands, give no new consent to share, withdraw at least one share item, and be dated no earlier than
/// the consent in force (so that it is the one in force). <see cref="RevokeExaminationShare.ForWithdrawalAsync"/> ends the
/// live shares of what it withdraws.
/// </summary>
internal static class WithdrawShareConsent
{
    /// <summary>The share items withdrawn, or the problem: 409 naming the item that may not change (or <c>consent</c>), 400 naming <c>at</c>.</summary>
    public static async Task<(IReadOnlyList<string> Withdrawn, ProblemResult? Problem)> CheckAsync(
        AigaqDb db, Writable open, IReadOnlyDictionary<string, bool> items, DateTimeOffset at, CancellationToken ct)
    {
        var current = await db.Set<ExaminationConsent>().AsNoTracking().Where(c => c.ExaminationId == open.Exam.Id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.RecordedAt).FirstOrDefaultAsync(ct);
        var before = current is null ? [] : JsonSerializer.Deserialize<Dictionary<string, bool>>(current.Items) ?? [];
        var withdrawn = new List<string>();
        foreach (var item in open.Form.Consent)
        {
            var was = before.TryGetValue(item.Id, out var w) ? w : (bool?)null;
            var now = items.TryGetValue(item.Id, out var n) ? n : (bool?)null;
            if (was == now)
            {
                continue;
            }

            if (ShareRecipients.IsShareItem(item) && was == true && now == false)
            {
                withdrawn.Add(item.Id);
                continue;
            }

            return ([], new ProblemResult(ProblemTypes.ConflictProblem(
                $"Examination {open.Exam.Number} is sealed: after the seal only consent to share may be withdrawn; {item.Id} stays as it was.",
                "items." + item.Id)));
        }

        if (withdrawn.Count == 0)
        {
            return ([], new ProblemResult(ProblemTypes.ConflictProblem(
                $"Examination {open.Exam.Number} is sealed: its consent changes only by a withdrawal of consent to share.", "consent")));
        }

        if (current is not null && at < current.At)
        {
            var v = new Validation();
            v.Add("at", "must not be before the consent in force: a withdrawal supersedes it");
            return ([], new ProblemResult(v.Problem()));
        }

        return (withdrawn, null);
    }
}
