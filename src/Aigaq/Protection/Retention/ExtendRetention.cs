using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary><c>POST /api/v1/protected-persons/{id}/retention</c>: <c>{ "retainUntil", "reason" }</c>.</summary>
public sealed record ExtendRetentionRequest(DateTimeOffset? RetainUntil, string? Reason);

/// <summary>
/// Keeps a protected person's records longer, with a reason (issue 15, item 9): an append-only row and its log entry.
/// The date only ever moves later, and not further ahead than the pack allows; a person the user may not read is not
/// found. Nothing is written for a refused request.
/// </summary>
public sealed class ExtendRetention(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public const int MaxReason = 2000;

    public async Task<Outcome<RetentionExtensionView>> HandleAsync(Guid personId, ExtendRetentionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var person = await GetProtectedPerson.Visible(db.Set<ProtectedPerson>().AsNoTracking(), user)
            .Where(p => p.Id == personId).Select(p => new { p.Id, p.RecordedAt }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protected person"));
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var reason = v.Required("reason", request.Reason, MaxReason);
        var until = v.Required("retainUntil", request.RetainUntil);
        if (!v.Has("retainUntil"))
        {
            var current = await ProtectionRetention.RetainUntilAsync(db, rules, person.Id, person.RecordedAt, ct);
            var most = now.AddYears(rules.At(now).Protection.Retention.ExtensionAtMostYears);
            if (until <= current)
            {
                v.Add("retainUntil", $"must be later than the current retention date, {LedgerWriter.Instant(current)}: it is never shortened");
            }
            else if (until > most)
            {
                v.Add("retainUntil", $"must be at most {LedgerWriter.Instant(most)}; extend again later if needed");
            }
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var extension = new RetentionExtension
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person.Id,
            RetainUntil = until.ToUniversalTime(),
            Reason = reason,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(extension);
        LedgerWriter.Append(db, ProtectionLedger.RetentionExtended, extension.Id, now, ProtectionLedger.Content(extension));
        log.Add(user, "protection.retention.extend", person.Id.ToString(), "allowed");
        return Outcome<RetentionExtensionView>.Created(() => ProtectionRetention.View(extension), $"/api/v1/protected-persons/{person.Id}");
    }
}
