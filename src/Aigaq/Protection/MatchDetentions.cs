using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// Recognises protected persons in the custody register by the blind indexes of the detainee's IIN and of their names
/// with birth date: keyed hashes and one indexed lookup, no identity opened (issue 15, items 3 and 7).
/// <list type="bullet">
/// <item>A detention of a protected person raises <see cref="AlertCodes.ProtectedPersonDetained"/>, and, when it names an
/// article, <see cref="AlertCodes.CounterChargeAgainstReporter"/>; a transfer raises
/// <see cref="AlertCodes.ProtectedPersonTransferred"/>.</item>
/// <item>It runs in the protection scan, never in the police's transaction: the public log shows which entries one
/// transaction wrote, and an alert written beside a detention's entry would tell its officer that the detainee is
/// protected. For the same reason the alerts are not attached to the detention (no <c>DetentionId</c>): its key names
/// the detention and ends with the person (<c>Code:detention[.event]:person</c>).</item>
/// <item>The pass reads the log's entries past its cursor, in index order. Indices are taken under the log's state-row
/// lock and so follow the order of commits: once an entry is visible, every earlier one is, and no registration is
/// skipped. A protected person registered at the same moment is matched by their own registration, which looks for
/// held detentions only after it has taken that lock (<see cref="RegisterProtectedPerson"/>).</item>
/// </list>
/// </summary>
internal static class MatchDetentions
{
    /// <summary>Log entries read per round trip; a pass reads until it reaches the end of the log.</summary>
    internal const int Batch = 2_000;

    /// <summary>
    /// Matches every detention and transfer the log holds past the cursor; the number of alerts raised. The custody events
    /// of each batch are also handed to <paramref name="complaints"/> (<see cref="ProtectCustodyComplainants"/>) before the
    /// cursor moves past them.
    /// </summary>
    public static async Task<int> ScanAsync(
        AigaqDb db, BlindIndex index, DateTimeOffset now, CancellationToken ct, Func<IReadOnlyCollection<Guid>, Task<int>>? complaints = null)
    {
        var raised = 0;
        while (true)
        {
            var from = await db.Set<ProtectionMatchCursor>().AsNoTracking().Where(c => c.Id == 1).Select(c => c.NextIndex).SingleAsync(ct);
            var entries = await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => e.Index >= from)
                .OrderBy(e => e.Index)
                .Take(Batch)
                .Select(e => new { e.Index, e.Kind, e.RecordId })
                .ToListAsync(ct);
            if (entries.Count == 0)
            {
                return raised;
            }

            var registered = entries.Where(e => e.Kind == DetentionLedger.Registered).Select(e => e.RecordId).ToList();
            var events = entries.Where(e => e.Kind == DetentionLedger.Event).Select(e => e.RecordId).ToList();
            var due = new List<(string Region, AlertDue Due)>();
            if (registered.Count > 0)
            {
                due.AddRange(await RegisteredAsync(db, index, await db.Set<Detention>().AsNoTracking().Where(d => registered.Contains(d.Id)).ToListAsync(ct), ct));
            }

            if (events.Count > 0)
            {
                // Recognised again at each transfer, so a person protected after the detention began is recognised too.
                var transfers = await db.Set<DetentionEvent>().AsNoTracking()
                    .Where(e => events.Contains(e.Id) && e.Type == EventTypes.Transferred)
                    .Join(db.Set<Detention>(), e => e.DetentionId, d => d.Id, (e, d) => new { EventId = e.Id, Detention = d })
                    .ToListAsync(ct);
                var byDetention = transfers.ToLookup(t => t.Detention.Id, t => t.EventId);
                foreach (var (d, p) in await ProtectedInAsync(db, index, [.. transfers.Select(t => t.Detention).DistinctBy(d => d.Id)], ct))
                {
                    foreach (var eventId in byDetention[d.Id])
                    {
                        due.Add(Due(AlertCodes.ProtectedPersonTransferred, $"{d.Id}.{eventId}", p, $"{p.Pseudonym} · {d.Number}"));
                    }
                }
            }

            foreach (var (region, alert) in due)
            {
                await AlertFactory.AddNewAsync(db, [alert], null, region, now, ct);
            }

            raised += await AlertFactory.SaveIgnoringRacesAsync(db, ct);
            db.ChangeTracker.Clear();
            if (complaints is not null && events.Count > 0)
            {
                raised += await complaints(events);
            }

            // Another node's pass may have gone further meanwhile: the cursor only moves forward.
            var next = entries[^1].Index + 1;
            await db.Set<ProtectionMatchCursor>().Where(c => c.Id == 1 && c.NextIndex < next)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextIndex, next), ct);
            if (entries.Count < Batch)
            {
                return raised;
            }
        }
    }

    /// <summary>
    /// The alerts that registered detentions raise: <see cref="AlertCodes.ProtectedPersonDetained"/> for each protected
    /// person among the detainees, and <see cref="AlertCodes.CounterChargeAgainstReporter"/> when the detention names an
    /// article: for a person who reported torture, the counter-charge (knowingly false denunciation, or any other) is the
    /// reprisal to watch.
    /// </summary>
    internal static async Task<List<(string Region, AlertDue Due)>> RegisteredAsync(
        AigaqDb db, BlindIndex index, IReadOnlyCollection<Detention> detentions, CancellationToken ct)
    {
        var due = new List<(string Region, AlertDue Due)>();
        foreach (var (d, p) in await ProtectedInAsync(db, index, detentions, ct))
        {
            due.Add(Due(AlertCodes.ProtectedPersonDetained, d.Id.ToString(), p, $"{p.Pseudonym} · {d.Number}"));
            if (!string.IsNullOrWhiteSpace(d.GroundsArticle))
            {
                due.Add(Due(AlertCodes.CounterChargeAgainstReporter, d.Id.ToString(), p, $"{p.Pseudonym} · {d.Number} · {d.GroundsArticle.Trim()}"));
            }
        }

        return due;
    }

    /// <summary>
    /// The protected persons among the detainees, by the keyed hashes of their IIN and of their names with birth date:
    /// one query for the batch. Alerts are raised in the person's region, whose protection officers and prosecutors
    /// answer for them, wherever the detention is.
    /// </summary>
    internal static async Task<List<(Detention Detention, Person Person)>> ProtectedInAsync(
        AigaqDb db, BlindIndex index, IReadOnlyCollection<Detention> detentions, CancellationToken ct)
    {
        var hashed = detentions
            .Select(d => (Detention: d, Iin: index.OfIin(d.Iin), Name: index.OfName(d.LastName, d.FirstName, RegisterProtectedPerson.BirthDateOf(d.BirthDate, d.Iin))))
            .Where(h => h.Iin is not null || h.Name is not null)
            .ToList();
        if (hashed.Count == 0)
        {
            return [];
        }

        var iins = hashed.Where(h => h.Iin is not null).Select(h => h.Iin!).Distinct().ToList();
        var names = hashed.Where(h => h.Name is not null).Select(h => h.Name!).Distinct().ToList();
        var found = await db.Set<ProtectedPerson>().AsNoTracking()
            .Where(p => (p.IinIndex != null && iins.Contains(p.IinIndex)) || (p.NameIndex != null && names.Contains(p.NameIndex)))
            .Select(p => new Person(p.Id, p.Pseudonym, p.Region, p.IinIndex, p.NameIndex))
            .ToListAsync(ct);
        return [.. hashed.SelectMany(h => found
            .Where(p => (h.Iin is not null && p.IinIndex == h.Iin) || (h.Name is not null && p.NameIndex == h.Name))
            .Select(p => (h.Detention, p)))];
    }

    internal sealed record Person(Guid Id, string Pseudonym, string Region, string? IinIndex, string? NameIndex);

    private static (string, AlertDue) Due(string code, string about, Person p, string detail) =>
        (p.Region, new AlertDue(code, $"{code}:{about}{KeySuffix(p.Id)}", null, detail));

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

        // A detention may give an IIN and no birth date: the IIN begins with the birth date (yyMMdd), so those whose IIN
        // falls in that date's range are candidates too (a range, which the IIN's index serves).
        var (from, to) = born is { } day ? IinRange(day) : ("", "");
        // (string.Compare is what EF translates to SQL's < and >=; the strings are digits, which every collation orders alike.)
