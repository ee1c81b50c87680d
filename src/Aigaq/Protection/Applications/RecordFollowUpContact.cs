using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary><c>POST /api/v1/protected-persons/{id}/contacts</c>.</summary>
public sealed record RecordFollowUpContactRequest(DateTimeOffset? At, ContactChannel? Channel, string? Outcome, DateTimeOffset? NextContactBy);

public sealed record FollowUpContactView(
    Guid Id, DateTimeOffset At, ContactChannel Channel, string? Outcome, DateTimeOffset? NextContactBy, DateTimeOffset RecordedAt);

/// <summary>
/// Records a follow-up contact with a protected person and, if given, when the next is due: the scan raises
/// <c>FollowUpContactDue</c> when that passes with no later contact. Reading a person's contacts is logged.
/// </summary>
public sealed class RecordFollowUpContact(AigaqDb db, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Outcome<FollowUpContactView>> HandleAsync(Guid personId, RecordFollowUpContactRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var person = await GetProtectedPerson.Visible(db.Set<ProtectedPerson>().AsNoTracking(), user)
            .Where(p => p.Id == personId).Select(p => new { p.Id, p.Region }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return new ProblemResult(ProblemTypes.NotFoundProblem("The protected person"));
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var at = v.Required("at", request.At);
        var channel = v.Required("channel", request.Channel);
        var outcome = v.Optional("outcome", request.Outcome, 4000);
        if (!v.Has("at"))
        {
            v.Moment("at", at, now, rules.At(at));
            if (request.NextContactBy is { } next && next <= at)
            {
                v.Add("nextContactBy", "must be after the contact");
            }
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var contact = new FollowUpContact
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person.Id,
            Region = person.Region,
            At = at,
            Channel = channel,
            Outcome = outcome,
            NextContactBy = request.NextContactBy,
            RecordedAt = now,
            RecordedBy = user.RequiredUserId(),
        };
        db.Add(contact);
        LedgerWriter.Append(db, ProtectionLedger.ContactRecorded, contact.Id, now, ProtectionLedger.Content(contact));
        log.Add(user, "protection.contact.record", contact.Id.ToString(), "allowed");
        return Outcome<FollowUpContactView>.Created(() => View(contact), $"/api/v1/protected-persons/{person.Id}/contacts");
    }

    /// <summary>The person's contacts, latest first; the read is logged.</summary>
    public async Task<Found<List<FollowUpContactView>>> ListAsync(Guid personId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await GetProtectedPerson.Visible(db.Set<ProtectedPerson>().AsNoTracking(), user).AnyAsync(p => p.Id == personId, ct))
        {
            return Found<List<FollowUpContactView>>.Of(null, "The protected person");
        }

        var contacts = await db.Set<FollowUpContact>().AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(ct);
        log.Add(user, "protection.contacts.read", personId.ToString(), "allowed");
        await db.SaveChangesAsync(ct);
        return Found<List<FollowUpContactView>>.Of([.. contacts.OrderByDescending(c => c.At).ThenByDescending(c => c.RecordedAt).Select(View)], "The protected person");
    }

    private static FollowUpContactView View(FollowUpContact c) => new(c.Id, c.At, c.Channel, c.Outcome, c.NextContactBy, c.RecordedAt);
}
