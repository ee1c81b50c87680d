using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Recognises a protected person in a detention as it is registered, in its transaction, by the blind indexes of the
/// detainee's IIN and of their names with birth date: two keyed hashes and one indexed lookup, no identity opened
/// (issue 15, items 3 and 7). A match raises <see cref="AlertCodes.ProtectedPersonDetained"/>, naming the pseudonym and
/// the detention's number. The alert is deliberately not attached to the detention (no <c>DetentionId</c>): the detention's
/// readers, the detaining agency among them, must not be able to tell, even from a withheld row or a count, that the
/// detainee is protected; it reaches the region's supervisory prosecutors on the dashboard and the protection officer
/// on the person's page.
/// </summary>
internal sealed class MatchDetentions(ProtectionKeys keys) : IDetentionRegisteredSubscriber, ICustodyEventSubscriber
{
    public async Task OnRegisteredAsync(DetentionRegistered registered, CancellationToken ct)
    {
        if (keys.Index is not { } index)
        {
            return;
        }

        var d = registered.Detention;
        foreach (var p in await ProtectedInAsync(registered.Db, index, d, ct))
        {
            registered.Db.Add(Raise(AlertCodes.ProtectedPersonDetained, d.Id.ToString(), p.Id, p.Region, $"{p.Pseudonym} · {d.Number}", registered.Now));

            // A detention that names an article charges the person with something: for a person who reported torture,
            // the counter-charge (knowingly false denunciation, or any other) is the reprisal to watch (item 7).
            if (!string.IsNullOrWhiteSpace(d.GroundsArticle))
            {
                registered.Db.Add(Raise(
                    AlertCodes.CounterChargeAgainstReporter, d.Id.ToString(), p.Id, p.Region, $"{p.Pseudonym} · {d.Number} · {d.GroundsArticle.Trim()}", registered.Now));
            }
        }
    }

    /// <summary>
    /// A protected person in custody moved to another facility raises <see cref="AlertCodes.ProtectedPersonTransferred"/>:
    /// recognised again by the blind indexes, so a person protected after the detention began is recognised too.
    /// </summary>
    public async Task OnRecordedAsync(CustodyEventRecorded recorded, CancellationToken ct)
    {
        if (recorded.Details is not Transferred || keys.Index is not { } index)
        {
            return;
        }

        var d = recorded.Detention;
        foreach (var p in await ProtectedInAsync(recorded.Db, index, d, ct))
        {
            recorded.Db.Add(Raise(
                AlertCodes.ProtectedPersonTransferred, $"{d.Id}.{recorded.Event.Id}", p.Id, p.Region, $"{p.Pseudonym} · {d.Number}", recorded.Now));
        }
    }

    /// <summary>
    /// The protected persons a detainee is, by the keyed hashes of their IIN and of their names with birth date. Their
    /// alerts are raised in the person's region, whose protection officers and prosecutors answer for them, wherever the
    /// detention is.
    /// </summary>
    private static async Task<List<(Guid Id, string Pseudonym, string Region)>> ProtectedInAsync(AigaqDb db, BlindIndex index, Detention d, CancellationToken ct)
    {
        var iin = index.OfIin(d.Iin);
        var name = index.OfName(d.LastName, d.FirstName, RegisterProtectedPerson.BirthDateOf(d.BirthDate, d.Iin));
        if (iin is null && name is null)
        {
            return [];
        }

        var found = await db.Set<ProtectedPerson>().AsNoTracking()
            .Where(p => (iin != null && p.IinIndex == iin) || (name != null && p.NameIndex == name))
            .Select(p => new { p.Id, p.Pseudonym, p.Region })
            .ToListAsync(ct);
        return [.. found.Select(p => (p.Id, p.Pseudonym, p.Region))];
    }

    /// <summary>The person's detentions not yet ended, matched by the identity in hand at registration, by the same indexes.</summary>
    public static async Task<IReadOnlyList<Detention>> HeldNowAsync(
        AigaqDb db, BlindIndex index, ProtectedPerson person, PersonInput identity, CancellationToken ct)
    {
        var iin = identity.Iin?.Trim() is { Length: 12 } given && Iin.Check(given).Error is null ? given : null;
        var born = RegisterProtectedPerson.BirthDateOf(identity);
        if (iin is null && born is null)
        {
            return [];
        }

        var candidates = await db.Set<Detention>().AsNoTracking()
            .Where(d => d.Status != CustodyStatus.Released && ((iin != null && d.Iin == iin) || (born != null && d.BirthDate == born)))
            .ToListAsync(ct);
        return [.. candidates.Where(d =>
            (person.IinIndex is not null && index.OfIin(d.Iin) == person.IinIndex) ||
            (person.NameIndex is not null && index.OfName(d.LastName, d.FirstName, RegisterProtectedPerson.BirthDateOf(d.BirthDate, d.Iin)) == person.NameIndex))];
    }

    public static Alert Alert(ProtectedPerson person, Detention detention, DateTimeOffset now) =>
        Raise(AlertCodes.ProtectedPersonDetained, detention.Id.ToString(), person.Id, person.Region, $"{person.Pseudonym} · {detention.Number}", now);

    /// <summary>A protection alert kept off the detention, its key <c>Code:about:person</c> (<see cref="DetentionOf"/>, <see cref="KeySuffix"/>).</summary>
    private static Alert Raise(string code, string about, Guid personId, string region, string detail, DateTimeOffset now) => AlertFactory.Create(
        new AlertDue(code, $"{code}:{about}{KeySuffix(personId)}", null, detail), detentionId: null, region, now);

    /// <summary>
    /// The detention a protection alert raised by the custody register is about, from its key
    /// (<c>Code:detention[.event]:person</c>); null for the other protection alerts.
    /// </summary>
    public static Guid? DetentionOf(Alert alert) =>
        alert.Code is AlertCodes.ProtectedPersonDetained or AlertCodes.CounterChargeAgainstReporter or AlertCodes.ProtectedPersonTransferred
        && alert.Key.Split(':') is [_, var about, _] && Guid.TryParse(about.Split('.')[0], out var id) ? id : null;

    public static string KeySuffix(Guid personId) => ":" + personId;
}