#pragma warning disable CA1309
        var candidates = await db.Set<Detention>().AsNoTracking()
            .Where(d => d.Status != CustodyStatus.Released && ((iin != null && d.Iin == iin) || (born != null && d.BirthDate == born)
                || (born != null && d.BirthDate == null && d.Iin != null && string.Compare(d.Iin, from) >= 0 && string.Compare(d.Iin, to) < 0)))
            .ToListAsync(ct);
#pragma warning restore CA1309
        return [.. candidates.Where(d =>
            (person.IinIndex is not null && index.OfIin(d.Iin) == person.IinIndex) ||
            (person.NameIndex is not null && index.OfName(d.LastName, d.FirstName, RegisterProtectedPerson.BirthDateOf(d.BirthDate, d.Iin)) == person.NameIndex))];
    }

    /// <summary>The IINs of people born on <paramref name="day"/> lie in [from, to): their first six digits are the date.</summary>
    private static (string From, string To) IinRange(DateOnly day)
    {
        var prefix = int.Parse(day.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        return (prefix.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), (prefix + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The alert a person's own registration raises for a detention they are held in.</summary>
    public static Alert Alert(ProtectedPerson person, Detention detention, DateTimeOffset now) => AlertFactory.Create(
        new AlertDue(AlertCodes.ProtectedPersonDetained, $"{AlertCodes.ProtectedPersonDetained}:{detention.Id}{KeySuffix(person.Id)}", null,
            $"{person.Pseudonym} · {detention.Number}"),
        detention: null, person.Region, now);

    /// <summary>
    /// The detention a protection alert raised from the custody register is about, from its key
    /// (<c>Code:detention[.event]:person</c>); null for the other protection alerts.
    /// </summary>
    public static Guid? DetentionOf(Alert alert) =>
        alert.Code is AlertCodes.ProtectedPersonDetained or AlertCodes.CounterChargeAgainstReporter or AlertCodes.ProtectedPersonTransferred
        && alert.Key.Split(':') is [_, var about, _] && Guid.TryParse(about.Split('.')[0], out var id) ? id : null;

    public static string KeySuffix(Guid personId) => ":" + personId;
}
