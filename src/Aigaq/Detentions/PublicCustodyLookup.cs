using System.Globalization;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

public sealed record PublicFacility(string Name, string Address);

public sealed record PublicCustodyAnswer(bool InCustody, PublicFacility? Facility, DateTimeOffset? Since);

/// <summary>
/// Tells a relative whether a person is held, where (unless the place is not yet confirmed) and since when - and nothing else: no
/// number, no grounds, no officers. All three of last name, first name and birth date must match,
/// and the endpoint is rate limited against fishing.
/// </summary>
public sealed class PublicCustodyLookup(AigaqDb db, Access.AccessLog log)
{
    public const string RateLimitPolicy = "public-lookup";

    public async Task<Answer<PublicCustodyAnswer>> HandleAsync(string? lastName, string? firstName, string? birthDate, CancellationToken ct)
    {
        var v = new Validation();
        var last = v.RequiredName("lastName", lastName, 100);
        var first = v.RequiredName("firstName", firstName, 100);
        DateOnly born = default;
        if (string.IsNullOrWhiteSpace(birthDate))
        {
            v.Add("birthDate", "is required");
        }
        else if (!DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out born))
        {
            v.Add("birthDate", "must be a date as YYYY-MM-DD");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        return Answer<PublicCustodyAnswer>.Ok(await FindAsync(last, first, born, ct));
    }

    public async Task<PublicCustodyAnswer> FindAsync(string lastName, string firstName, DateOnly birthDate, CancellationToken ct)
    {
        var key = RegisterDetention.NameKey(lastName, firstName);
        var held = await (
            from d in db.Set<Detention>().AsNoTracking()
            join f in db.Set<Facility>() on d.CurrentFacilityId equals f.Id
            where d.NameKey == key && d.BirthDate == birthDate && d.Status != CustodyStatus.Released
            orderby d.DetainedAt descending
            select new
            {
                d.Id,
                f.Name,
                f.Address,
                d.DetainedAt,

                // A place recorded where it was not expected is not published until the prosecutor has checked it.
                Unconfirmed = db.Set<Alerts.Alert>().Any(a =>
                    a.DetentionId == d.Id && a.Code == Alerts.AlertCodes.PlaceNotAsExpected && a.Status == Alerts.AlertStatus.Open),
            }).FirstOrDefaultAsync(ct);
        // Who asked is unknown; the log keeps the address and which record was revealed, so
        // fishing for someone can be seen afterwards.
        log.Add(null, "public.custody-lookup", held?.Id.ToString(), held is null ? "not-found" : "found");
        await db.SaveChangesAsync(ct);
        return held is null
            ? new PublicCustodyAnswer(false, null, null)
            : new PublicCustodyAnswer(true, held.Unconfirmed ? null : new PublicFacility(held.Name, held.Address), held.DetainedAt);
    }
}
