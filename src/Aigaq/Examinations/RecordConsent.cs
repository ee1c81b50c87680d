using System.Security.Claims;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

/// <summary><c>POST /api/v1/examinations/{id}/consent</c>: each item of the form's consent, yes or no, and why any is refused.</summary>
public sealed record RecordConsentRequest(DateTimeOffset? At, Dictionary<string, bool>? Items, string? RefusalReason = null);

public sealed record ConsentRecorded(Guid Id, Guid ExaminationId, IReadOnlyDictionary<string, bool> Items);

/// <summary>
/// Consent item by item (issue 16, item 4), on the examination's form version: every consent item is stated, yes or no
/// (an item left out is not a yes); a refusal of any gives its reason. A later consent (a withdrawal) supersedes the
/// earlier one, which stays on record. What the items do not allow is refused elsewhere: no finding without
/// <c>examination</c>; the photographs and shares will ask theirs.
/// </summary>
public sealed class RecordConsent(AigaqDb db, RulePackCatalog rules, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<ConsentRecorded>> HandleAsync(Guid id, RecordConsentRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        // After the seal, only a withdrawal of consent to share (M2; Shares/WithdrawShareConsent).
        var isSealed = await db.Set<ExaminationSeal>().AnyAsync(s => s.ExaminationId == id, ct);
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "consent", ct, amend: isSealed);
        if (open is null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var at = v.Required("at", request.At);
        if (request.At is not null)
        {
            v.Moment("at", at, now, rules.At(now), open.Exam.RequestedAt, "the request");
        }

        var items = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (request.Items is null)
        {
            v.Add("items", "is required");
        }
        else
        {
            foreach (var key in request.Items.Keys.Where(k => open.Form.ConsentItemOf(k) is null))
            {
                v.Add($"items.{key}", $"is not a consent item of form {open.Form.Id}");
            }

            // In the form's order, so that the stored items (and their log commitment) do not depend on the client's order.
            foreach (var item in open.Form.Consent)
            {
                if (request.Items.TryGetValue(item.Id, out var given))
                {
                    items[item.Id] = given;
                }
                else if (item.Kind == "consent" && !item.Optional)
                {
                    v.Add($"items.{item.Id}", "is required: each consent item is stated, yes or no");
                }
            }
        }

        var reason = v.Optional("refusalReason", request.RefusalReason, 2000);
        if (reason is null && open.Form.Consent.Any(c => c.Kind == "consent" && items.TryGetValue(c.Id, out var yes) && !yes))
        {
            v.Add("refusalReason", "is required when an item is refused");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        IReadOnlyList<string> withdrawn = [];
        if (isSealed)
        {
            (withdrawn, var refused) = await WithdrawShareConsent.CheckAsync(db, open, items, at, ct);
            if (refused is { } withdrawal)
            {
                return withdrawal;
            }
        }

        var consent = new ExaminationConsent
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            At = at,
            Items = JsonSerializer.Serialize(items),
            RefusalReason = reason,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(consent);
        LedgerWriter.Append(db, ExaminationLedger.ConsentRecorded, consent.Id, now, ExaminationLedger.Content(consent));
        if (withdrawn.Count > 0)
        {
            await RevokeExaminationShare.ForWithdrawalAsync(db, consent, withdrawn, ct);
        }

        log.Add(user, "examination.consent", id.ToString(), "allowed");
        return Outcome<ConsentRecorded>.Created(() => new ConsentRecorded(consent.Id, id, items), $"/api/v1/examinations/{id}");
    }
}
